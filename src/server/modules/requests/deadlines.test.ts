import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { RequestDetail } from '../../../core/requests/schemas';
import { RequestDeadlines } from './deadlines.service';

const MINUTE = 60_000;
let t: TestApp;
let hebronId: string;

beforeAll(async () => {
  // A shift's worth of fake time passes between calls: sessions outlast it, as an officer's desk stays signed in.
  t = await createTestApp({ env: { CONCORD_SESSION_IDLE_MINUTES: '720' } });
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

/** A place of the gazetteer by its code. */
async function placeId(code: string): Promise<string> {
  const places = (await call('admin', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  return places.find((place) => place.code === code)?.id as string;
}

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
    const alerts = (await timeline(request.id)).filter((entry) =>
      ['alert', 'escalate', 'realert'].includes(entry.action),
    );
    expect(alerts.every((entry) => Date.parse(entry.at) - start <= 12 * MINUTE)).toBe(true);
    // The next deadline passed (respond within 15 minutes): that is a breach, and its own steps follow.
    const added = (await timeline(request.id)).slice(before);
    expect(
      added.map((entry) => [entry.action, entry.detail, (Date.parse(entry.at) - start) / MINUTE]),
    ).toEqual([
      ['breach', 'respond', 15],
      ['breach-alert', 'supervisors', 15],
      ['breach-alert', 'coordinator', 25],
    ]);
  });
});

describe('a missed resolve deadline', () => {
  it('reaches the coordinator duty officer once, at the configured minute, and never the other party', async () => {
    const request = await submitSafeReturn();
    const start = Date.parse(request.submittedAt ?? '');
    const act = async (minute: number, action: string, extra: Record<string, string> = {}) => {
      t.clock.set(new Date(start + minute * MINUTE));
      const response = await call('pasf.hebron', 'POST', `/api/requests/${request.id}/transitions`, {
        action,
        ...extra,
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await act(1, 'acknowledge');
    await act(2, 'approve-with-conditions', { conditions: 'At the Tarqumiya liaison office' });
    // Resolve is due 180 minutes after submission (critical); the coordinator hears 30 minutes after that.
    const breachedToCoordinator = async () =>
      (await notificationsAbout('coord.duty', request.id)).filter((item) => item.kind === 'request.breached');
    for (const minute of [179, 180, 209]) {
      t.clock.set(new Date(start + minute * MINUTE));
      await t.app.services.deadlines.fireDue();
    }
    expect(await breachedToCoordinator()).toEqual([]);
    expect(
      (await notificationsAbout('pasf.supervisor', request.id)).filter(
        (item) => item.kind === 'request.breached',
      ),
    ).toHaveLength(1);
    for (const minute of [210, 211, 300]) {
      t.clock.set(new Date(start + minute * MINUTE));
      await t.app.services.deadlines.fireDue();
    }
    const told = await breachedToCoordinator();
    expect(told.map((item) => [item.detail, (Date.parse(item.createdAt) - start) / MINUTE])).toEqual([
      ['resolve', 210],
    ]);
    const steps = (await timeline(request.id))
      .filter((entry) => entry.action === 'breach' || entry.action === 'breach-alert')
      .map((entry) => [entry.action, entry.detail, (Date.parse(entry.at) - start) / MINUTE]);
    expect(steps).toEqual([
      ['breach', 'resolve', 180],
      ['breach-alert', 'supervisors', 180],
      ['breach-alert', 'coordinator', 210],
    ]);
    expect(await notificationsAbout('isf.supervisor', request.id)).toEqual([]);
  });

  it('tells nobody once the request is resolved before a step falls due', async () => {
    const request = await submitSafeReturn();
    const start = Date.parse(request.submittedAt ?? '');
    for (const [minute, action, extra] of [
      [1, 'acknowledge', {}],
      [2, 'approve-with-conditions', { conditions: 'At the liaison office' }],
    ] as const) {
      t.clock.set(new Date(start + minute * MINUTE));
      await call('pasf.hebron', 'POST', `/api/requests/${request.id}/transitions`, { action, ...extra });
    }
    t.clock.set(new Date(start + 180 * MINUTE));
    await t.app.services.deadlines.fireDue();
    for (const action of ['locate', 'secure', 'not-found']) {
      t.clock.set(new Date(start + 200 * MINUTE));
      const response = await call('pasf.hebron', 'POST', `/api/requests/${request.id}/transitions`, {
        action,
        ...(action === 'not-found' && { reason: 'Left the area on their own' }),
      });
      expect(response.statusCode, response.body).toBe(action === 'not-found' ? 409 : 200);
    }
    // Found and secured: the way out is the handover (here, as soon as they are handed over).
    const handedOver = await call('pasf.hebron', 'POST', `/api/requests/${request.id}/transitions`, {
      action: 'hand-over',
      placeId: await placeId('LO-HEBRON'),
      at: new Date(start + 199 * MINUTE).toISOString(),
      receivedBy: 'ISF liaison officer',
      condition: 'Unharmed',
    });
    expect(handedOver.statusCode, handedOver.body).toBe(200);
    t.clock.set(new Date(start + 240 * MINUTE));
    await t.app.services.deadlines.fireDue();
    const toCoordinator = (await notificationsAbout('coord.duty', request.id)).filter(
      (item) => item.kind === 'request.breached',
    );
    expect(toCoordinator).toEqual([]);
  });
});

describe("the coordinator's breaches", () => {
  it('lists the oldest breach first, whatever is due next', async () => {
    const older = await submitSafeReturn();
    const start = Date.parse(older.submittedAt ?? '');
    t.clock.set(new Date(start + 3 * MINUTE));
    const newer = await submitSafeReturn();
    // The older one misses its acknowledgement at minute 5, then is acknowledged: it owes a response by 15.
    for (const minute of [5, 6]) {
      t.clock.set(new Date(start + minute * MINUTE));
      await t.app.services.deadlines.fireDue();
    }
    const acknowledged = await call('pasf.hebron', 'POST', `/api/requests/${older.id}/transitions`, {
      action: 'acknowledge',
    });
    expect(acknowledged.statusCode).toBe(200);
    // The newer one misses its acknowledgement at minute 8 and still owes it: it is due first.
    t.clock.set(new Date(start + 9 * MINUTE));
    await t.app.services.deadlines.fireDue();
    const order = async (query: string) =>
      (
        (await call('coord.duty', 'GET', `/api/requests?box=all&state=open${query}&limit=200`)).json()
          .items as {
          id: string;
        }[]
      )
        .map((item) => item.id)
        .filter((id) => id === older.id || id === newer.id);
    expect(await order('')).toEqual([newer.id, older.id]);
    expect(await order('&breached=true')).toEqual([older.id, newer.id]);
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
