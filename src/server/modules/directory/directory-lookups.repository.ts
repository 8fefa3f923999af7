import { type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';

/**
 * What the other modules ask the directory: which desk serves a district, who
 * staffs a desk and who is on duty, names for ids. Requests route and alert
 * through these; channels name their members and open the directory's channels.
 */

// ---- desks, districts and duty, as other modules ask for them (requests route and alert through these)

/** The district (or the district an area lies in) whose desks serve `districtId`; null if there is none. */
export async function placeOf(q: Db | Tx, districtId: string) {
  const place = await q.selectFrom('districts').selectAll().where('id', '=', districtId).executeTakeFirst();
  if (!place) return null;
  return { place, deskDistrictIds: place.parent_id ? [place.id, place.parent_id] : [place.id] };
}

/** The desks of the districts, with their party's code and kind. */
export function desksIn(q: Db | Tx, districtIds: string[]) {
  return q
    .selectFrom('desks')
    .innerJoin('parties', 'parties.id', 'desks.party_id')
    .select([
      'desks.id',
      'desks.code',
      'desks.district_id',
      'desks.counterpart_id',
      'parties.code as party_code',
      'parties.kind',
    ])
    .where('desks.district_id', 'in', districtIds)
    .execute();
}

/** The desks the user staffs. */
export async function deskIdsOf(q: Db | Tx, userId: string): Promise<string[]> {
  const rows = await q.selectFrom('desk_members').select('desk_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.desk_id);
}

/** Everyone who staffs the desk. */
export async function deskMemberIds(q: Db | Tx, deskId: string): Promise<string[]> {
  const rows = await q.selectFrom('desk_members').select('user_id').where('desk_id', '=', deskId).execute();
  return rows.map((row) => row.user_id);
}

/** Officers on duty at the desk now; if nobody is rostered, everyone who staffs it (disabled accounts never). */
export async function deskOfficers(q: Db | Tx, deskId: string, now: Date): Promise<string[]> {
  const onDuty = await q
    .selectFrom('duty_shifts as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('u.id')
    .where('s.desk_id', '=', deskId)
    .where('s.starts_at', '<=', now)
    .where('s.ends_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .execute();
  if (onDuty.length) return [...new Set(onDuty.map((row) => row.id))];
  const members = await q
    .selectFrom('desk_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.desk_id', '=', deskId)
    .where('u.disabled_at', 'is', null)
    .execute();
  return members.map((row) => row.id);
}

/** The coordinator's duty officers on duty now; if none is rostered, every coordinator duty officer. */
export async function coordinatorDutyOfficers(q: Db | Tx, now: Date): Promise<string[]> {
  const base = q
    .selectFrom('users as u')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select('u.id')
    .where('p.kind', '=', 'coordinator')
    .where(sql<SqlBool>`'duty-officer' = any(u.roles)`)
    .where('u.disabled_at', 'is', null);
  const onDuty = await base
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('duty_shifts as s')
          .select('s.id')
          .whereRef('s.user_id', '=', 'u.id')
          .where('s.starts_at', '<=', now)
          .where('s.ends_at', '>', now),
      ),
    )
    .execute();
  return (onDuty.length ? onDuty : await base.execute()).map((row) => row.id);
}

/** The codes and names of the districts, by id, for other modules' views. */
export async function districtLabels(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return q
    .selectFrom('districts')
    .select(['id', 'code', 'name_en', 'name_ar', 'name_he'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The codes and names of the desks, by id, for other modules' views. */
export async function deskLabels(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return q
    .selectFrom('desks')
    .select(['id', 'code', 'name_en', 'name_ar', 'name_he'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The display names of the users, by id, for other modules' views. */
export async function displayNames(q: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

// ---- people, desks and groups as other modules ask for them (channels: members, authors, directory channels)

/** People by id, as others show them (name, party), disabled or not, by username. */
export function peopleByIds(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('users as u')
    .leftJoin('parties as p', 'p.id', 'u.party_id')
    .select(['u.id', 'u.username', 'u.display_name', 'p.code as party'])
    .where('u.id', 'in', [...new Set(ids)])
    .orderBy('u.username')
    .execute();
}
export type PersonNameRow = Awaited<ReturnType<typeof peopleByIds>>[number];

/** Users by id, with their party and roles; the disabled are left out. */
export function activeUsersByIds(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('users as u')
    .leftJoin('parties as p', 'p.id', 'u.party_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'p.code as party'])
    .where('u.id', 'in', [...ids])
    .where('u.disabled_at', 'is', null)
    .execute();
}

/** The users among `ids` with an e-mail address and an account still in use, for the e-mail outbox. */
export function addressees(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('users')
    .select(['id', 'email', 'language'])
    .where('id', 'in', [...ids])
    .where('email', 'is not', null)
    .where('disabled_at', 'is', null)
    .execute();
}

/** Users by their lower-cased usernames. */
export function usersByUsernames(q: Db | Tx, usernames: readonly string[]) {
  if (usernames.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('users')
    .select(['id', 'username'])
    .where(sql<string>`lower(username)`, 'in', [...usernames])
    .execute();
}

/** Users of these parties who hold `role`, still in use, by username. */
export async function usersWithRole(
  q: Db | Tx,
  partyCodes: readonly string[],
  role: string,
): Promise<string[]> {
  if (partyCodes.length === 0) return [];
  const rows = await q
    .selectFrom('users as u')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select('u.id')
    .where('p.code', 'in', [...partyCodes])
    .where(sql<SqlBool>`${role}::text = any(u.roles)`)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.username')
    .execute();
  return rows.map((row) => row.id);
}

/** The parties proper (not the coordinator), by code. */
export function partiesProper(q: Db | Tx) {
  return q
    .selectFrom('parties')
    .select(['code', 'name_en'])
    .where('kind', '=', 'party')
    .orderBy('code')
    .execute();
}

/** Each pair of counterpart desks once, with the parties they belong to. */
export function counterpartDeskPairs(q: Db | Tx) {
  return q
    .selectFrom('desks as a')
    .innerJoin('desks as b', 'b.id', 'a.counterpart_id')
    .innerJoin('parties as pa', 'pa.id', 'a.party_id')
    .innerJoin('parties as pb', 'pb.id', 'b.party_id')
    .select([
      'a.id as a_id',
      'a.name_en as a_name',
      'pa.code as a_party',
      'b.id as b_id',
      'b.name_en as b_name',
      'pb.code as b_party',
    ])
    .where(sql<SqlBool>`a.id::text < b.id::text`)
    .orderBy('a.code')
    .execute();
}

/** Who staffs any of these desks, still in use (each once). */
export async function staffOfDesks(q: Db | Tx, deskIds: readonly string[]): Promise<string[]> {
  if (deskIds.length === 0) return [];
  const rows = await q
    .selectFrom('desk_members as dm')
    .innerJoin('users as u', 'u.id', 'dm.user_id')
    .select('dm.user_id')
    .distinct()
    .where('dm.desk_id', 'in', [...deskIds])
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.user_id);
}

/** The working groups, with their members still in use. */
export function workingGroupsWithMembers(q: Db | Tx) {
  return q
    .selectFrom('groups as g')
    .select((eb) => [
      'g.id',
      'g.name_en',
      'g.parties',
      eb
        .fn<string[]>('array', [
          eb
            .selectFrom('group_members as gm')
            .innerJoin('users as u', 'u.id', 'gm.user_id')
            .select('gm.user_id')
            .whereRef('gm.group_id', '=', 'g.id')
            .where('u.disabled_at', 'is', null),
        ])
        .as('member_ids'),
    ])
    .where('g.kind', '=', 'working-group')
    .orderBy('g.code')
    .execute();
}

/** Of `userIds`, those on a duty shift at `now` (at any desk). */
export async function onDutyAmong(q: Db | Tx, userIds: readonly string[], now: Date): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await q
    .selectFrom('duty_shifts')
    .select('user_id')
    .distinct()
    .where('user_id', 'in', [...userIds])
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .execute();
  return rows.map((row) => row.user_id);
}

/** Working groups, by code; one when `id` is given: what the working-groups module builds its workspaces on. */
export function workingGroupRows(q: Db | Tx, id?: string) {
  let query = q
    .selectFrom('groups')
    .select(['id', 'code', 'name_en', 'name_ar', 'name_he', 'scope', 'parties', 'level'])
    .where('kind', '=', 'working-group');
  if (id) query = query.where('id', '=', id);
  return query.orderBy('code').execute();
}

/** The active members of these groups with their party, by display name. */
export function groupMemberRows(q: Db | Tx, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .leftJoin('parties as p', 'p.id', 'u.party_id')
    .select(['gm.group_id', 'u.id', 'u.username', 'u.display_name', 'p.code as party'])
    .where('gm.group_id', 'in', [...groupIds])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

/** Adds a member to a group; adding one again changes nothing. */
export async function addGroupMemberOnce(q: Db | Tx, groupId: string, userId: string) {
  await q
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeGroupMember(q: Db | Tx, groupId: string, userId: string) {
  await q.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).execute();
}

/** A place of the gazetteer by its id or its code, with its names. */
export function districtByIdOrCode(q: Db | Tx, idOrCode: string) {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  return q
    .selectFrom('districts')
    .select(['id', 'code', 'name_en', 'name_ar', 'name_he'])
    .where(isId ? 'id' : 'code', '=', isId ? idOrCode : idOrCode.toUpperCase())
    .executeTakeFirst();
}

/** The language a user reads Concord in, as their account says. */
export async function languageOfUser(q: Db | Tx, userId: string): Promise<string | null> {
  const row = await q.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return row?.language ?? null;
}

/** People by id with their username, name and e-mail address (disabled ones too: a record keeps its people). */
export function peopleWithAddresses(q: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
