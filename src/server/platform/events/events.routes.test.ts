import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { LIVE_CLOSE, type LiveEvent } from '../../../core/events/live';
import { inTransaction } from '../db/database';
import type { NewEvent } from './events';
import { REPLAY_LIMIT } from './live-hub';

let t: TestApp;
let baseUrl: string;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
/** How often the audience of each test-thing event was resolved, by record id. */
const resolutions = new Map<string, number>();
const open: LiveClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // A stand-in for a module's record: only users of the party named in the event may see it.
  t.app.services.events.registerAudience('test-thing', async (event) => {
    resolutions.set(event.subjectId, (resolutions.get(event.subjectId) ?? 0) + 1);
    return (viewer) => viewer.actor.party === event.data.party;
  });
  // Everyone sees markers: once a client has one, it has everything appended before it.
  t.app.services.events.registerAudience('test-marker', async () => () => true);
  for (const username of ['isf.hebron', 'isf.supervisor', 'pasf.supervisor', 'coord.gbr']) {
    cookies[username] = await t.login(username);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: cookies[username] as string } });
    userIds[username] = me.json().user.id;
  }
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const client of open) client.close();
  await t.close();
});

const append = (event: NewEvent) =>
  inTransaction(t.database.db, (tx) => t.app.services.events.append(tx, event));
let markers = 0;
async function appendMarker(): Promise<string> {
  const id = `marker-${++markers}`;
  await append({ type: 'test.marked', subjectType: 'test-marker', subjectId: id });
  return id;
}

/** `after`: a log position (made into its cursor here) or a cursor a client received. */
async function connect(username: string, after?: number | string) {
  const cursor = typeof after === 'number' ? t.app.services.eventCursors.of(after) : after;
  const connected = await LiveClient.connect(baseUrl, { cookie: cookies[username] as string }, cursor);
  open.push(connected.client);
  return connected;
}

/** The record ids a client received, up to and including `marker`. */
const idsUntil = async (client: LiveClient, marker: string) =>
  (await client.eventsUntil(marker)).map((event) => event.id);

describe('live events: who receives what', () => {
  it('sends an event only to the users its audience admits, resolving the audience once', async () => {
    const clients = await Promise.all(
      ['isf.hebron', 'isf.supervisor', 'pasf.supervisor', 'coord.gbr'].map(
        async (u) => (await connect(u)).client,
      ),
    );
    await append({
      type: 'test.changed',
      subjectType: 'test-thing',
      subjectId: 'isf-1',
      data: { party: 'ISF' },
    });
    const marker = await appendMarker();

    const [isf, isfSupervisor, pasf, coordinator] = await Promise.all(
      clients.map((c) => idsUntil(c, marker)),
    );
    expect(isf).toEqual(['isf-1', marker]);
    expect(isfSupervisor).toEqual(['isf-1', marker]);
    expect(pasf).toEqual([marker]);
    expect(coordinator).toEqual([marker]);
    expect(resolutions.get('isf-1')).toBe(1);
  });

  it('sends the public shape: the record id as `id`, the log position as `eventId`, data that cannot override', async () => {
    const { client } = await connect('isf.hebron');
    const stored = await append({
      type: 'test.changed',
      subjectType: 'test-thing',
      subjectId: 'isf-2',
      data: { party: 'ISF', desk: 'hebron', type: 'forged', id: 'forged' },
    });
    const [event] = await client.eventsUntil('isf-2');
    expect(event).toEqual({
      eventId: t.app.services.eventCursors.of(stored.id),
      type: 'test.changed',
      id: 'isf-2',
      subjectType: 'test-thing',
      at: t.clock.now().toISOString(),
      party: 'ISF',
      desk: 'hebron',
    } satisfies LiveEvent);
  });

  it('sends an event of a subject type nobody registered to nobody', async () => {
    const { client } = await connect('coord.gbr');
    await append({ type: 'secret.changed', subjectType: 'unregistered', subjectId: 'unknown-1' });
    const marker = await appendMarker();
    expect(await idsUntil(client, marker)).toEqual([marker]);
  });

  it('sends a personal event only to the user it names', async () => {
    const [named, other] = [(await connect('isf.hebron')).client, (await connect('isf.supervisor')).client];
    const userId = userIds['isf.hebron'] as string;
    await append({ type: 'notification.created', subjectType: 'user', subjectId: userId });
    const marker = await appendMarker();
    expect(await idsUntil(named, marker)).toEqual([userId, marker]);
    expect(await idsUntil(other, marker)).toEqual([marker]);
  });

  it('never sends the event of a transaction that rolled back', async () => {
    const { client } = await connect('isf.hebron');
    const rolledBack = inTransaction(t.database.db, async (tx) => {
      await t.app.services.events.append(tx, {
        type: 'test.changed',
        subjectType: 'test-thing',
        subjectId: 'isf-rolled-back',
        data: { party: 'ISF' },
      });
      throw new Error('the change failed');
    });
    await expect(rolledBack).rejects.toThrow('the change failed');
    const marker = await appendMarker();
    expect(await idsUntil(client, marker)).toEqual([marker]);
  });
});

