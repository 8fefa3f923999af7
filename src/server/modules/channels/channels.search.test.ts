import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, MessageDto, MessageHit } from '../../../core/channels/schemas';
import type { SearchHit } from '../../../core/search/schemas';

const USERS = ['coord.duty', 'isf.hebron', 'isf.supervisor', 'pasf.hebron', 'isf.jenin'] as const;

let t: TestApp;
const ids = new Map<string, string>();
const idOf = (user: string) => ids.get(user) as string;
let room: ChannelDetail;
let keys = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
  const response = await t.call('coord.duty', 'POST', '/api/channels', {
    kind: 'crisis',
    name: 'Hebron',
    memberIds: ['isf.hebron', 'isf.supervisor', 'pasf.hebron'].map(idOf),
    marking: { classification: 'CONFIDENTIAL' },
  });
  expect(response.statusCode, response.body).toBe(201);
  room = response.json();
  await post('pasf.hebron', { body: 'دورية مشتركة في الخليل الليلة' });
  await post('isf.hebron', { body: 'סיור משותף בחברון הלילה' });
  await post('coord.duty', { body: 'Joint patrols at the checkpoints tonight' });
  await post('coord.duty', {
    body: 'The informant near Tarqumiya moved',
    marking: { classification: 'SECRET' },
  });
}, 60_000);
afterAll(() => t?.close());

async function post(user: string, body: Record<string, unknown>): Promise<MessageDto> {
  keys += 1;
  const response = await t.call(user, 'POST', `/api/channels/${room.id}/messages`, {
    idempotencyKey: `search-${keys.toString().padStart(6, '0')}`,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function search(user: string, q: string, extra = ''): Promise<MessageHit[]> {
  const response = await t.call(user, 'GET', `/api/channels/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().hits;
}

describe('searching channel messages', () => {
  it('finds words in three languages, Arabic stemmed and Hebrew without its prefixes', async () => {
    expect((await search('isf.hebron', 'خليل')).map((hit) => hit.seq)).toEqual([1]);
    expect((await search('isf.hebron', 'חברון')).map((hit) => hit.seq)).toEqual([2]);
    const [patrol] = await search('pasf.hebron', 'patrol checkpoints');
    expect(patrol).toMatchObject({
      channelId: room.id,
      channelName: 'Hebron',
      seq: 3,
      marking: { level: 'C' },
    });
    expect(patrol?.snippet).toContain('patrols');
    expect(patrol?.highlights.length).toBeGreaterThan(0);
  });

  it('gives no hit and no snippet from a message the searcher may not read', async () => {
    expect((await search('isf.supervisor', 'Tarqumiya')).map((hit) => hit.seq)).toEqual([4]);
    expect(await search('isf.hebron', 'Tarqumiya')).toEqual([]);
    expect(await search('isf.jenin', 'patrol')).toEqual([]);
    const stranger = await t.call('isf.jenin', 'GET', `/api/channels/search?q=patrol&channelId=${room.id}`);
    expect(stranger.statusCode).toBe(404);
  });

  it('answers in the search of everything too, under the same rule', async () => {
    const everything = async (user: string, q: string, extra = '') => {
      const response = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().hits as SearchHit[];
    };
    const [hit] = await everything('isf.hebron', 'חברון');
    expect(hit).toMatchObject({ type: 'message', id: room.id, reference: '#2', title: 'Hebron' });
    expect(hit?.snippet).toContain('בחברון');
    expect(
      (await everything('isf.supervisor', 'Tarqumiya', '&type=message&marking=S')).map((h) => h.reference),
    ).toEqual(['#4']);
    expect(await everything('isf.hebron', 'Tarqumiya')).toEqual([]);
    expect(await everything('isf.jenin', 'patrol')).toEqual([]);
    expect(await everything('pasf.hebron', 'patrol', '&type=message&from=2099-01-01')).toEqual([]);
  });

  it('forgets a deleted message, and a removed member finds nothing more', async () => {
    const gone = await post('isf.hebron', { body: 'Ambulance at Tarqumiya crossing' });
    expect((await search('pasf.hebron', 'ambulance')).map((hit) => hit.seq)).toEqual([gone.seq]);
    await t.call('isf.hebron', 'DELETE', `/api/channels/${room.id}/messages/${gone.seq}`);
    expect(await search('pasf.hebron', 'ambulance')).toEqual([]);
    await t.call('coord.duty', 'DELETE', `/api/channels/${room.id}/members/${idOf('pasf.hebron')}`);
    expect(await search('pasf.hebron', 'patrol')).toEqual([]);
  });

  it('refuses a query that is missing or has unknown parameters', async () => {
    for (const query of ['', '?q=', '?q=x&type=report', '?q=x&limit=0'])
      expect((await t.call('isf.hebron', 'GET', `/api/channels/search${query}`)).statusCode).toBe(400);
  });
});
