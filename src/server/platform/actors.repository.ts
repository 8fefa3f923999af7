import type { Actor } from '../../core/access/access-rule';
import type { Db, Tx } from './db/database';

/**
 * The access rule's view of users, in one batch: party, nationality,
 * clearance and need-to-know groups. Takes the transaction when called inside
 * one (PGlite has a single connection: a query on `db` there would wait for
 * the transaction that is waiting for it).
 */
export async function actorsOf(q: Db | Tx, userIds: readonly string[]): Promise<Actor[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const users = await q
    .selectFrom('users')
    .leftJoin('parties', 'parties.id', 'users.party_id')
    .select(['users.id', 'users.nationality', 'users.clearance', 'parties.code as party_code'])
    .where('users.id', 'in', ids)
    .execute();
  const memberships = await q
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.user_id', 'groups.code'])
    .where('group_members.user_id', 'in', ids)
    .execute();
  return users.map((user) => ({
    userId: user.id,
    party: user.party_code,
    nationality: user.nationality,
    clearance: user.clearance,
    groups: memberships.filter((member) => member.user_id === user.id).map((member) => member.code),
  }));
}
