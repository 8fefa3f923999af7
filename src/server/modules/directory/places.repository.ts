import type { Insertable, Selectable, Updateable } from 'kysely';
import type { LocalisedNames } from '../../../core/directory/schemas';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';

/**
 * Kysely queries that write the directory's named entries: parties, units,
 * districts (the gazetteer) and groups with their members. No policy here:
 * the commands check first. Every function takes `Db | Tx` (a `Tx` is a `Db`).
 */

/** The tables a directory change may be about (users: a person's place in the directory). */
export type EntryTable = 'parties' | 'units' | 'districts' | 'desks' | 'groups' | 'users';
export type EntryRow<T extends EntryTable> = Selectable<Database[T]>;

export const namesToColumns = (names: LocalisedNames) => ({
  name_en: names.en,
  name_ar: names.ar,
  name_he: names.he,
});

/** One row of an entry table by its id or code, as stored. */
export async function findEntry<T extends EntryTable>(
  db: Db,
  table: T,
  column: 'id' | 'code',
  value: string,
): Promise<EntryRow<T> | undefined> {
  const row = await db
    .selectFrom(table as 'desks')
    .selectAll()
    .where(column, '=', value)
    .executeTakeFirst();
  return row as unknown as EntryRow<T> | undefined;
}

export async function deleteEntry(db: Db, table: Exclude<EntryTable, 'users'>, id: string) {
  await db
    .deleteFrom(table as 'desks')
    .where('id', '=', id)
    .execute();
}

// Parties

export async function insertParty(db: Db, values: Insertable<Database['parties']>) {
  return (await db.insertInto('parties').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateParty(db: Db, id: string, values: Updateable<Database['parties']>) {
  await db.updateTable('parties').set(values).where('id', '=', id).execute();
}

export async function listPartyCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('parties').select('code').execute()).map((party) => party.code);
}

export async function anyPartyExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('parties').select('id').limit(1).execute()).length > 0;
}

// Units

export async function insertUnit(db: Db, values: Insertable<Database['units']>) {
  return (await db.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUnit(db: Db, id: string, values: Updateable<Database['units']>) {
  await db.updateTable('units').set(values).where('id', '=', id).execute();
}

/** Every unit's place in its party's tree. */
export function unitTree(db: Db) {
  return db.selectFrom('units').select(['id', 'parent_id', 'party_id']).execute();
}

// Districts

export async function insertDistrict(db: Db, values: Insertable<Database['districts']>) {
  return (await db.insertInto('districts').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDistrict(db: Db, id: string, values: Updateable<Database['districts']>) {
  await db.updateTable('districts').set(values).where('id', '=', id).execute();
}

// Groups

export async function insertGroup(db: Db, values: Insertable<Database['groups']>) {
  return (await db.insertInto('groups').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateGroup(db: Db, id: string, values: Updateable<Database['groups']>) {
  await db.updateTable('groups').set(values).where('id', '=', id).execute();
}

/** Which of these groups exist. */
export async function existingGroupIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('groups').select('id').where('id', 'in', ids).execute()).map((g) => g.id);
}

/** A group's members become exactly `userIds`. */
export async function replaceGroupMembers(db: Db, groupId: string, userIds: readonly string[]) {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
}

/** A person's groups become exactly `groupIds`. */
export async function replaceGroupsOfUser(db: Db, userId: string, groupIds: readonly string[]) {
  await db.deleteFrom('group_members').where('user_id', '=', userId).execute();
  if (groupIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(groupIds.map((group_id) => ({ group_id, user_id: userId })))
    .execute();
}

export async function addGroupMember(db: Db, groupId: string, userId: string) {
  await db.insertInto('group_members').values({ group_id: groupId, user_id: userId }).execute();
}

export type PartyRow = EntryRow<'parties'>;
export type DistrictRow = EntryRow<'districts'>;

/**
 * Every name the directory knows a party, unit or place (district) by: its
 * code, its names in every language and its aliases. Reports link the names
 * they find in their text to these entries.
 */
export async function knownNames(db: Db) {
  const columns = ['id', 'code', 'name_en', 'name_ar', 'name_he', 'aliases'] as const;
  const parties = await db.selectFrom('parties').select(columns).execute();
  const units = await db.selectFrom('units').select(columns).execute();
  const places = await db.selectFrom('districts').select(columns).execute();
  const names = (row: (typeof parties)[number]) => [
    row.code,
    row.name_en,
    row.name_ar,
    row.name_he,
    ...row.aliases,
  ];
  return [
    ...parties.map((row) => ({ type: 'party' as const, id: row.id, names: names(row) })),
    ...units.map((row) => ({ type: 'unit' as const, id: row.id, names: names(row) })),
    ...places.map((row) => ({ type: 'district' as const, id: row.id, names: names(row) })),
  ];
}

export type KnownName = Awaited<ReturnType<typeof knownNames>>[number];
