import type { Db } from '../../platform/db/database';

/**
 * Reads of accounts the directory needs to place people. Accounts themselves
 * are identity's: the directory changes them through identity's repository.
 */

/** Which of these users exist. */
export async function existingUserIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').select('id').where('id', 'in', ids).execute()).map((u) => u.id);
}

/** What putting someone on a roster needs to know about them. */
export function userStanding(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'party_id', 'disabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
