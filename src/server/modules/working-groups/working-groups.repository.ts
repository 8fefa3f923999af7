import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';

/**
 * Kysely queries on working groups: the groups of kind working-group, their
 * members (the directory's group_members) and who leads them. No policy here:
 * the queries and commands decide who sees and changes what.
 */

type Queryable = Db | Tx;

/** Working groups, by code; one when `id` is given. */
export function workingGroups(q: Queryable, id?: string) {
  let query = q
    .selectFrom('groups')
    .select(['id', 'code', 'name_en', 'name_ar', 'name_he', 'scope', 'parties', 'level'])
    .where('kind', '=', 'working-group');
  if (id) query = query.where('id', '=', id);
  return query.orderBy('code').execute();
}
export type GroupRow = Awaited<ReturnType<typeof workingGroups>>[number];

/** The active members of these groups, with their party and office, by display name. */
export function membersOf(q: Queryable, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .leftJoin('parties as p', 'p.id', 'u.party_id')
    .leftJoin('working_group_roles as r', (join) =>
      join.onRef('r.group_id', '=', 'gm.group_id').onRef('r.user_id', '=', 'gm.user_id'),
    )
    .select(['gm.group_id', 'u.id', 'u.username', 'u.display_name', 'p.code as party', 'r.role as office'])
    .where('gm.group_id', 'in', [...groupIds])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** The group's channel (opened from the directory), if there is one. */
export async function channelOfGroup(q: Queryable, groupId: string): Promise<string | null> {
  const row = await q
    .selectFrom('channels')
    .select('id')
    .where('directory_key', '=', `group:${groupId}`)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function isMember(q: Queryable, groupId: string, userId: string): Promise<boolean> {
  const row = await q
    .selectFrom('group_members')
    .select(sql<number>`1`.as('one'))
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function addMember(q: Queryable, groupId: string, userId: string) {
  await q
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes a member, and their office with them. */
export async function removeMember(q: Queryable, groupId: string, userId: string) {
  await q
    .deleteFrom('working_group_roles')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
  await q.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).execute();
}
