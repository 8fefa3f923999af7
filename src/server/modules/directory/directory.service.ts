import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import type { Clock } from '../../../core/clock';
import type {
  createDeskSchema,
  createDistrictSchema,
  createGroupSchema,
  createPartySchema,
  createUnitSchema,
  LocalisedNames,
  updateDeskSchema,
  updateDirectoryUserSchema,
  updateDistrictSchema,
  updateGroupSchema,
  updatePartySchema,
  updateUnitSchema,
} from '../../../core/directory/schemas';
import { AppError, badRequest, conflict, notFound } from '../../../core/errors';
import { levelRank } from '../../../core/marking/marking';
import { actorsOf } from '../../platform/actors';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import type { Db, Tx } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { DirectoryRepository } from './directory.repository';

type Input<T extends z.ZodType> = z.output<T>;

/** What a directory change is about, for the audit log: a row of one of these tables, by id or (parties) code. */
interface AuditedSubject {
  type: 'party' | 'unit' | 'district' | 'desk' | 'group' | 'user';
  table: 'parties' | 'units' | 'districts' | 'desks' | 'groups' | 'users';
  id?: string;
  code?: string;
}
const SUBJECT_TYPES = { units: 'unit', districts: 'district', desks: 'desk', groups: 'group' } as const;

export const namesToColumns = (names: LocalisedNames) => ({
  name_en: names.en,
  name_ar: names.ar,
  name_he: names.he,
});

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The directory: parties, units, gazetteer, desks, groups and people. Reads
 * are open to every signed-in user (finding the counterpart desk is the
 * point); writes are for administrators, checked by the routes, and each runs
 * in one transaction that the audit log joins.
 */
