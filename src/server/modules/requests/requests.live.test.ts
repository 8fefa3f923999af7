import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { LiveEvent, LiveMessage } from '../../../core/events/live';
import type { RequestDetail } from '../../../core/requests/schemas';

const WATCHERS = ['pasf.hebron', 'coord.duty', 'coord.gbr', 'ussc.ssr', 'isf.supervisor'] as const;
type Watcher = (typeof WATCHERS)[number];

let t: TestApp;
let baseUrl: string;
let hebronId: string;
const userIds = new Map<string, string>();
const clients = new Map<Watcher, LiveClient>();

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(['isf.hebron', ...WATCHERS])) userIds.set(user, id);
  const districts = (await call('isf.hebron', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const user of WATCHERS) {
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) });
    clients.set(user, client);
  }
}, 60_000);
afterAll(async () => {
  for (const client of clients.values()) client.close();
  await t?.close();
});

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function submit(classification: string): Promise<RequestDetail> {
  const response = await call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: hebronId,
    marking: { classification },
    fields: {
      who: 'Driver of a lost truck',
      description: 'Volvo, yellow',
      lastKnownLocation: 'Route 60 junction',
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const client = (user: Watcher) => clients.get(user) as LiveClient;
const events = (messages: LiveMessage[]) =>
  messages.filter((message): message is LiveEvent => message.type.includes('.'));

describe('live delivery of requests over /api/events', () => {
  let secret: RequestDetail;
  let open: RequestDetail;
  /** What each watcher received up to the open request's submission. */
  const received = new Map<Watcher, LiveEvent[]>();

  beforeAll(async () => {
    secret = await submit('(C//REL TO USA, ISR, PSE)');
    open = await submit('UNCLASSIFIED');
    for (const user of WATCHERS) received.set(user, await client(user).eventsUntil(open.id));
  });

  it('pushes a submitted request to the receiving desk and the coordinator, without reloading', () => {
    for (const user of ['pasf.hebron', 'coord.duty', 'isf.supervisor'] as const) {
      const aboutRequests = received.get(user)?.filter((event) => event.type.startsWith('request.'));
      expect(aboutRequests?.map((event) => [event.type, event.id])).toEqual([
        ['request.submitted', secret.id],
        ['request.submitted', open.id],
      ]);
    }
    // The receiving desk and the coordinator's duty officer follow each request's thread from the start.
    for (const user of ['pasf.hebron', 'coord.duty'] as const)
      expect(received.get(user)?.filter((event) => event.type === 'channel.opened')).toHaveLength(2);
    expect(received.get('isf.supervisor')?.filter((event) => event.type === 'channel.opened')).toEqual([]);
  });

  it('sends nothing of it to a user below its level or of a nationality it is not released to', () => {
    for (const user of ['ussc.ssr', 'coord.gbr'] as const)
      expect(received.get(user)?.map((event) => event.id)).toEqual([open.id]);
  });

  it('carries ids only, never what the request says', () => {
    const text = JSON.stringify([...received.values()]);
    expect(text).not.toContain('Volvo');
    expect(text).not.toContain('Route 60');
  });

  it("keeps an internal note's event within the author's party", async () => {
    const internal = (
      await call('isf.hebron', 'POST', `/api/requests/${open.id}/comments`, {
        body: 'ISF only',
        internal: true,
      })
    ).json();
    const shared = (
      await call('isf.hebron', 'POST', `/api/requests/${open.id}/comments`, { body: 'Everyone' })
    ).json();
    // A shared comment is a message of the request's thread: its event names the message by number.
    const thread = (await call('isf.hebron', 'GET', `/api/requests/${open.id}`)).json().thread;
    expect(shared.seq).toBe(1);
    const comments = async (user: Watcher) =>
      events(
        await client(user).until(
          (message) => message.type === 'request.commented' && message.seq === shared.seq,
        ),
      )
        .filter((event) => event.type === 'request.commented')
        .map((event) => event.commentId ?? `${event.channelId}#${event.seq}`);
    expect(await comments('isf.supervisor')).toEqual([internal.id, `${thread.channelId}#1`]);
    for (const user of ['pasf.hebron', 'coord.duty', 'coord.gbr'] as const)
      expect(await comments(user)).toEqual([`${thread.channelId}#1`]);
  });

  it('alerts the desk officer on duty personally, and the transition reaches the requester side live', async () => {
    await t.app.services.deadlines.fireDue();
    const alerts = events(
      await client('pasf.hebron').until((message) => message.type === 'notification.created'),
    );
    const alert = alerts.at(-1);
    expect(alert).toMatchObject({
      id: userIds.get('pasf.hebron'),
      kind: 'request.submitted',
      priority: 'critical',
    });

    await call('pasf.hebron', 'POST', `/api/requests/${open.id}/transitions`, { action: 'acknowledge' });
    const seen = events(
      await client('isf.supervisor').until((message) => message.type === 'request.transitioned'),
    );
    expect(seen.at(-1)).toMatchObject({ id: open.id, action: 'acknowledge', status: 'acknowledged' });
    // Nobody else's personal alerts: the coordinator of GBR got no notification event for pasf.hebron.
    const gbr = events(await client('coord.gbr').until((message) => message.type === 'request.transitioned'));
    expect(gbr.filter((event) => event.type === 'notification.created')).toEqual([]);
  });
});
