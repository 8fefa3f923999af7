import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';

/**
 * Kysely queries that write desks and who staffs them. No policy here. Every
 * function takes `Db | Tx`. (Reads of desks with who is on duty live in
 * directory.repository.ts.)
 */

export async function insertDesk(db: Db, values: Insertable<Database['desks']>) {
  return (await db.insertInto('desks').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDesk(db: Db, id: string, values: Updateable<Database['desks']>) {
  await db.updateTable('desks').set(values).where('id', '=', id).execute();
}

/** Pairing is symmetric: linking A to B unlinks whatever either was paired with before. */
export async function pairDesks(db: Db, deskId: string, counterpartId: string | null) {
  const ids = counterpartId ? [deskId, counterpartId] : [deskId];
  await db
    .updateTable('desks')
    .set({ counterpart_id: null })
    .where((eb) => eb.or([eb('counterpart_id', 'in', ids), eb('id', 'in', ids)]))
    .execute();
  if (!counterpartId) return;
  await db.updateTable('desks').set({ counterpart_id: counterpartId }).where('id', '=', deskId).execute();
  await db.updateTable('desks').set({ counterpart_id: deskId }).where('id', '=', counterpartId).execute();
}

/** Sets a desk's counterpart by code, one side only (the seed pairs both sides itself). */
export async function setCounterpartByCode(db: Db, code: string, counterpartId: string | null) {
  await db.updateTable('desks').set({ counterpart_id: counterpartId }).where('code', '=', code).execute();
}

/** The party of each of these desks that exists. */
export function partiesOfDesks(db: Db, ids: readonly string[]) {
  return db.selectFrom('desks').select(['id', 'party_id']).where('id', 'in', ids).execute();
}

/** A person's desks become exactly `deskIds`. */
export async function replaceDesksOfUser(db: Db, userId: string, deskIds: readonly string[]) {
  await db.deleteFrom('desk_members').where('user_id', '=', userId).execute();
  if (deskIds.length === 0) return;
  await db
    .insertInto('desk_members')
    .values(deskIds.map((desk_id) => ({ desk_id, user_id: userId })))
    .execute();
}

/** Ends the staffing of every desk that is not of `partyId` (a move to another party). */
export async function removeDesksOutsideParty(db: Db, userId: string, partyId: string | null) {
  await db
    .deleteFrom('desk_members')
    .where('user_id', '=', userId)
    .where('desk_id', 'not in', (eb) => eb.selectFrom('desks').select('id').where('party_id', '=', partyId))
    .execute();
}

/** Puts someone on a desk's staff; nothing happens when they already are. */
export async function addDeskMember(db: Db, deskId: string, userId: string, options = { ifMissing: true }) {
  let query = db.insertInto('desk_members').values({ desk_id: deskId, user_id: userId });
  if (options.ifMissing) query = query.onConflict((oc) => oc.doNothing());
  await query.execute();
}

/** One desk with its party's code, or undefined. */
export function findDeskWithParty(db: Db, id: string) {
  return db
    .selectFrom('desks')
    .innerJoin('parties', 'parties.id', 'desks.party_id')
    .selectAll('desks')
    .select('parties.code as party_code')
    .where('desks.id', '=', id)
    .executeTakeFirst();
}
