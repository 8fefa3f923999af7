import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, ChannelDto } from '../../../core/channels/schemas';

const USERS = [
  'coord.duty',
  'coord.gbr',
  'coord.ita',
  'ussc.ssr',
  'isf.hebron',
  'isf.supervisor',
  'pasf.hebron',
  'pasf.supervisor',
  'isf.jenin',
  'pasf.jenin',
] as const;

let t: TestApp;
const ids = new Map<string, string>();
const idOf = (user: string) => ids.get(user) as string;

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function open(user: string, body: Record<string, unknown>): Promise<ChannelDetail> {
  const response = await call(user, 'POST', '/api/channels', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const crisisRoom = (extra: Record<string, unknown> = {}) =>
  open('coord.duty', {
    kind: 'crisis',
    name: 'Hebron escalation',
    memberIds: [idOf('isf.hebron'), idOf('pasf.hebron')],
    ...extra,
  });

describe('opening channels', () => {
  it('lets the coordinator open a crisis room with members of both parties, marked for all three', async () => {
    const room = await crisisRoom();
    expect(room).toMatchObject({ kind: 'crisis', name: 'Hebron escalation', status: 'open', lastSeq: 0 });
    expect(room.members.map((member) => member.username)).toEqual([
      'coord.duty',
      'isf.hebron',
      'pasf.hebron',
    ]);
    expect(room.marking).toMatchObject({ level: 'U', parties: ['ISF', 'PASF', 'USSC'] });
    expect(room.actions).toEqual({ post: true, addMember: true, removeMember: true, close: true });
    const listed = (await call('isf.hebron', 'GET', '/api/channels')).json() as ChannelDto[];
    expect(listed.find((channel) => channel.id === room.id)).toMatchObject({
      memberCount: 3,
      unread: 0,
      actions: { post: true, addMember: false, removeMember: false, close: false },
    });
  });

  it('refuses crisis rooms and hotlines to anyone but the coordinator (403)', async () => {
    for (const kind of ['crisis', 'hotline']) {
      const response = await call('isf.supervisor', 'POST', '/api/channels', {
        kind,
        name: 'x',
        memberIds: [],
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('coordinator_only');
    }
    await open('isf.hebron', { kind: 'standing', name: 'Hebron desks', memberIds: [idOf('pasf.hebron')] });
  });

  it('validates the body precisely: unknown fields, kinds, ids, members', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ kind: 'crisis', name: 'x', memberIds: [], colour: 'red' }, 400, 'validation_failed'],
      [{ kind: 'party', name: 'x', memberIds: [] }, 400, 'validation_failed'],
      [{ kind: 'crisis', name: '  ', memberIds: [] }, 400, 'validation_failed'],
      [{ kind: 'crisis', name: 'x', memberIds: ['nope'] }, 400, 'validation_failed'],
      [
        { kind: 'crisis', name: 'x', memberIds: ['00000000-0000-4000-8000-000000000000'] },
        400,
        'unknown_user',
      ],
      [
        { kind: 'crisis', name: 'x', memberIds: [], marking: { classification: 'PINK' } },
        400,
        'invalid_marking',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await call('coord.duty', 'POST', '/api/channels', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code, JSON.stringify(body)).toBe(code);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/channels' })).statusCode).toBe(401);
  });

  it('refuses a member who may not see the channel marking, naming them', async () => {
    const response = await call('coord.duty', 'POST', '/api/channels', {
      kind: 'crisis',
      name: 'Secret room',
      memberIds: [idOf('isf.supervisor'), idOf('isf.hebron')],
      marking: { classification: 'SECRET', parties: ['ISF', 'USSC'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'member_not_cleared',
      errors: [{ path: 'body.memberIds.1' }],
    });
    expect(response.json().detail).toContain('isf.hebron');
  });
});

describe('members', () => {
  it('adds and removes members; a non-member gets 404 for everything', async () => {
    const room = await crisisRoom();
    const url = `/api/channels/${room.id}`;
    for (const [method, path] of [
      ['GET', url],
      ['POST', `${url}/close`],
      ['DELETE', `${url}/members/${idOf('isf.hebron')}`],
    ] as const)
      expect((await call('isf.supervisor', method, path)).statusCode).toBe(404);
    expect(
      (await call('isf.supervisor', 'POST', `${url}/members`, { userId: idOf('isf.supervisor') })).statusCode,
    ).toBe(404);

    const added = await call('coord.duty', 'POST', `${url}/members`, { userId: idOf('isf.supervisor') });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as ChannelDetail).members).toHaveLength(4);
    expect((await call('isf.supervisor', 'GET', url)).statusCode).toBe(200);
    const again = await call('coord.duty', 'POST', `${url}/members`, { userId: idOf('isf.supervisor') });
    expect([again.statusCode, again.json().code]).toEqual([409, 'already_member']);

    // Only the coordinator manages a crisis room's members; anyone may leave.
    const byParty = await call('isf.hebron', 'DELETE', `${url}/members/${idOf('pasf.hebron')}`);
    expect([byParty.statusCode, byParty.json().code]).toEqual([403, 'may_not_remove_member']);
    expect(
      (await call('isf.supervisor', 'DELETE', `${url}/members/${idOf('isf.supervisor')}`)).statusCode,
    ).toBe(204);
    expect((await call('isf.supervisor', 'GET', url)).statusCode).toBe(404);
    const gone = await call('coord.duty', 'DELETE', `${url}/members/${idOf('isf.supervisor')}`);
    expect([gone.statusCode, gone.json().code]).toEqual([404, 'member_not_found']);
    expect((await call('coord.duty', 'POST', `${url}/members`, { userId: 'x', extra: 1 })).statusCode).toBe(
      400,
    );
  });

  it('refuses to add someone not cleared for the marking', async () => {
    const room = await crisisRoom({ marking: { classification: 'CONFIDENTIAL' } });
    const response = await call('coord.duty', 'POST', `/api/channels/${room.id}/members`, {
      userId: idOf('ussc.ssr'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'member_not_cleared', errors: [{ path: 'body.userId' }] });
  });

  it('closes a crisis room (coordinator only) and keeps it read-only', async () => {
    const room = await crisisRoom();
    const url = `/api/channels/${room.id}`;
    expect((await call('isf.hebron', 'POST', `${url}/close`)).statusCode).toBe(403);
    const closed = await call('coord.duty', 'POST', `${url}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', actions: { post: false, close: false } });
    const add = await call('coord.duty', 'POST', `${url}/members`, { userId: idOf('isf.supervisor') });
    expect([add.statusCode, add.json().code]).toEqual([409, 'channel_closed']);
    expect((await call('coord.duty', 'POST', `${url}/close`)).statusCode).toBe(409);
    const standing = await open('isf.hebron', { kind: 'standing', name: 'desks', memberIds: [] });
    const notCrisis = await call('isf.hebron', 'POST', `/api/channels/${standing.id}/close`);
    expect([notCrisis.statusCode, notCrisis.json().code]).toEqual([409, 'not_closable']);
  });

  it('audits every change with the channel marking', async () => {
    const room = await crisisRoom();
    await call('coord.duty', 'POST', `/api/channels/${room.id}/members`, { userId: idOf('isf.supervisor') });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'marking_parties'])
      .where('subject_id', '=', room.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(['channel.created', 'channel.member-added']);
    expect(rows[0]?.marking_parties).toEqual(['ISF', 'PASF', 'USSC']);
  });
});

describe('standing channels', () => {
  it('opens one per pair of counterpart desks, with who staffs them, once', async () => {
    const refused = await call('isf.hebron', 'POST', '/api/channels/standing');
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'may_not_sync']);
    const first = await call('coord.duty', 'POST', '/api/channels/standing');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBeGreaterThanOrEqual(3);
    const again = await call('coord.duty', 'POST', '/api/channels/standing');
    expect(again.json()).toEqual({ created: 0, membersAdded: 0 });

    const mine = ((await call('isf.hebron', 'GET', '/api/channels')).json() as ChannelDto[]).filter(
      (channel) => channel.kind === 'standing' && channel.name.includes('↔'),
    );
    expect(mine).toHaveLength(1);
    const detail = (await call('isf.hebron', 'GET', `/api/channels/${mine[0]?.id}`)).json() as ChannelDetail;
    expect(detail.name).toContain('Hebron');
    expect(detail.members.map((member) => member.username)).toEqual(
      expect.arrayContaining(['isf.hebron', 'pasf.hebron']),
    );
    expect(detail.members.map((member) => member.username)).not.toContain('isf.jenin');
    expect(detail.marking).toMatchObject({ level: 'U', parties: ['ISF', 'PASF', 'USSC'] });
    // The Jenin desks have their own.
    const jenin = ((await call('isf.jenin', 'GET', '/api/channels')).json() as ChannelDto[]).filter(
      (channel) => channel.name.includes('↔'),
    );
    expect(jenin.map((channel) => channel.name)).toEqual([expect.stringContaining('Jenin')]);
  });
});

describe('hotlines', () => {
  it("opens one per party between the coordinator and the party's leadership, once", async () => {
    expect((await call('isf.supervisor', 'POST', '/api/channels/hotlines')).statusCode).toBe(403);
    const first = await call('coord.duty', 'POST', '/api/channels/hotlines');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBe(2);
    expect((await call('coord.duty', 'POST', '/api/channels/hotlines')).json()).toEqual({
      created: 0,
      membersAdded: 0,
    });
    const hotlines = async (user: string) =>
      ((await call(user, 'GET', '/api/channels')).json() as ChannelDto[]).filter(
        (channel) => channel.kind === 'hotline',
      );
    const [isf] = await hotlines('isf.supervisor');
    const detail = (await call('isf.supervisor', 'GET', `/api/channels/${isf?.id}`)).json() as ChannelDetail;
    expect(detail.members.map((member) => member.username)).toEqual(
      expect.arrayContaining(['coord.duty', 'coord.gbr', 'coord.ita', 'isf.supervisor']),
    );
    expect(detail.members.map((member) => member.party)).not.toContain('PASF');
    expect(detail.marking.parties).toEqual(['ISF', 'USSC']);
    expect(await hotlines('isf.hebron')).toEqual([]);
    expect((await hotlines('pasf.supervisor')).map((channel) => channel.marking.parties)).toEqual([
      ['PASF', 'USSC'],
    ]);
    expect(await hotlines('coord.duty')).toHaveLength(2);
  });
});

describe('working-group channels', () => {
  it("opens one per working group of the directory, with the group's members, once", async () => {
    expect((await call('pasf.supervisor', 'POST', '/api/channels/working-groups')).statusCode).toBe(403);
    const first = await call('coord.duty', 'POST', '/api/channels/working-groups');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBe(4);
    expect((await call('coord.duty', 'POST', '/api/channels/working-groups')).json()).toEqual({
      created: 0,
      membersAdded: 0,
    });
    const groups = async (user: string) =>
      ((await call(user, 'GET', '/api/channels')).json() as ChannelDto[])
        .filter((channel) => channel.kind === 'working_group')
        .map((channel) => channel.name);
    expect(await groups('coord.gbr')).toEqual(['Criminal Investigations working group']);
    expect(await groups('pasf.supervisor')).toEqual(['Criminal Investigations working group']);
    expect(await groups('isf.hebron')).toEqual([]);
    const [cid] = ((await call('isf.supervisor', 'GET', '/api/channels')).json() as ChannelDto[]).filter(
      (channel) => channel.kind === 'working_group',
    );
    const detail = (await call('isf.supervisor', 'GET', `/api/channels/${cid?.id}`)).json() as ChannelDetail;
    expect(detail.members.map((member) => member.username)).toEqual([
      'coord.gbr',
      'isf.police',
      'isf.supervisor',
      'pasf.police',
      'pasf.supervisor',
    ]);
    expect(detail.marking).toMatchObject({ level: 'U', parties: ['ISF', 'PASF', 'USSC'] });
  });
});

describe('the list of channels', () => {
  it('puts the most recently active first, by the messages the reader may read', async () => {
    const names = async (user: string) =>
      ((await call(user, 'GET', '/api/channels')).json() as ChannelDto[])
        .map((channel) => channel.name)
        .filter((name) => name.startsWith('Activity '));
    const post = async (user: string, channelId: string, body: Record<string, unknown>) => {
      t.clock.advance(1_000);
      const response = await call(user, 'POST', `/api/channels/${channelId}/messages`, {
        idempotencyKey: crypto.randomUUID(),
        ...body,
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    const members = [idOf('isf.hebron'), idOf('isf.supervisor')];
    const older = await open('coord.duty', {
      kind: 'working_group',
      name: 'Activity older',
      memberIds: members,
    });
    t.clock.advance(1_000);
    const newer = await open('coord.duty', {
      kind: 'working_group',
      name: 'Activity newer',
      memberIds: members,
    });
    expect(await names('isf.hebron')).toEqual(['Activity newer', 'Activity older']);

    await post('coord.duty', older.id, { body: 'Back to this one' });
    expect(await names('isf.hebron')).toEqual(['Activity older', 'Activity newer']);

    // A message above isf.hebron's clearance moves the channel up only for those who may read it.
    await post('coord.duty', newer.id, { body: 'Secret news', marking: { classification: '(S)' } });
    expect(await names('isf.supervisor')).toEqual(['Activity newer', 'Activity older']);
    expect(await names('isf.hebron')).toEqual(['Activity older', 'Activity newer']);
  });
});
