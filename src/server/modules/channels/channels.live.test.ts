import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, MessageDto } from '../../../core/channels/schemas';
import type { LiveEvent, LiveMessage } from '../../../core/events/live';

const USERS = [
  'coord.duty',
  'coord.ita',
  'isf.hebron',
  'isf.supervisor',
  'pasf.hebron',
  'isf.jenin',
] as const;

let t: TestApp;
let baseUrl: string;
const ids = new Map<string, string>();
const idOf = (user: string) => ids.get(user) as string;
let keys = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const events = (messages: LiveMessage[]) =>
  messages.filter((message): message is LiveEvent => message.type.includes('.'));
const connect = (user: string, after?: string) =>
  LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) }, after);

async function open(user: string, kind: string, members: string[], classification = 'CONFIDENTIAL') {
  const response = await call(user, 'POST', '/api/channels', {
    kind,
    name: `${kind} ${members.join(' ')}`,
    memberIds: members.map(idOf),
    marking: { classification },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as ChannelDetail;
}

async function post(user: string, channelId: string, body: Record<string, unknown>): Promise<MessageDto> {
  keys += 1;
  const response = await call(user, 'POST', `/api/channels/${channelId}/messages`, {
    idempotencyKey: `live-${keys.toString().padStart(6, '0')}`,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Events about `channelId` up to and including its message `seq` being created. */
const untilMessage = async (client: LiveClient, channelId: string, seq: number) =>
  events(
    await client.until(
      (message) =>
        message.type === 'message.created' &&
        'id' in message &&
        message.id === channelId &&
        message.seq === seq,
    ),
  );

describe('presence', () => {
  it('shows who is online (a live connection) and who is on duty, and tells the other members at once', async () => {
    const room = await open('coord.duty', 'standing', ['isf.supervisor', 'pasf.hebron'], 'UNCLASSIFIED');
    const presence = async () =>
      Object.fromEntries(
        (
          (await call('coord.duty', 'GET', `/api/channels/${room.id}/presence`)).json() as Array<{
            username: string;
            online: boolean;
            onDuty: boolean;
          }>
        ).map((member) => [member.username, [member.online, member.onDuty]]),
      );
    const member = (await connect('isf.supervisor')).client;
    const stranger = (await connect('isf.jenin')).client;
    const aboutPasf = (message: LiveMessage) =>
      message.type === 'presence.changed' && 'id' in message && message.id === idOf('pasf.hebron');

    const { client } = await connect('pasf.hebron');
    await member.until(aboutPasf);
    expect(await presence()).toEqual({
      'coord.duty': [false, true],
      'isf.supervisor': [true, false],
      'pasf.hebron': [true, true],
    });

    // Gone as soon as the last socket closes, not a heartbeat later.
    client.close();
    await client.closed;
    await member.until(aboutPasf);
    expect((await presence())['pasf.hebron']).toEqual([false, true]);
    expect((await call('isf.jenin', 'GET', `/api/channels/${room.id}/presence`)).statusCode).toBe(404);

    // Someone who shares no channel with pasf.hebron heard nothing of it (events arrive in order).
    const later = await open('coord.duty', 'standing', ['isf.jenin'], 'UNCLASSIFIED');
    const heard = await stranger.until(
      (message) => message.type === 'channel.member_added' && 'id' in message && message.id === later.id,
    );
    expect(heard.filter(aboutPasf)).toEqual([]);
    member.close();
    stranger.close();
  });

  it('still counts someone online until the window passes when an instance stops without a word', async () => {
    const room = await open('coord.duty', 'standing', ['pasf.hebron'], 'UNCLASSIFIED');
    const online = async () =>
      (
        (await call('coord.duty', 'GET', `/api/channels/${room.id}/presence`)).json() as Array<{
          username: string;
          online: boolean;
        }>
      ).find((person) => person.username === 'pasf.hebron')?.online;
    // What another instance wrote at its last heartbeat before it died.
    await t.app.services.channels.recordPresence([idOf('pasf.hebron')]);
    expect(await online()).toBe(true);
    t.clock.advance(t.config.eventsHeartbeatSeconds * 3_000);
    expect(await online()).toBe(false);
  });
});

describe('reconnecting', () => {
  it('replays the 50 messages posted while a client was away, once each, in order; a retried send arrives once', async () => {
    const room = await open('coord.duty', 'crisis', ['isf.hebron', 'pasf.hebron']);
    const { client } = await connect('isf.hebron');
    const before = await post('pasf.hebron', room.id, { body: 'before the drop' });
    const seen = await untilMessage(client, room.id, before.seq);
    const lastEventId = seen.at(-1)?.eventId as string;
    client.close();
    await client.closed;

    const posted: number[] = [];
    for (let i = 1; i <= 50; i += 1)
      posted.push((await post('pasf.hebron', room.id, { body: `missed ${i}` })).seq);
    // isf.hebron's queued message, sent when the link flickers and sent again by the retry.
    const queued = { body: 'queued while offline', idempotencyKey: 'queued-offline-1' };
    const first = await call('isf.hebron', 'POST', `/api/channels/${room.id}/messages`, queued);
    const retry = await call('isf.hebron', 'POST', `/api/channels/${room.id}/messages`, queued);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    posted.push(first.json().seq);

    const { client: back, replayed } = await connect('isf.hebron', lastEventId);
    const created = events(replayed).filter((event) => event.type === 'message.created');
    expect(created.map((event) => event.seq)).toEqual(posted);
    expect(created.every((event) => event.id === room.id)).toBe(true);
    expect(new Set(created.map((event) => event.eventId)).size).toBe(created.length);

    // The same catch-up through the API, by sequence number.
    const page = (
      await call('isf.hebron', 'GET', `/api/channels/${room.id}/messages?after=${before.seq}`)
    ).json();
    expect(page.items.map((m: MessageDto) => m.seq)).toEqual(posted);
    expect(page.items.filter((m: MessageDto) => m.body === 'queued while offline')).toHaveLength(1);

    // And live again, without a duplicate at the seam.
    const after = await post('pasf.hebron', room.id, { body: 'live again' });
    expect(
      (await untilMessage(back, room.id, after.seq)).filter((e) => e.type === 'message.created'),
    ).toHaveLength(1);
    back.close();
  });
});

describe('leaks', () => {
  let room: ChannelDetail;
  let marker: ChannelDetail;
  const clients = new Map<string, LiveClient>();
  const client = (user: string) => clients.get(user) as LiveClient;
  const bodies: string[] = [];

  beforeAll(async () => {
    room = await open('coord.duty', 'crisis', ['isf.hebron', 'isf.supervisor', 'pasf.hebron', 'coord.ita']);
    // Everyone is in the marker channel: a message there tells each client it has received everything before it.
    marker = await open('coord.duty', 'working_group', [
      'isf.hebron',
      'isf.supervisor',
      'pasf.hebron',
      'coord.ita',
      'isf.jenin',
    ]);
    for (const user of ['isf.supervisor', 'pasf.hebron', 'coord.ita', 'isf.jenin'])
      clients.set(user, (await connect(user)).client);
  });
  afterAll(() => {
    for (const c of clients.values()) c.close();
  });

  const say = async (user: string, body: Record<string, unknown> & { body: string }) => {
    bodies.push(body.body);
    return post(user, room.id, body);
  };
  /** What `user` received about the room, up to the next marker. */
  const receivedAboutRoom = async (user: string) => {
    const m = await post('coord.duty', marker.id, { body: 'marker' });
    return (await untilMessage(client(user), marker.id, m.seq)).filter((event) => event.id === room.id);
  };

  it('sends a non-member nothing, and answers them 404', async () => {
    await say('isf.hebron', { body: 'the convoy leaves at 0600' });
    expect(await receivedAboutRoom('isf.jenin')).toEqual([]);
    expect((await call('isf.jenin', 'GET', `/api/channels/${room.id}/messages`)).statusCode).toBe(404);
    expect((await call('isf.jenin', 'GET', `/api/channels/${room.id}/messages/1`)).statusCode).toBe(404);
  });

  it('withholds a higher-marked message from a member not cleared for it, everywhere', async () => {
    const open1 = await say('isf.hebron', { body: 'open before' });
    const secret = await say('coord.duty', {
      body: 'SECRET: the informant in H2, @coord.ita',
      marking: { classification: 'SECRET' },
      urgent: true,
    });
    const open2 = await say('isf.hebron', { body: 'open after' });
    const ita = (await receivedAboutRoom('coord.ita')).filter((event) => event.type === 'message.created');
    expect(ita.map((event) => event.seq)).toEqual(expect.arrayContaining([open1.seq, open2.seq]));
    expect(ita.map((event) => event.seq)).not.toContain(secret.seq);
    const supervisor = (await receivedAboutRoom('isf.supervisor')).filter(
      (e) => e.type === 'message.created',
    );
    expect(supervisor.map((event) => event.seq)).toContain(secret.seq);

    const page = (await call('coord.ita', 'GET', `/api/channels/${room.id}/messages`)).json();
    expect(page.items.map((m: MessageDto) => m.seq)).not.toContain(secret.seq);
    expect(
      (await call('coord.ita', 'GET', `/api/channels/${room.id}/messages/${secret.seq}`)).statusCode,
    ).toBe(404);
    expect(secret.mentions).toEqual([]);
    const ack = await call(
      'coord.ita',
      'POST',
      `/api/channels/${room.id}/messages/${secret.seq}/acknowledgements`,
    );
    expect(ack.statusCode).toBe(404);
    const notifications = (await call('coord.ita', 'GET', '/api/notifications')).json();
    expect(JSON.stringify(notifications)).not.toContain(room.id);
    // The sender does not wait for an acknowledgement from someone who could not read it.
    expect(secret.acknowledgements?.pending.map((p) => p.username)).toEqual(['isf.supervisor']);
  });

  it('stops a removed member receiving at once, and answers them 404 from then on', async () => {
    const during = await say('pasf.hebron', { body: 'still with us' });
    expect((await untilMessage(client('isf.supervisor'), room.id, during.seq)).length).toBeGreaterThan(0);
    const removed = await call(
      'coord.duty',
      'DELETE',
      `/api/channels/${room.id}/members/${idOf('isf.supervisor')}`,
    );
    expect(removed.statusCode).toBe(204);
    const afterwards = await say('pasf.hebron', { body: 'after the removal' });
    await say('coord.duty', { body: 'and a secret one', marking: { classification: 'SECRET' } });
    const got = await receivedAboutRoom('isf.supervisor');
    expect(got.map((event) => [event.type, event.userId ?? event.seq])).toEqual([
      ['channel.member_removed', idOf('isf.supervisor')],
    ]);
    expect((await call('isf.supervisor', 'GET', `/api/channels/${room.id}/messages`)).statusCode).toBe(404);
    expect(
      (await call('isf.supervisor', 'GET', `/api/channels/${room.id}/messages/${afterwards.seq}`)).statusCode,
    ).toBe(404);

    // Reconnecting from before the removal replays nothing about the room either.
    const { replayed } = await connect('isf.supervisor', t.app.services.eventCursors.of(0));
    expect(
      events(replayed).filter((event) => event.id === room.id && event.type === 'message.created'),
    ).toEqual([]);
  });

  it('never carries what a message says in an event', async () => {
    const all = await Promise.all(
      [...clients.keys()].map(async (user) => JSON.stringify(await receivedAboutRoom(user))),
    );
    const { replayed } = await connect('pasf.hebron', t.app.services.eventCursors.of(0));
    for (const text of [...all, JSON.stringify(replayed)])
      for (const body of bodies) expect(text).not.toContain(body);
  });
});