describe('live events: who may connect', () => {
  it('refuses an unauthenticated upgrade with 401', async () => {
    expect(await LiveClient.refusal(baseUrl, {})).toBe(401);
    expect(await LiveClient.refusal(baseUrl, { authorization: 'Bearer cct_not-a-token' })).toBe(401);
  });

  it('refuses a cookie-authenticated upgrade from another site (cross-site WebSocket hijacking)', async () => {
    const cookie = cookies['isf.hebron'] as string;
    expect(await LiveClient.refusal(baseUrl, { cookie, origin: 'https://evil.example' })).toBe(403);
    const { client } = await LiveClient.connect(baseUrl, { cookie, origin: baseUrl });
    client.close();
  });

  it('accepts an API token, whatever the origin (it does not ride along like a cookie)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: cookies['isf.supervisor'] as string },
      payload: { name: 'live feed' },
    });
    const headers = {
      authorization: `Bearer ${created.json().token}`,
      origin: 'https://integration.example',
    };
    const { client } = await LiveClient.connect(baseUrl, headers);
    open.push(client);
    await append({
      type: 'test.changed',
      subjectType: 'test-thing',
      subjectId: 'isf-3',
      data: { party: 'ISF' },
    });
    expect((await client.eventsUntil('isf-3')).map((event) => event.id)).toEqual(['isf-3']);
  });

  it('answers a plain GET (no upgrade) with 426', async () => {
    const response = await t.app.inject({
      url: '/api/events',
      headers: { cookie: cookies['isf.hebron'] as string },
    });
    expect(response.statusCode).toBe(426);
    expect(response.json().code).toBe('websocket_required');
  });

  it('closes the sockets of a session that ended, at the next heartbeat', async () => {
    const cookie = await t.login('pasf.hebron');
    const { client } = await LiveClient.connect(baseUrl, { cookie });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    await t.app.services.events.heartbeat();
    expect((await client.closed).code).toBe(LIVE_CLOSE.signedOut);
  });
});

describe('live events: catching up', () => {
  it('replays exactly what a reconnecting client missed, in order, then carries on live', async () => {
    const first = await connect('isf.hebron');
    await append({
      type: 'test.changed',
      subjectType: 'test-thing',
      subjectId: 'seen',
      data: { party: 'ISF' },
    });
    const [seen] = await first.client.eventsUntil('seen');
    first.client.close();
    await first.client.closed;

    for (const id of ['missed-1', 'hidden', 'missed-2']) {
      await append({
        type: 'test.changed',
        subjectType: 'test-thing',
        subjectId: id,
        data: { party: id === 'hidden' ? 'PASF' : 'ISF' },
      });
    }
    const again = await connect('isf.hebron', seen?.eventId);
    expect(again.replayed.map((message) => ('id' in message ? message.id : message.type))).toEqual([
      'missed-1',
      'missed-2',
    ]);
    const marker = await appendMarker();
    expect(await idsUntil(again.client, marker)).toEqual([marker]);
  });

  it('asks a client too far behind, or ahead of the log, to reload instead', async () => {
    const latest = await t.app.services.events.latestId();
    await inTransaction(t.database.db, async (tx) => {
      for (let i = 0; i <= REPLAY_LIMIT; i++) {
        await t.app.services.events.append(tx, {
          type: 'test.marked',
          subjectType: 'test-marker',
          subjectId: `bulk-${i}`,
        });
      }
    });
    expect((await connect('isf.hebron', latest)).replayed).toEqual([{ type: 'resync' }]);
    expect((await connect('isf.hebron', latest + 10 * REPLAY_LIMIT)).replayed).toEqual([{ type: 'resync' }]);
  });

  it('delivers an event whose NOTIFY never came at the next heartbeat', async () => {
    const { client } = await connect('isf.hebron');
    // Written behind the bus's back: in the log, but announced to nobody.
    await t.database.db
      .insertInto('event_log')
      .values({
        type: 'test.marked',
        subject_type: 'test-marker',
        subject_id: 'unannounced',
        created_at: t.clock.now(),
      })
      .execute();
    await t.app.services.events.heartbeat();
    expect(await idsUntil(client, 'unannounced')).toEqual(['unannounced']);
  });

  it('forgets events past the retention, always keeping the newest, and asks a client that missed forgotten ones to reload', async () => {
    const events = t.app.services.events;
    const before = await events.latestId();
    await appendMarker();
    await appendMarker();
    const seenLast = await events.latestId();
    t.clock.advance(60_000);
    const kept = await appendMarker();
    const newest = await events.latestId();
    expect(await events.prune(30_000)).toBeGreaterThanOrEqual(2);
    expect(await events.oldestId()).toBe(newest);
    // Missed events that are gone cannot be replayed whole: reload.
    expect((await connect('isf.hebron', before)).replayed).toEqual([{ type: 'resync' }]);
    // Missing only what is still kept: replayed as usual.
    const caughtUp = await connect('isf.hebron', seenLast);
    expect(caughtUp.replayed.map((message) => ('id' in message ? message.id : message.type))).toEqual([kept]);
    // Pruning everything still keeps the newest, so ids never go back.
    t.clock.advance(60_000);
    await events.prune(0);
    expect([await events.oldestId(), await events.latestId()]).toEqual([newest, newest]);
  });
});
