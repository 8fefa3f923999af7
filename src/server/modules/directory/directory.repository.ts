import { type Expression, type SqlBool, sql } from 'kysely';
import type { PlaceKind } from '../../../core/directory/places';
import type { Db } from '../../platform/db/database';
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

  listDistricts(kind?: PlaceKind) {
    return this.db
      .selectFrom('districts')
      .selectAll()
      .$if(kind !== undefined, (q) => q.where('kind', '=', kind as PlaceKind))
      .orderBy('name_en')
      .execute();
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
