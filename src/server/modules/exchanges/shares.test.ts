import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDto, MessageDto } from '../../../core/channels/schemas';
import type { ExchangeView } from '../../../core/exchanges/schemas';

/**
 * Sharing a message of a working group's channel as information (issue 17):
 * its author shares it once, and only then does the ledger count it, from the
 * author's party to each other party of the group; chat is not counted, nor
 * a message of any other channel.
 */

let t: TestApp;
let cid: string;
let crisis: string;
let keys = 0;

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(['coord.duty', 'coord.gbr', 'isf.supervisor', 'pasf.supervisor', 'isf.hebron']);
  expect((await t.call('coord.duty', 'POST', '/api/channels/working-groups')).statusCode).toBe(200);
  const channels = (await t.call('isf.supervisor', 'GET', '/api/channels')).json() as ChannelDto[];
  cid = channels.find((channel) => channel.kind === 'working_group')?.id as string;
  const room = await t.call('coord.duty', 'POST', '/api/channels', {
    kind: 'crisis',
    name: 'Hebron',
    memberIds: [],
    marking: { classification: 'CONFIDENTIAL' },
  });
  expect(room.statusCode, room.body).toBe(201);
  crisis = (room.json() as ChannelDto).id;
}, 60_000);
afterAll(() => t?.close());

async function post(user: string, channel: string, body: string): Promise<MessageDto> {
  keys += 1;
  const response = await t.call(user, 'POST', `/api/channels/${channel}/messages`, {
    idempotencyKey: `share-key-${String(keys).padStart(4, '0')}`,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const share = (user: string, channel: string, seq: number) =>
  t.call(user, 'POST', `/api/channels/${channel}/messages/${seq}/share`);

const shares = async (user: string) =>
  ((await t.call(user, 'GET', '/api/exchanges?kind=share')).json() as { items: ExchangeView[] }).items;

describe('sharing a message as information', () => {
  it('counts a shared message once, from its author’s party to each other party of the group', async () => {
    const chat = await post('isf.supervisor', cid, 'Good morning all');
    expect(chat.actions.share).toBe(true);
    expect(await shares('pasf.supervisor')).toEqual([]);

    const information = await post(
      'isf.supervisor',
      cid,
      'The stolen cars of case 4471 were seen in H2 on Route 35',
    );
    const shared = await share('isf.supervisor', cid, information.seq);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ sharedAt: expect.any(String), actions: { share: false } });
    const counted = await shares('pasf.supervisor');
    expect(counted.map((item) => [item.fromParty, item.toParty, item.category, item.subject.id])).toEqual([
      ['ISF', 'PASF', 'criminal', information.id],
    ]);
    // The coordinator's party, a member of the group, receives it too; its secretary counts both.
    expect((await shares('coord.gbr')).map((item) => item.toParty).sort()).toEqual(['PASF', 'USSC']);
    // The coordinator's officer outside the group counts none.
    expect(await shares('coord.duty')).toEqual([]);

    const again = await share('isf.supervisor', cid, information.seq);
    expect([again.statusCode, again.json().code]).toEqual([409, 'message_shared']);
    expect(await shares('pasf.supervisor')).toHaveLength(1);
  });

  it('is refused to anyone but the author, outside a working group, and to an outsider', async () => {
    const message = await post('isf.supervisor', cid, 'Checkpoint 300 closes at noon');
    const other = await share('pasf.supervisor', cid, message.seq);
    expect([other.statusCode, other.json().code]).toEqual([403, 'not_your_message']);
    const outsider = await share('isf.hebron', cid, message.seq);
    expect(outsider.statusCode).toBe(404);
    const room = await post('coord.duty', crisis, 'Situation report');
    expect(room.actions.share).toBe(false);
    const elsewhere = await share('coord.duty', crisis, room.seq);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([409, 'not_a_group_channel']);
    // A desk officer outside the group counts none of its shares.
    expect(await shares('isf.hebron')).toEqual([]);
  });

  it('tells live whoever may count the new record, and nobody else', async () => {
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const pasf = (await LiveClient.connect(baseUrl, { cookie: t.cookieOf('pasf.supervisor') })).client;
    const desk = (await LiveClient.connect(baseUrl, { cookie: t.cookieOf('isf.hebron') })).client;
    try {
      const message = await post('isf.supervisor', cid, 'Two suspects of case 4471 crossed at Tarqumiya');
      expect((await share('isf.supervisor', cid, message.seq)).statusCode).toBe(200);
      const [recorded] = (await pasf.until((event) => event.type === 'exchange.recorded')).slice(-1);
      const [record] = (await shares('pasf.supervisor')).filter((item) => item.subject.id === message.id);
      expect(recorded).toMatchObject({ type: 'exchange.recorded', id: record?.id });
      // The ISF desk officer outside the group may not count it: no event reaches them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(desk.drain().filter((event) => event.type === 'exchange.recorded')).toEqual([]);
    } finally {
      pasf.close();
      desk.close();
    }
  });
});