export class DirectoryService {
  private readonly repo: DirectoryRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly deployment: DeploymentContext,
    private readonly change: Change,
  ) {
    this.repo = new DirectoryRepository(db);
  }

  async actorOf(userId: string): Promise<Actor> {
    const [actor] = await actorsOf(this.db, [userId]);
    if (!actor) throw notFound('user_not_found', 'There is no such user.');
    return actor;
  }

  // Reads

  parties = () => this.repo.listParties();
  units = () => this.repo.listUnits();
  districts = () => this.repo.listDistricts();
  desks = () => this.repo.listDesks(this.clock.now());
  people = () => this.repo.listPeople();

  /** How the presenter needs to know the caller to state their allowed actions at desks. */
  async deskViewer(caller: Caller) {
    return {
      party: caller.actor.party,
      roles: caller.roles,
      deskIds: await this.repo.deskIdsOf(caller.actor.userId),
    };
  }

  async desk(id: string) {
    const [desk] = await this.repo.listDesks(this.clock.now(), { id });
    if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
    return desk;
  }

  /** Working groups are public; a need-to-know group shows only to its members (and administrators). */
  async groups(caller: Caller) {
    const groups = await this.repo.listGroups();
    const admin = caller.roles.includes('administrator');
    return groups.filter(
      (group) => admin || group.kind === 'working-group' || group.member_ids.includes(caller.actor.userId),
    );
  }

  // Writes: parties

  createParty(caller: Caller, input: Input<typeof createPartySchema>) {
    return this.write(caller, { type: 'party', table: 'parties' }, 'created', async (tx) => {
      const { id } = await tx
        .insertInto('parties')
        .values({
          code: input.code,
          kind: input.kind,
          colour: input.colour,
          nationalities: input.nationalities,
          ...namesToColumns(input.names),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    });
  }

  updateParty(caller: Caller, code: string, input: Input<typeof updatePartySchema>) {
    return this.write(caller, { type: 'party', table: 'parties', code }, 'updated', async (tx) => {
      const { id } = await this.existing(tx, 'parties', 'code', code, 'party');
      await tx
        .updateTable('parties')
        .set(
          withoutUndefined({
            colour: input.colour,
            nationalities: input.nationalities,
            ...(input.names ? namesToColumns(input.names) : {}),
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      return id;
    });
  }

  deleteParty(caller: Caller, code: string) {
    return this.write(caller, { type: 'party', table: 'parties', code }, 'deleted', async (tx) => {
      const { id } = await this.existing(tx, 'parties', 'code', code, 'party');
      await tx.deleteFrom('parties').where('id', '=', id).execute();
      return id;
    });
  }

  // Writes: units (a tree per party)

  createUnit(caller: Caller, input: Input<typeof createUnitSchema>) {
    return this.write(caller, { type: 'unit', table: 'units' }, 'created', async (tx) => {
      const party = await this.existing(tx, 'parties', 'code', input.partyCode, 'party');
      await this.checkUnitParent(tx, party.id, input.parentId, null);
      const { id } = await tx
        .insertInto('units')
        .values({
          code: input.code,
          party_id: party.id,
          parent_id: input.parentId,
          kind: input.kind,
          ...namesToColumns(input.names),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    });
  }

  updateUnit(caller: Caller, id: string, input: Input<typeof updateUnitSchema>) {
    return this.write(caller, { type: 'unit', table: 'units', id }, 'updated', async (tx) => {
      const unit = await this.existing(tx, 'units', 'id', id, 'unit');
      if (input.parentId !== undefined) await this.checkUnitParent(tx, unit.party_id, input.parentId, id);
      await tx
        .updateTable('units')
        .set(
          withoutUndefined({
            parent_id: input.parentId,
            kind: input.kind,
            ...(input.names ? namesToColumns(input.names) : {}),
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      return id;
    });
  }

  /** A parent must be a unit of the same party and not the unit itself or one of its descendants. */
  private async checkUnitParent(tx: Tx, partyId: string, parentId: string | null, unitId: string | null) {
    if (parentId === null) return;
    const units = await tx.selectFrom('units').select(['id', 'parent_id', 'party_id']).execute();
    const parent = units.find((unit) => unit.id === parentId);
    if (!parent) throw badRequest('unknown_parent', 'The parent unit does not exist.');
    if (parent.party_id !== partyId) {
      throw badRequest('parent_of_other_party', 'A unit can only sit under a unit of its own party.');
    }
    for (let cursor: string | null = parentId; cursor !== null; ) {
      if (cursor === unitId)
        throw badRequest('unit_cycle', 'A unit cannot sit under itself or under one of its own units.');
      cursor = units.find((unit) => unit.id === cursor)?.parent_id ?? null;
    }
  }

  // Writes: districts (the gazetteer)

  createDistrict(caller: Caller, input: Input<typeof createDistrictSchema>) {
    return this.write(caller, { type: 'district', table: 'districts' }, 'created', async (tx) => {
      if (input.parentId) await this.existing(tx, 'districts', 'id', input.parentId, 'district');
      const { id } = await tx
        .insertInto('districts')
        .values({
          code: input.code,
          parent_id: input.parentId,
          status: input.status,
          aliases: input.aliases,
          geometry: input.geometry ? JSON.stringify(input.geometry) : null,
          ...namesToColumns(input.names),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    });
  }

  updateDistrict(caller: Caller, id: string, input: Input<typeof updateDistrictSchema>) {
    return this.write(caller, { type: 'district', table: 'districts', id }, 'updated', async (tx) => {
      await this.existing(tx, 'districts', 'id', id, 'district');
      if (input.parentId === id)
        throw badRequest('district_cycle', 'A district cannot be an area of itself.');
      if (input.parentId) await this.existing(tx, 'districts', 'id', input.parentId, 'district');
      await tx
        .updateTable('districts')
        .set(
          withoutUndefined({
            parent_id: input.parentId,
            status: input.status,
            aliases: input.aliases,
            geometry:
              input.geometry === undefined ? undefined : input.geometry && JSON.stringify(input.geometry),
            ...(input.names ? namesToColumns(input.names) : {}),
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      return id;
    });
  }

  // Writes: desks, paired with the counterpart desk of the other party for the same district

  createDesk(caller: Caller, input: Input<typeof createDeskSchema>) {
    return this.write(caller, { type: 'desk', table: 'desks' }, 'created', async (tx) => {
      const party = await this.existing(tx, 'parties', 'code', input.partyCode, 'party');
      await this.checkDeskLinks(tx, party.id, input);
      const { id } = await tx
        .insertInto('desks')
        .values({
          code: input.code,
          party_id: party.id,
          district_id: input.districtId,
          unit_id: input.unitId,
          phone: input.phone,
          ...namesToColumns(input.names),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.pair(tx, id, input.counterpartId);
      return id;
    });
  }

  updateDesk(caller: Caller, id: string, input: Input<typeof updateDeskSchema>) {
    return this.write(caller, { type: 'desk', table: 'desks', id }, 'updated', async (tx) => {
      const desk = await this.existing(tx, 'desks', 'id', id, 'desk');
      const merged = {
        districtId: input.districtId === undefined ? desk.district_id : input.districtId,
        unitId: input.unitId === undefined ? desk.unit_id : input.unitId,
        counterpartId: input.counterpartId === undefined ? desk.counterpart_id : input.counterpartId,
      };
      await this.checkDeskLinks(tx, desk.party_id, merged, id);
      await tx
        .updateTable('desks')
        .set(
          withoutUndefined({
            district_id: input.districtId,
            unit_id: input.unitId,
            phone: input.phone,
            ...(input.names ? namesToColumns(input.names) : {}),
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      if (input.counterpartId !== undefined) await this.pair(tx, id, input.counterpartId);
      return id;
    });
  }

  private async checkDeskLinks(
    tx: Tx,
    partyId: string,
    links: { districtId: string | null; unitId: string | null; counterpartId: string | null },
    deskId?: string,
  ) {
    if (links.districtId) await this.existing(tx, 'districts', 'id', links.districtId, 'district');
    if (links.unitId) {
      const unit = await this.existing(tx, 'units', 'id', links.unitId, 'unit');
      if (unit.party_id !== partyId)
        throw badRequest('unit_of_other_party', 'A desk belongs to a unit of its own party.');
    }
    if (!links.counterpartId) return;
    const counterpart = await this.existing(tx, 'desks', 'id', links.counterpartId, 'counterpart desk');
    if (counterpart.id === deskId)
      throw badRequest('counterpart_is_self', 'A desk cannot be its own counterpart.');
    if (counterpart.party_id === partyId) {
      throw badRequest('counterpart_same_party', 'The counterpart desk must belong to another party.');
    }
    if (counterpart.district_id !== links.districtId) {
      throw badRequest('counterpart_other_district', 'The counterpart desk must serve the same district.');
    }
  }

  /** Pairing is symmetric: linking A to B unlinks whatever either was paired with before. */
  private async pair(tx: Tx, deskId: string, counterpartId: string | null) {
    const ids = counterpartId ? [deskId, counterpartId] : [deskId];
    await tx
      .updateTable('desks')
      .set({ counterpart_id: null })
      .where((eb) => eb.or([eb('counterpart_id', 'in', ids), eb('id', 'in', ids)]))
      .execute();
    if (!counterpartId) return;
    await tx.updateTable('desks').set({ counterpart_id: counterpartId }).where('id', '=', deskId).execute();
    await tx.updateTable('desks').set({ counterpart_id: deskId }).where('id', '=', counterpartId).execute();
  }

  // Writes: groups

  createGroup(caller: Caller, input: Input<typeof createGroupSchema>) {
    return this.write(caller, { type: 'group', table: 'groups' }, 'created', async (tx) => {
      await this.checkParties(tx, input.parties);
      const { id } = await tx
        .insertInto('groups')
        .values({
          code: input.code,
          kind: input.kind,
          parties: input.parties,
          description: input.description && JSON.stringify(input.description),
          ...namesToColumns(input.names),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.setMembers(tx, 'group_members', 'group_id', id, input.memberIds);
      return id;
    });
  }

  updateGroup(caller: Caller, id: string, input: Input<typeof updateGroupSchema>) {
    return this.write(caller, { type: 'group', table: 'groups', id }, 'updated', async (tx) => {
      await this.existing(tx, 'groups', 'id', id, 'group');
      if (input.parties) await this.checkParties(tx, input.parties);
      await tx
        .updateTable('groups')
        .set(
          withoutUndefined({
            parties: input.parties,
            description:
              input.description === undefined
                ? undefined
                : input.description && JSON.stringify(input.description),
            ...(input.names ? namesToColumns(input.names) : {}),
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      if (input.memberIds) await this.setMembers(tx, 'group_members', 'group_id', id, input.memberIds);
      return id;
    });
  }

  private async checkParties(tx: Tx, codes: readonly string[]) {
    const known = (await tx.selectFrom('parties').select('code').execute()).map((party) => party.code);
    const unknown = codes.filter((code) => !known.includes(code));
    if (unknown.length > 0) throw badRequest('unknown_party', `Unknown party: ${unknown.join(', ')}.`);
  }

  private async setMembers(
    tx: Tx,
    table: 'group_members' | 'desk_members',
    column: 'group_id' | 'desk_id',
    ownerId: string,
    userIds: readonly string[],
  ) {
    await tx.deleteFrom(table).where(column, '=', ownerId).execute();
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    const found = await tx.selectFrom('users').select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length)
      throw badRequest('unknown_user', 'Some members are not users of Concord.');
    await tx
      .insertInto(table)
      .values(
        unique.map(
          (user_id) =>
            ({ [column]: ownerId, user_id }) as { group_id: string; desk_id: string; user_id: string },
        ),
      )
      .execute();
  }

  // Generic delete of a named entry; what still uses it makes it a 409

  deleteEntry(caller: Caller, table: 'units' | 'districts' | 'desks' | 'groups', id: string) {
    const noun = { units: 'unit', districts: 'district', desks: 'desk', groups: 'group' }[table];
    return this.write(caller, { type: SUBJECT_TYPES[table], table, id }, 'deleted', async (tx) => {
      await this.existing(tx, table, 'id', id, noun);
      await tx.deleteFrom(table).where('id', '=', id).execute();
      return id;
    });
  }

  // Writes: people (accounts are created by identity; the directory places them)

  updatePerson(caller: Caller, id: string, input: Input<typeof updateDirectoryUserSchema>) {
    return this.write(caller, { type: 'user', table: 'users', id }, 'updated', async (tx) => {
      const user = await this.existing(tx, 'users', 'id', id, 'user');
      let partyId = user.party_id;
      if (input.partyCode !== undefined) {
        partyId = input.partyCode
          ? (await this.existing(tx, 'parties', 'code', input.partyCode, 'party')).id
          : null;
      }
      if (input.clearance !== undefined) this.checkClearance(input.clearance);
      const unitId =
        input.unitId === undefined ? (input.partyCode !== undefined ? null : user.unit_id) : input.unitId;
      await this.checkPlaces(tx, partyId, { unitId, deskIds: input.deskIds, groupIds: input.groupIds });
      if (caller.actor.userId === id && input.disabled) {
        throw badRequest('cannot_disable_self', 'You cannot disable your own account.');
      }
      await tx
        .updateTable('users')
        .set(
          withoutUndefined({
            display_name: input.displayName,
            email: input.email,
            roles: input.roles && [...new Set(input.roles)],
            nationality: input.nationality,
            clearance: input.clearance,
            party_id: partyId,
            unit_id: unitId,
            disabled_at: input.disabled === undefined ? undefined : input.disabled ? this.clock.now() : null,
            updated_at: this.clock.now(),
          }),
        )
        .where('id', '=', id)
        .execute();
      if (input.disabled)
        await tx
          .updateTable('sessions')
          .set({ revoked_at: this.clock.now() })
          .where('user_id', '=', id)
          .execute();
      if (input.deskIds) {
        await this.setMembersOfUser(tx, 'desk_members', 'desk_id', id, input.deskIds);
      } else if (partyId !== user.party_id) {
        // A move to another party ends the staffing of the old party's desks.
        await tx
          .deleteFrom('desk_members')
          .where('user_id', '=', id)
          .where('desk_id', 'not in', (eb) =>
            eb.selectFrom('desks').select('id').where('party_id', '=', partyId),
          )
          .execute();
      }
      if (input.groupIds) await this.setMembersOfUser(tx, 'group_members', 'group_id', id, input.groupIds);
      return id;
    });
  }

  /**
   * Checks where a new account would be placed before identity creates it, so
   * that a refusal leaves no half-made account behind.
   */
  async checkNewPerson(input: {
    partyCode?: string | null | undefined;
    clearance: string;
    unitId?: string | null | undefined;
    deskIds?: string[] | undefined;
    groupIds?: string[] | undefined;
  }) {
    this.checkClearance(input.clearance);
    const partyId = input.partyCode
      ? (await this.existing(this.db, 'parties', 'code', input.partyCode, 'party')).id
      : null;
    await this.checkPlaces(this.db, partyId, input);
  }

  /** A unit and desks of the person's own party, and groups that exist. */
  private async checkPlaces(
    db: Db,
    partyId: string | null,
    places: {
      unitId?: string | null | undefined;
      deskIds?: string[] | undefined;
      groupIds?: string[] | undefined;
    },
  ) {
    if (places.unitId) {
      const unit = await this.existing(db, 'units', 'id', places.unitId, 'unit');
      if (unit.party_id !== partyId)
        throw badRequest('unit_of_other_party', "A user's unit belongs to their party.");
    }
    if (places.deskIds?.length) {
      const desks = await db
        .selectFrom('desks')
        .select(['id', 'party_id'])
        .where('id', 'in', places.deskIds)
        .execute();
      if (desks.length !== new Set(places.deskIds).size)
        throw badRequest('unknown_desk', 'Some desks do not exist.');
      if (desks.some((desk) => desk.party_id !== partyId)) {
        throw badRequest('desk_of_other_party', "A user can only staff their own party's desks.");
      }
    }
    if (places.groupIds?.length) {
      const groups = await db.selectFrom('groups').select('id').where('id', 'in', places.groupIds).execute();
      if (groups.length !== new Set(places.groupIds).size)
        throw badRequest('unknown_group', 'Some groups do not exist.');
    }
  }

  private async setMembersOfUser(
    tx: Tx,
    table: 'group_members' | 'desk_members',
    column: 'group_id' | 'desk_id',
    userId: string,
    ownerIds: readonly string[],
  ) {
    await tx.deleteFrom(table).where('user_id', '=', userId).execute();
    const unique = [...new Set(ownerIds)];
    if (unique.length === 0) return;
    await tx
      .insertInto(table)
      .values(
        unique.map(
          (ownerId) =>
            ({ [column]: ownerId, user_id: userId }) as {
              group_id: string;
              desk_id: string;
              user_id: string;
            },
        ),
      )
      .execute();
  }

  // Plumbing

  private async snapshot(
    tx: Tx,
    table: AuditedSubject['table'],
    key: { id: string } | { code: string } | null,
  ) {
    if (!key) return undefined;
    const [column, value] = 'id' in key ? (['id', key.id] as const) : (['code', key.code] as const);
    if (table === 'users' && column === 'code') return undefined;
    const row = await tx
      .selectFrom(table as 'desks')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row as (Record<string, unknown> & { code?: string; username?: string }) | undefined;
  }

  /** Clearances are levels of the deployment's scheme. */
  checkClearance(clearance: string) {
    if (levelRank(this.deployment.scheme, clearance) >= 0) return;
    const levels = this.deployment.scheme.levels.map((level) => level.code).join(', ');
    throw badRequest('unknown_clearance', `Clearance must be one of ${levels}.`, [
      { path: 'body.clearance', message: `Must be one of ${levels}` },
    ]);
  }

  private async existing<T extends 'parties' | 'units' | 'districts' | 'desks' | 'groups' | 'users'>(
    tx: Db,
    table: T,
    column: 'id' | 'code',
    value: string,
    noun: string,
  ) {
    const row = await tx
      .selectFrom(table as 'desks')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) throw notFound(`${noun.replaceAll(' ', '_')}_not_found`, `There is no ${noun} ${value}.`);
    return row as unknown as Selectable<Database[T]>;
  }

  /**
   * Runs one directory change through the envelope, with the row before and
   * after for the audit entry, and integrity errors turned into answers a
   * person can act on. `noun` names the entry in those answers.
   */
  private write(
    caller: Caller,
    subject: AuditedSubject,
    verb: 'created' | 'updated' | 'deleted',
    work: (tx: Tx) => Promise<string>,
  ): Promise<string> {
    const noun = subject.type;
    return this.change(
      caller,
      `${subject.type}.${verb}`,
      async ({ tx, audit }) => {
        const key = subject.id ? { id: subject.id } : subject.code ? { code: subject.code } : null;
        const before = await this.snapshot(tx, subject.table, key);
        const id = await work(tx);
        const after = verb === 'deleted' ? undefined : await this.snapshot(tx, subject.table, { id });
        // Directory entries are open to every party, so their audit entries are too.
        audit({
          subject: { type: subject.type, id },
          before,
          after,
          details: { code: (after ?? before)?.code ?? (after ?? before)?.username ?? null },
          marking: { level: this.deployment.lowest, parties: await new DirectoryRepository(tx).partyCodes() },
        });
        return id;
      },
      {
        onConstraint: (violation) => {
          if (violation.kind === 'unique') {
            const message = `Another ${noun} already has this code (codes are compared without regard to case).`;
            return new AppError('conflict', 'code_taken', message, {
              issues: [{ path: 'body.code', message }],
            });
          }
          if (violation.kind === 'foreign_key')
            return conflict(
              'in_use',
              `This ${noun} is still in use (by units, desks, people or records); move those first.`,
            );
          return null;
        },
      },
    );
  }
}
