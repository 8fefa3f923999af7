import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, MessageDto } from '../../../core/channels/schemas';
import type { NotificationDto } from '../../../core/notifications/schemas';

const USERS = ['coord.duty', 'coord.ita', 'isf.hebron', 'isf.supervisor', 'pasf.hebron'] as const;
const REALERT_SECONDS = 60;

let t: TestApp;
const ids = new Map<string, string>();
const idOf = (user: string) => ids.get(user) as string;
const nameOf = (id: string) => [...ids].find(([, value]) => value === id)?.[0];
let room: ChannelDetail;
let keys = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { CONCORD_URGENT_REALERT_SECONDS: String(REALERT_SECONDS) } });
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
  const response = await t.call('coord.duty', 'POST', '/api/channels', {
    kind: 'crisis',
    name: 'Hebron',
    memberIds: ['coord.ita', 'isf.hebron', 'isf.supervisor', 'pasf.hebron'].map(idOf),
    marking: { classification: 'CONFIDENTIAL' },
  });
  expect(response.statusCode, response.body).toBe(201);
  room = response.json();
}, 60_000);
afterAll(() => t?.close());

async function post(body: Record<string, unknown>): Promise<MessageDto> {
  keys += 1;
  const response = await t.call('coord.duty', 'POST', `/api/channels/${room.id}/messages`, {
    idempotencyKey: `alert-${keys.toString().padStart(6, '0')}`,
    urgent: true,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Who was alerted again about message `seq`, in each round so far. */
async function realerted(seq: number): Promise<string[][]> {
  const rows = await t.database.db
    .selectFrom('notifications')
    .select(['user_id', 'created_at'])
    .where('channel_id', '=', room.id)
    .where('channel_seq', '=', seq)
    .orderBy('created_at')
    .execute();
  const rounds = new Map<number, string[]>();
  for (const row of rows) {
    const at = row.created_at.getTime();
    rounds.set(at, [...(rounds.get(at) ?? []), nameOf(row.user_id) as string].sort());
  }
  return [...rounds.values()];
}

/** The user's alerts about channel messages, from their notifications. */
const alertsOf = async (user: string) => {
  const response = await t.call(user, 'GET', '/api/notifications');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as NotificationDto[])
    .filter((item) => item.about === 'message')
    .map((item) => ({
      kind: item.kind,
      channelId: item.link.replace('/channels/', ''),
      seq: Number(item.reference.replace('#', '')),
      readAt: item.readAt,
    }));
};

const later = async (seconds: number) => {
  t.clock.advance(seconds * 1000);
  return t.app.services.channelAlerts.fireDue();
};

describe('urgent messages are alerted again until acknowledged', () => {
  it('alerts the members who have not acknowledged, every CONCORD_URGENT_REALERT_SECONDS, and stops when all have', async () => {
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf('pasf.hebron') });
    const urgent = await post({ body: 'All units hold position' });

    await later(REALERT_SECONDS - 1);
    expect(await realerted(urgent.seq)).toEqual([]);
    await later(1);
    expect(await realerted(urgent.seq)).toEqual([
      ['coord.ita', 'isf.hebron', 'isf.supervisor', 'pasf.hebron'],
    ]);
    const pushed = await client.until((m) => m.type === 'notification.created');
    expect(pushed.at(-1)).toMatchObject({
      id: idOf('pasf.hebron'),
      kind: 'message.realerted',
      channelId: room.id,
      seq: urgent.seq,
    });
    expect(JSON.stringify(pushed)).not.toContain('hold position');
    client.close();
    expect(await alertsOf('pasf.hebron')).toEqual([
      expect.objectContaining({
        kind: 'message.realerted',
        channelId: room.id,
        seq: urgent.seq,
        readAt: null,
      }),
    ]);

    // The same alert is in the user's notifications, beside those about requests and reports.
    const bell = (await t.call('pasf.hebron', 'GET', '/api/notifications')).json();
    expect(bell.unread).toBe(1);
    expect(bell.items).toEqual([
      expect.objectContaining({
        kind: 'message.realerted',
        about: 'message',
        link: `/channels/${room.id}`,
        reference: `#${urgent.seq}`,
        priority: 'urgent',
      }),
    ]);
    expect(JSON.stringify(bell)).not.toContain('hold position');

    for (const user of ['isf.hebron', 'isf.supervisor'])
      await t.call(user, 'POST', `/api/channels/${room.id}/messages/${urgent.seq}/acknowledgements`);
    // A member removed meanwhile is not alerted any more.
    await t.call('coord.duty', 'DELETE', `/api/channels/${room.id}/members/${idOf('pasf.hebron')}`);
    await later(REALERT_SECONDS);
    expect((await realerted(urgent.seq)).at(-1)).toEqual(['coord.ita']);
    // The removed member's earlier alert is not listed any more either.
    expect(await alertsOf('pasf.hebron')).toEqual([]);
    expect((await t.call('pasf.hebron', 'GET', '/api/notifications')).json()).toEqual({
      items: [],
      unread: 0,
    });

    await t.call('coord.ita', 'POST', `/api/channels/${room.id}/messages/${urgent.seq}/acknowledgements`);
    await later(REALERT_SECONDS);
    await later(REALERT_SECONDS);
    expect(await realerted(urgent.seq)).toHaveLength(2);
    const pending = await t.database.db
      .selectFrom('channel_alerts')
      .select('outcome')
      .where('fired_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
  });

  it('never alerts a member not cleared for a higher-marked urgent message', async () => {
    const secret = await post({ body: 'SECRET: move now', marking: { classification: 'SECRET' } });
    await later(REALERT_SECONDS);
    expect(await realerted(secret.seq)).toEqual([['isf.supervisor']]);
    expect((await alertsOf('isf.supervisor')).map((alert) => alert.seq)).toContain(secret.seq);
    expect((await alertsOf('coord.ita')).map((alert) => alert.seq)).not.toContain(secret.seq);
  });

  it('fires a due re-alert once when asked twice at once, and not at all in a closed room', async () => {
    const urgent = await post({ body: 'once' });
    t.clock.advance(REALERT_SECONDS * 1000);
    await Promise.all([t.app.services.channelAlerts.fireDue(), t.app.services.channelAlerts.fireDue()]);
    expect(await realerted(urgent.seq)).toHaveLength(1);
    await t.call('coord.duty', 'POST', `/api/channels/${room.id}/close`);
    await later(REALERT_SECONDS);
    expect(await realerted(urgent.seq)).toHaveLength(1);
  });
});
