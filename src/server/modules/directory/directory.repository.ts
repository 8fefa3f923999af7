import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';

/** The directory's named tables: the same columns for code and names, so one set of queries serves them. */
export type NamedTable = 'units' | 'districts' | 'desks' | 'groups';

/** Kysely queries for the directory. No policy here: the service decides who may do what. */
export class DirectoryRepository {
  constructor(private readonly db: Db) {}

  /** Every party's code: directory entries are open to all of them. */
  async partyCodes(): Promise<string[]> {
    return (await this.db.selectFrom('parties').select('code').execute()).map((party) => party.code);
  }

  listParties() {
    return this.db.selectFrom('parties').selectAll().orderBy('kind').orderBy('code').execute();
  }

  findParty(code: string) {
    return this.db.selectFrom('parties').selectAll().where('code', '=', code).executeTakeFirst();
  }

  listUnits() {
    return this.db
      .selectFrom('units')
      .innerJoin('parties', 'parties.id', 'units.party_id')
      .selectAll('units')
      .select('parties.code as party_code')
      .orderBy('parties.code')
      .orderBy('units.code')
      .execute();
  }

  listDistricts() {
    return this.db.selectFrom('districts').selectAll().orderBy('name_en').execute();
  }

  /** Desks with their party and whoever is on duty at `now`. */
  async listDesks(now: Date, where?: { id: string }) {
    let query = this.db
      .selectFrom('desks')
      .innerJoin('parties', 'parties.id', 'desks.party_id')
      .selectAll('desks')
      .select('parties.code as party_code')
      .orderBy('parties.code')
      .orderBy('desks.code');
    if (where) query = query.where('desks.id', '=', where.id);
    const desks = await query.execute();
    const onDuty = await this.onDutyAt(now);
    return desks.map((desk) => ({ ...desk, on_duty: onDuty.filter((shift) => shift.desk_id === desk.id) }));
  }

  onDutyAt(now: Date) {
    return this.db
      .selectFrom('duty_shifts')
      .innerJoin('users', 'users.id', 'duty_shifts.user_id')
      .select(['duty_shifts.desk_id', 'duty_shifts.user_id', 'users.display_name', 'duty_shifts.ends_at'])
      .where('duty_shifts.starts_at', '<=', now)
      .where('duty_shifts.ends_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .orderBy('duty_shifts.ends_at')
      .execute();
  }

  async listGroups() {
    const groups = await this.db.selectFrom('groups').selectAll().orderBy('kind').orderBy('code').execute();
    const members = await this.db.selectFrom('group_members').selectAll().execute();
    return groups.map((group) => ({
      ...group,
      member_ids: members.filter((member) => member.group_id === group.id).map((member) => member.user_id),
    }));
  }

  async listPeople() {
    const users = await this.db
      .selectFrom('users')
      .leftJoin('parties', 'parties.id', 'users.party_id')
      .selectAll('users')
      .select('parties.code as party_code')
      .orderBy('users.display_name')
      .execute();
    const desks = await this.db.selectFrom('desk_members').selectAll().execute();
    const groups = await this.db.selectFrom('group_members').selectAll().execute();
    return users.map((user) => ({
      ...user,
      desk_ids: desks.filter((member) => member.user_id === user.id).map((member) => member.desk_id),
      group_ids: groups.filter((member) => member.user_id === user.id).map((member) => member.group_id),
    }));
  }

  /** What the access rule needs to know about a user. */
  async deskIdsOf(userId: string) {
    const rows = await this.db
      .selectFrom('desk_members')
      .select('desk_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((row) => row.desk_id);
  }

  isDeskMember(deskId: string, userId: string) {
    return this.db
      .selectFrom('desk_members')
      .select('user_id')
      .where('desk_id', '=', deskId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
      .then(Boolean);
  }

  private shiftsWithNames() {
    return this.db
      .selectFrom('duty_shifts')
      .innerJoin('users', 'users.id', 'duty_shifts.user_id')
      .selectAll('duty_shifts')
      .select('users.display_name');
  }

  listShifts(deskId: string, from: Date, to: Date) {
    return this.shiftsWithNames()
      .where('duty_shifts.desk_id', '=', deskId)
      .where('duty_shifts.ends_at', '>', from)
      .where('duty_shifts.starts_at', '<', to)
      .orderBy('duty_shifts.starts_at')
      .execute();
  }

  findShift(id: string) {
    return this.shiftsWithNames().where('duty_shifts.id', '=', id).executeTakeFirst();
  }

  /** Handover notes the `visible` condition (the access rule's SQL face) lets through. */
  handoverNotes(visible: Expression<SqlBool>, filter: { deskId?: string; id?: string }) {
    let query = this.db
      .selectFrom('handover_notes as note')
      .leftJoin('users as author', 'author.id', 'note.author_id')
      .selectAll('note')
      .select('author.display_name as author_name')
      .where(visible)
      .orderBy('note.created_at', 'desc')
      .limit(200);
    if (filter.deskId) query = query.where('note.desk_id', '=', filter.deskId);
    if (filter.id) query = query.where('note.id', '=', filter.id);
    return query.execute();
  }

  countUsers() {
    return this.db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('count'))
      .executeTakeFirstOrThrow()
      .then((row) => row.count);
  }
}

export type DeskRow = Awaited<ReturnType<DirectoryRepository['listDesks']>>[number];
export type PersonRow = Awaited<ReturnType<DirectoryRepository['listPeople']>>[number];
export type GroupRow = Awaited<ReturnType<DirectoryRepository['listGroups']>>[number];
export type UnitRow = Awaited<ReturnType<DirectoryRepository['listUnits']>>[number];
export type HandoverNoteRow = Awaited<ReturnType<DirectoryRepository['handoverNotes']>>[number];
export type DirectoryDatabase = Database;

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
