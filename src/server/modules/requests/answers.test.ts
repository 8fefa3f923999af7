import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { TestInbox } from '../../../../test/support/test-inbox';
import type { LiveEvent } from '../../../core/events/live';
import type { RequestDetail } from '../../../core/requests/schemas';

/**
 * Four-eyes answers (issue 15): the receiving desk drafts, a supervisor of its
 * party approves, edits or returns, and the requesting party learns nothing of
 * the draft by any path (API, live events, notifications, e-mail, search)
 * until the answer goes out.
 */

const DRAFTED = 'Kestrel-Juniper: the road reopens at dawn';
const RETURNED = 'Say which road, and not before the patrol confirms';
const EDITED = 'The Jenin road reopens at 06:00 after the patrol; keep convoys under five vehicles';
const REQUESTING = ['isf.hebron', 'isf.supervisor'] as const;

const inbox = new TestInbox();
let t: TestApp;
let baseUrl: string;
let hebronId: string;
const live = new Map<string, LiveClient>();

beforeAll(async () => {
  await inbox.start();
  t = await createTestApp({ env: { SMTP_URL: inbox.url } });
  await t.signInAll([...REQUESTING, 'pasf.hebron', 'pasf.supervisor', 'coord.duty']);
  const districts = (await call('isf.hebron', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const user of ['isf.supervisor', 'pasf.supervisor']) {
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) });
    live.set(user, client);
  }
}, 60_000);
afterAll(async () => {
  for (const client of live.values()) client.close();
  await t?.close();
  await inbox.stop();
});

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const act = (user: string, id: string, body: Record<string, unknown>) =>
  call(user, 'POST', `/api/requests/${id}/transitions`, body);
