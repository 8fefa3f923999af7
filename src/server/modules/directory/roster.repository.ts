import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import type { DirectoryRepository } from './directory.repository';

/**
 * Kysely queries that write rosters and handover notes. No policy here. Every
 * function takes `Db | Tx`. (Reads of shifts and notes, with the access rule's
 * condition passed in, live in directory.repository.ts.)
 */

/** A shift with the name of who is on it, as the roster shows it. */
export type ShiftRow = NonNullable<Awaited<ReturnType<DirectoryRepository['findShift']>>>;
export type ShiftRecord = Awaited<ReturnType<typeof insertShift>>;
export type HandoverNoteRecord = Awaited<ReturnType<typeof insertHandoverNote>>;

export function insertShift(db: Db, values: Insertable<Database['duty_shifts']>) {
  return db.insertInto('duty_shifts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deleteShift(db: Db, id: string) {
  await db.deleteFrom('duty_shifts').where('id', '=', id).execute();
}

export function insertHandoverNote(db: Db, values: Insertable<Database['handover_notes']>) {
  return db.insertInto('handover_notes').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deleteHandoverNote(db: Db, id: string) {
  await db.deleteFrom('handover_notes').where('id', '=', id).execute();
}
