import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { RequestDetail } from '../../../core/requests/schemas';
import { RequestDeadlines } from './deadlines.service';

const MINUTE = 60_000;
let t: TestApp;
let hebronId: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of [
    'isf.hebron',
    'pasf.hebron',
    'pasf.supervisor',
    'isf.supervisor',
    'coord.duty',
    'admin',
  ])
    await t.signIn(user);
  const districts = (await call('admin', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function submitSafeReturn(priority?: string): Promise<RequestDetail> {
  const response = await call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: hebronId,
    ...(priority && { priority }),
    fields: { who: 'A shepherd, 15', description: 'Red jacket', lastKnownLocation: 'Near Kiryat Arba fence' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const timeline = async (id: string) =>
  ((await call('coord.duty', 'GET', `/api/requests/${id}`)).json() as RequestDetail).timeline;

async function notificationsAbout(user: string, id: string): Promise<NotificationDto[]> {
  const { items } = (await call(user, 'GET', '/api/notifications?limit=200')).json();
  return (items as NotificationDto[]).filter((item) => item.requestId === id);
}

/** Moves the fake clock minute by minute from `start`, firing what falls due at each minute. */
async function runClock(start: number, fromMinute: number, toMinute: number) {
  for (let minute = fromMinute; minute <= toMinute; minute += 1) {
    t.clock.set(new Date(start + minute * MINUTE));
    await t.app.services.deadlines.fireDue();
  }
}

describe('an unacknowledged critical request', () => {
  let request: RequestDetail;
  let start: number;

  beforeAll(async () => {
    request = await submitSafeReturn();
    start = Date.parse(request.submittedAt ?? '');
    await runClock(start, 0, 12);
  });

  it('escalates to the desk, then the supervisors, then the coordinator, at the configured minutes, once each', async () => {
    const escalations = (await timeline(request.id))
      .filter((entry) => entry.action === 'alert' || entry.action === 'escalate')
      .map((entry) => [entry.action, entry.detail, (Date.parse(entry.at) - start) / MINUTE]);
    expect(escalations).toEqual([
      ['alert', 'desk', 0],
      ['escalate', 'supervisors', 5],
      ['escalate', 'coordinator', 10],
    ]);
  });

  it('alerts the people of the last step again every 2 minutes until someone acknowledges', async () => {
    const repeats = (await timeline(request.id))
      .filter((entry) => entry.action === 'realert')
      .map((entry) => [entry.detail, (Date.parse(entry.at) - start) / MINUTE]);
    expect(repeats).toEqual([
      ['desk', 2],
      ['desk', 4],
      ['supervisors', 7],
      ['supervisors', 9],
      ['coordinator', 12],
    ]);
  });

  it('records the missed acknowledgement once, and tells the supervisors', async () => {
    const detail = (await call('coord.duty', 'GET', `/api/requests/${request.id}`)).json() as RequestDetail;
    expect(detail.deadlines.breached).toEqual(['acknowledge']);
    expect(detail.escalationLevel).toBe(2);
    expect(detail.timeline.filter((entry) => entry.kind === 'breach').map((entry) => entry.detail)).toEqual([
      'acknowledge',
    ]);
    const kinds = (await notificationsAbout('pasf.supervisor', request.id)).map((item) => item.kind).sort();
    expect(kinds).toEqual(
      ['request.breached', 'request.escalated', 'request.realerted', 'request.realerted'].sort(),
    );
  });

  it('reaches the coordinator duty officer exactly once as an escalation, and never the other party', async () => {
    const kinds = (await notificationsAbout('coord.duty', request.id)).map((item) => item.kind);
    expect(kinds.filter((kind) => kind === 'request.escalated')).toHaveLength(1);
    expect(await notificationsAbout('isf.supervisor', request.id)).toEqual([]);
  });

  it('stops alerting the moment the desk acknowledges', async () => {
    t.clock.set(new Date(start + 13 * MINUTE));
    expect(
      (
        await call('pasf.hebron', 'POST', `/api/requests/${request.id}/transitions`, {
          action: 'acknowledge',
        })
      ).statusCode,
    ).toBe(200);
    const before = (await timeline(request.id)).length;
    await runClock(start, 14, 40);
    const after = (await timeline(request.id)).filter((entry) => entry.kind === 'escalation');
    expect(after.every((entry) => Date.parse(entry.at) - start <= 12 * MINUTE)).toBe(true);
    // The next deadline passed (respond within 15 minutes): that is a breach, not an alert.
    const added = (await timeline(request.id)).slice(before);
    expect(added.map((entry) => [entry.action, entry.detail])).toEqual([['breach', 'respond']]);
  });
});

describe('firing deadlines', () => {
  it('catches up after a long gap: each step once, in order, the same instant', async () => {
    const request = await submitSafeReturn();
    const start = Date.parse(request.submittedAt ?? '');
    t.clock.set(new Date(start + 11 * MINUTE));
    await t.app.services.deadlines.fireDue();
    await t.app.services.deadlines.fireDue();
    const escalations = (await timeline(request.id)).filter(
      (entry) => entry.action === 'alert' || entry.action === 'escalate',
    );
    expect(escalations.map((entry) => entry.detail)).toEqual(['desk', 'supervisors', 'coordinator']);
  });

  it('fires each deadline once when two instances race for them', async () => {
    const requests = await Promise.all([submitSafeReturn(), submitSafeReturn(), submitSafeReturn()]);
    const start = Math.max(...requests.map((request) => Date.parse(request.submittedAt ?? '')));
    t.clock.set(new Date(start + 6 * MINUTE));
    const services = t.app.services;
    const other = new RequestDeadlines({
      change: services.change,
      typeOf: (code) => services.requests.typeOf(code),
      visibleAmong: (tx, userIds, row) => services.requests.visibleAmong(tx, userIds, row),
      notifications: services.notifications,
    });
    const fired = await Promise.all([
      services.deadlines.fireDue(),
      other.fireDue(),
      services.deadlines.fireDue(),
    ]);
    expect(fired.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    for (const request of requests) {
      const steps = (await timeline(request.id)).filter(
        (entry) => entry.action === 'alert' || entry.action === 'escalate',
      );
      expect(steps.map((entry) => entry.detail)).toEqual(['desk', 'supervisors']);
      const escalated = (await notificationsAbout('pasf.supervisor', request.id)).filter(
        (item) => item.kind === 'request.escalated',
      );
      expect(escalated).toHaveLength(1);
    }
  });

  it('does not nag about routine requests: a routine one escalates but does not repeat', async () => {
    const request = await submitSafeReturn('routine');
    const start = Date.parse(request.submittedAt ?? '');
    await runClock(start, 0, 40);
    const entries = await timeline(request.id);
    expect(entries.filter((entry) => entry.action === 'realert')).toEqual([]);
    expect(
      entries
        .filter((entry) => entry.action === 'alert' || entry.action === 'escalate')
        .map((entry) => entry.detail),
    ).toEqual(['desk', 'supervisors', 'coordinator']);
  });
});