const view = async (user: string, id: string) =>
  (await call(user, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
const events = (client: LiveClient, until: (event: LiveEvent) => boolean) =>
  client
    .until((message) => message.type.includes('.') && until(message as LiveEvent))
    .then((messages) => messages.filter((message): message is LiveEvent => message.type.includes('.')));

async function notificationKinds(user: string, requestId: string): Promise<string[]> {
  const { items } = (await call(user, 'GET', '/api/notifications')).json() as {
    items: { kind: string; requestId: string | null }[];
  };
  return items.filter((item) => item.requestId === requestId).map((item) => item.kind);
}

async function emailedAbout(requestId: string) {
  return t.database.db
    .selectFrom('email_outbox as o')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .select(['o.to_address', 'n.kind'])
    .where('n.request_id', '=', requestId)
    .execute();
}

describe('a four-eyes answer to a request for information', () => {
  let rfi: RequestDetail;

  beforeAll(async () => {
    const created = await call('isf.hebron', 'POST', '/api/requests', {
      type: 'rfi',
      districtId: hebronId,
      fields: { question: 'Is the Jenin road open tonight?', category: 'security' },
    });
    expect(created.statusCode, created.body).toBe(201);
    rfi = created.json();
    expect((await act('pasf.hebron', rfi.id, { action: 'acknowledge' })).statusCode).toBe(200);
  });

  it('lets the desk only draft the answer, and keeps the draft within the receiving party', async () => {
    const direct = await act('pasf.hebron', rfi.id, { action: 'approve' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().detail).toMatch(/supervisor's approval/);
    expect((await view('pasf.hebron', rfi.id)).actions).toEqual(['request-info', 'draft-answer']);

    const noConditions = await act('pasf.hebron', rfi.id, {
      action: 'draft-answer',
      answer: 'approve-with-conditions',
    });
    expect(noConditions.json()).toMatchObject({ status: 400, errors: [{ path: 'body.conditions' }] });

    const drafted = await act('pasf.hebron', rfi.id, {
      action: 'draft-answer',
      answer: 'approve-with-conditions',
      conditions: DRAFTED,
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect(drafted.json()).toMatchObject({
      status: 'acknowledged',
      conditions: null,
      answerDraft: { answer: 'approve-with-conditions', conditions: DRAFTED },
      actions: [],
    });
    const supervisor = await view('pasf.supervisor', rfi.id);
    expect(supervisor.actions).toEqual(['approve-answer', 'return-answer']);
    expect(supervisor.timeline.at(-1)).toMatchObject({
      action: 'draft-answer',
      detail: 'approve-with-conditions',
    });
    expect(await notificationKinds('pasf.supervisor', rfi.id)).toContain('request.answer-drafted');
  });

  it('shows the requesting party nothing of the draft: request, timeline, notifications, e-mail, search', async () => {
    for (const user of REQUESTING) {
      const seen = await view(user, rfi.id);
      expect(seen).toMatchObject({ status: 'acknowledged', answerDraft: null, conditions: null });
      const text = JSON.stringify(seen);
      expect(text).not.toContain('Kestrel');
      expect(text).not.toContain('draft-answer');
      expect(await notificationKinds(user, rfi.id)).not.toContain('request.answer-drafted');
      const found = (await call(user, 'GET', '/api/search?q=Kestrel')).json();
      expect(JSON.stringify(found)).not.toContain(rfi.id);
    }
    // The coordinator brokers the request, but the draft is the receiving party's own until it goes out.
    expect((await view('coord.duty', rfi.id)).answerDraft).toBeNull();
    const mailed = await emailedAbout(rfi.id);
    const drafts = mailed.filter((mail) => mail.kind === 'request.answer-drafted');
    expect(drafts.map((mail) => mail.to_address)).toEqual(['pasf.supervisor@pasf.example']);
    // The requesting side is mailed of the acknowledgement, never of the draft.
    for (const mail of mailed.filter((mail) => mail.kind.startsWith('request.answer')))
      expect(mail.to_address).not.toMatch(/@isf\./);
    expect(mailed.some((mail) => mail.to_address.endsWith('@isf.example'))).toBe(true);
  });

  it('lets neither the desk nor the requester approve, and returns the draft to the desk with a reason', async () => {
    const desk = await act('pasf.hebron', rfi.id, { action: 'approve-answer' });
    expect(desk.json()).toMatchObject({ status: 403, code: 'not_your_action' });
    const requester = await act('isf.supervisor', rfi.id, { action: 'approve-answer' });
    expect(requester.json()).toMatchObject({ status: 403, code: 'not_your_action' });
    const noReason = await act('pasf.supervisor', rfi.id, { action: 'return-answer' });
    expect(noReason.json()).toMatchObject({ status: 400, code: 'missing_reason' });

    const returned = await act('pasf.supervisor', rfi.id, { action: 'return-answer', reason: RETURNED });
    expect(returned.json()).toMatchObject({ status: 'acknowledged', answerDraft: null });
    expect(await notificationKinds('pasf.hebron', rfi.id)).toContain('request.answer-returned');
    const deskView = await view('pasf.hebron', rfi.id);
    expect(deskView.actions).toContain('draft-answer');
    expect(deskView.timeline.at(-1)).toMatchObject({ action: 'return-answer', reason: RETURNED });
    for (const user of REQUESTING)
      expect(JSON.stringify(await view(user, rfi.id))).not.toContain('patrol confirms');
  });

  it('never lets the drafter approve their own answer', async () => {
    await act('pasf.supervisor', rfi.id, { action: 'draft-answer', answer: 'approve' });
    const own = await act('pasf.supervisor', rfi.id, { action: 'approve-answer' });
    expect(own.json()).toMatchObject({ status: 403, code: 'not_your_action' });
    expect(own.json().detail).toMatch(/Four eyes/);
    await act('pasf.hebron', rfi.id, { action: 'return-answer', reason: 'x' }).then((response) =>
      expect(response.statusCode).toBe(403),
    );
  });

  it('sends out the answer as the supervisor approved and edited it, and only then', async () => {
    // The supervisor's own draft waits; the desk cannot approve it either, so it is returned and redrafted.
    await act('pasf.supervisor', rfi.id, { action: 'return-answer', reason: 'Let the desk draft it' });
    await act('pasf.hebron', rfi.id, { action: 'draft-answer', answer: 'approve', reason: DRAFTED });
    const approved = await act('pasf.supervisor', rfi.id, {
      action: 'approve-answer',
      answer: 'approve-with-conditions',
      conditions: EDITED,
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const seen = await view('isf.hebron', rfi.id);
    expect(seen).toMatchObject({ status: 'approved-with-conditions', conditions: EDITED, answerDraft: null });
    // The requesting side reads the answer as one step of the receiving party, never its drafting or review.
    expect(seen.timeline.map((entry) => entry.action)).toEqual([
      'create',
      'submit',
      'acknowledge',
      'approve-with-conditions',
    ]);
    expect(seen.timeline.at(-1)?.actorParty).toBe('PASF');
    expect(await notificationKinds('isf.hebron', rfi.id)).toContain('request.transitioned');
    const own = await view('pasf.hebron', rfi.id);
    expect(own.timeline.map((entry) => entry.action).slice(3)).toEqual([
      'draft-answer',
      'return-answer',
      'draft-answer',
      'return-answer',
      'draft-answer',
      'approve-answer',
      'approve-with-conditions',
    ]);
    // The answer, and only the answer, is an item on the exchange ledger: from PASF to ISF, in the RFI's category.
    const ledger = (await call('isf.hebron', 'GET', '/api/exchanges?kind=rfi-answer')).json() as {
      items: {
        fromParty: string;
        toParty: string;
        category: string;
        subject: { id: string; link: string };
      }[];
    };
    expect(ledger.items.filter((item) => item.subject.id === rfi.id)).toEqual([
      expect.objectContaining({
        fromParty: 'PASF',
        toParty: 'ISF',
        category: 'criminal',
        subject: expect.objectContaining({ link: `/requests/${rfi.id}` }),
      }),
    ]);
  });

  it('sent no live event of the drafting or review to the requesting side', async () => {
    const requester = await events(
      live.get('isf.supervisor') as LiveClient,
      (event) => event.type === 'request.transitioned' && event.status === 'approved-with-conditions',
    );
    const types = requester.filter((event) => event.id === rfi.id).map((event) => event.type);
    expect(types).not.toContain('request.answer-drafted');
    expect(types).not.toContain('request.answer-returned');
    const receiving = await events(
      live.get('pasf.supervisor') as LiveClient,
      (event) => event.type === 'request.transitioned' && event.status === 'approved-with-conditions',
    );
    expect(receiving.filter((event) => event.id === rfi.id).map((event) => event.type)).toContain(
      'request.answer-drafted',
    );
  });
});

describe('four eyes from a marking level', () => {
  const movement = (classification: string) => ({
    type: 'movement',
    districtId: hebronId,
    marking: { classification },
    fields: {
      unit: 'Battalion 50',
      personnel: 40,
      routeFrom: 'Kiryat Arba',
      routeTo: 'Cave of the Patriarchs',
      windowStart: '2026-12-01T08:00:00+02:00',
      windowEnd: '2026-12-01T10:00:00+02:00',
    },
  });

  it('asks a supervisor to approve the answer to a CONFIDENTIAL movement, not to an unclassified one', async () => {
    for (const [classification, expected] of [
      ['UNCLASSIFIED', 'approve'],
      ['CONFIDENTIAL', 'draft-answer'],
    ] as const) {
      const created = await call('isf.hebron', 'POST', '/api/requests', movement(classification));
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const acknowledged = (await act('pasf.hebron', id, { action: 'acknowledge' })).json() as RequestDetail;
      expect(acknowledged.actions).toContain(expected);
      expect(acknowledged.actions).not.toContain(expected === 'approve' ? 'draft-answer' : 'approve');
    }
  });
});
