import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/support/test-app';
import type { RequestDetail, RequestSummary } from '../../core/requests/schemas';
import { playDemo } from './demo-activity';

/** The demo a newcomer finds: made through the API, as the demo's people would. */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await playDemo(t.app, DEMO_PASSWORD);
  await t.signInAll(['isf.hebron', 'pasf.supervisor', 'coord.duty']);
}, 120_000);
afterAll(() => t?.close());

const requestsOf = async (user: string) =>
  ((await t.call(user, 'GET', '/api/requests?box=all&limit=200')).json().items as RequestSummary[]).map(
    (item) => ({
      type: item.type,
      status: item.status,
      id: item.id,
    }),
  );

describe('the demo', () => {
  it('has a safe return on its way, an answer waiting for a supervisor and an incident with its crisis room', async () => {
    const requests = await requestsOf('coord.duty');
    expect(requests.map(({ type, status }) => `${type}:${status}`).sort()).toEqual([
      'incident:submitted',
      'rfi:acknowledged',
      'safe-return:located',
    ]);
    const rfi = requests.find((request) => request.type === 'rfi') as { id: string };
    const supervisor = (
      await t.call('pasf.supervisor', 'GET', `/api/requests/${rfi.id}`)
    ).json() as RequestDetail;
    expect(supervisor.actions).toEqual(['approve-answer', 'return-answer']);
    // The asking side sees nothing of the draft.
    expect((await t.call('isf.hebron', 'GET', `/api/requests/${rfi.id}`)).json().answerDraft).toBeNull();
    const incident = requests.find((request) => request.type === 'incident') as { id: string };
    const links = (
      (await t.call('coord.duty', 'GET', `/api/requests/${incident.id}`)).json() as RequestDetail
    ).links;
    expect(links.map((link) => link.kind)).toEqual(['channel']);
  });

  it('has the four working groups of the seed cable at work: signed minutes, a meeting ahead, commitments of both sides', async () => {
    await t.signInAll(['isf.police', 'pasf.police']);
    const groups = (await t.call('isf.police', 'GET', '/api/working-groups')).json() as {
      id: string;
      code: string;
    }[];
    expect(groups).toHaveLength(4);
    for (const group of groups) {
      const meetings = (
        await t.call('isf.police', 'GET', `/api/working-groups/${group.id}/meetings`)
      ).json() as {
        id: string;
        startsAt: string;
      }[];
      expect(meetings, group.code).toHaveLength(2);
      const past = meetings.find((meeting) => Date.parse(meeting.startsAt) < Date.now()) as { id: string };
      const minutes = (await t.call('isf.police', 'GET', `/api/meetings/${past.id}/minutes`)).json();
      expect(minutes, group.code).toMatchObject({ status: 'signed', version: 1 });
      expect(minutes.signatures.map((signature: { party: string }) => signature.party).sort()).toEqual([
        'ISF',
        'PASF',
      ]);
    }
    const commitments = (await t.call('pasf.police', 'GET', '/api/commitments')).json() as {
      items: { status: string; overdue: boolean; ownerParty: string }[];
    };
    const kinds = new Set(
      commitments.items.map((item) => `${item.ownerParty}:${item.status}:${item.overdue}`),
    );
    expect([...kinds].sort()).toEqual([
      'ISF:done:false',
      'ISF:in-progress:false',
      'ISF:open:true',
      'PASF:done:false',
      'PASF:open:false',
      'PASF:open:true',
    ]);
    // Delivered and confirmed on both sides, and one that waits for the other side's confirmation.
    const board = (await t.call('pasf.police', 'GET', '/api/commitments/board')).json() as {
      parties: { party: string; delivered: number; awaitingConfirmation: number; overdue: number }[];
    };
    expect(board.parties).toEqual([
      expect.objectContaining({ party: 'ISF', delivered: 4, awaitingConfirmation: 0, overdue: 4 }),
      expect.objectContaining({ party: 'PASF', delivered: 4, awaitingConfirmation: 4, overdue: 4 }),
    ]);
  });
});
