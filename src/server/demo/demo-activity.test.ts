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
});
