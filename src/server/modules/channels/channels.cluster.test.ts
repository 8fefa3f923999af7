import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { openSameDatabase, testEngine } from '../../../../test/support/test-database';
import type { ChannelDetail } from '../../../core/channels/schemas';
import type { LiveEvent } from '../../../core/events/live';

/**
 * Two app instances on one PostgreSQL database, as behind a load balancer.
 * PGlite is one process's embedded database: it has no second instance to reach.
 */
describe.runIf(testEngine() === 'postgres')('channels across instances (PostgreSQL only)', () => {
  let a: TestApp;
  let b: TestApp;
  let baseUrlOfB: string;
  const ids = new Map<string, string>();
  const idOf = (user: string) => ids.get(user) as string;
  let room: ChannelDetail;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ database: await openSameDatabase(a.database) });
    for (const user of ['coord.duty', 'isf.hebron', 'pasf.hebron']) {
      await a.signIn(user);
      await b.signIn(user);
      ids.set(user, (await a.call(user, 'GET', '/api/me')).json().user.id);
    }
    baseUrlOfB = await b.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await a.call('coord.duty', 'POST', '/api/channels', {
      kind: 'crisis',
      name: 'Hebron, across instances',
      memberIds: [idOf('isf.hebron'), idOf('pasf.hebron')],
    });
    expect(response.statusCode, response.body).toBe(201);
    room = response.json();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const postOnA = async (user: string, body: string) => {
    const response = await a.call(user, 'POST', `/api/channels/${room.id}/messages`, {
      body,
      idempotencyKey: `cluster-${body}`,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().seq as number;
  };
  const created = async (client: LiveClient, lastSeq: number) =>
    (
      await client.until(
        (m) => m.type === 'message.created' && 'id' in m && m.id === room.id && m.seq === lastSeq,
      )
    ).filter((m): m is LiveEvent => m.type === 'message.created');

  it('delivers messages posted on A to a client of B, in order, once each', async () => {
    const { client } = await LiveClient.connect(baseUrlOfB, { cookie: b.cookieOf('isf.hebron') });
    const seqs: number[] = [];
    for (let i = 1; i <= 30; i += 1) seqs.push(await postOnA(i % 2 ? 'pasf.hebron' : 'coord.duty', `m${i}`));
    const got = await created(client, seqs.at(-1) as number);
    expect(got.map((event) => event.seq)).toEqual(seqs);
    // Read through B: the same messages, the same order.
    const page = (await b.call('isf.hebron', 'GET', `/api/channels/${room.id}/messages`)).json();
    expect(page.items.map((m: { seq: number }) => m.seq)).toEqual(seqs);
    client.close();
  });

  it('shows on A who is online on B, once B has beaten', async () => {
    const { client } = await LiveClient.connect(baseUrlOfB, { cookie: b.cookieOf('pasf.hebron') });
    const online = async (user: string) =>
      (
        (await a.call('coord.duty', 'GET', `/api/channels/${room.id}/presence`)).json() as Array<{
          username: string;
          online: boolean;
        }>
      ).find((member) => member.username === user)?.online;
    await b.app.services.events.heartbeat();
    expect(await online('pasf.hebron')).toBe(true);
    expect(await online('coord.duty')).toBe(false);
    client.close();
  });

  it('stops a member removed on A receiving on B at once', async () => {
    const marker = await a.call('coord.duty', 'POST', '/api/channels', {
      kind: 'working_group',
      name: 'marker',
      memberIds: [idOf('pasf.hebron')],
    });
    const markerId = marker.json().id as string;
    const { client } = await LiveClient.connect(baseUrlOfB, { cookie: b.cookieOf('pasf.hebron') });
    const removal = await a.call(
      'coord.duty',
      'DELETE',
      `/api/channels/${room.id}/members/${idOf('pasf.hebron')}`,
    );
    expect(removal.statusCode).toBe(204);
    await postOnA('coord.duty', 'after-removal');
    // Events reach B in the order they were appended: once the marker arrives, the message before it was decided.
    const posted = await a.call('coord.duty', 'POST', `/api/channels/${markerId}/messages`, {
      body: 'marker',
      idempotencyKey: 'cluster-marker',
    });
    expect(posted.statusCode).toBe(201);
    const got = await client.until((m) => m.type === 'message.created' && 'id' in m && m.id === markerId);
    expect(got.filter((m) => 'id' in m && m.id === room.id).map((m) => m.type)).toEqual([
      'channel.member_removed',
    ]);
    client.close();
  });
});
