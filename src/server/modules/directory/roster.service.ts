import type { z } from 'zod';
import type { Clock } from '../../../core/clock';
import type {
  createHandoverNoteSchema,
  createShiftSchema,
  markingInputSchema,
} from '../../../core/directory/schemas';
import { badRequest, forbidden, notFound } from '../../../core/errors';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import { auditActorOf, type Caller } from '../../platform/caller';
import { type Db, inTransaction, type Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { AuditService } from '../audit/audit.service';
import { DirectoryRepository, type HandoverNoteRow } from './directory.repository';

const HOUR = 3_600_000;

/**
 * Duty rosters and handover notes of a desk. Shifts are open to everyone (who
 * is on duty is what the directory is for); handover notes are marked records
 * and pass through the access rule on every read.
 */
export class RosterService {
  private readonly repo: DirectoryRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deployment: DeploymentContext,
    private readonly audit: AuditService,
  ) {
    this.repo = new DirectoryRepository(db);
  }

  /** Shifts overlapping [from, to); by default the last day and the coming week. */
  async shifts(deskId: string, range: { from?: Date | undefined; to?: Date | undefined }) {
    const now = this.clock.now().getTime();
    return this.repo.listShifts(
      deskId,
      range.from ?? new Date(now - 24 * HOUR),
      range.to ?? new Date(now + 7 * 24 * HOUR),
    );
  }

  /** Administrators, and supervisors of the desk's own party, keep its roster. Others get 404. */
  private async rosterKeeperDesk(caller: Caller, deskId: string) {
    const [desk] = await this.repo.listDesks(this.clock.now(), { id: deskId });
    if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
    const keeper =
      caller.roles.includes('administrator') ||
      (caller.roles.includes('supervisor') && caller.actor.party === desk.party_code);
    if (!keeper) throw notFound('not_found', 'Not found.');
    return desk;
  }

  async createShift(caller: Caller, deskId: string, input: z.output<typeof createShiftSchema>) {
    const desk = await this.rosterKeeperDesk(caller, deskId);
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'party_id', 'disabled_at'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user || user.disabled_at) throw badRequest('unknown_user', 'There is no such active user.');
    if (user.party_id !== desk.party_id) {
      throw badRequest('user_of_other_party', "Only people of the desk's own party can be on its roster.");
    }
    return this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('desk_members')
        .values({ desk_id: deskId, user_id: input.userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const shift = await tx
        .insertInto('duty_shifts')
        .values({ desk_id: deskId, user_id: input.userId, starts_at: input.startsAt, ends_at: input.endsAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.recordOpen(tx, caller, 'shift.created', shift.id, { after: shift, details: { deskId } });
      return shift.id;
    });
  }

  async shift(id: string) {
    const shift = await this.repo.findShift(id);
    if (!shift) throw notFound('shift_not_found', 'There is no such shift.');
    return shift;
  }

  async deleteShift(caller: Caller, deskId: string, shiftId: string) {
    await this.rosterKeeperDesk(caller, deskId);
    const shift = await this.repo.findShift(shiftId);
    if (!shift || shift.desk_id !== deskId) throw notFound('shift_not_found', 'There is no such shift.');
    await inTransaction(this.db, async (tx) => {
      await tx.deleteFrom('duty_shifts').where('id', '=', shiftId).execute();
      await this.recordOpen(tx, caller, 'shift.deleted', shiftId, { before: shift, details: { deskId } });
    });
  }

  /** Rosters are open to every party, and so are the audit entries about them. */
  private async recordOpen(
    tx: Tx,
    caller: Caller,
    action: string,
    id: string,
    change: { before?: unknown; after?: unknown; details: Record<string, unknown> },
  ) {
    const parties = (await tx.selectFrom('parties').select('code').execute()).map((party) => party.code);
    await this.audit.record(tx, {
      action,
      actor: auditActorOf(caller),
      subject: { type: 'shift', id },
      ip: caller.ip,
      ...change,
      marking: { level: this.lowestLevel(), parties },
    });
  }

  private lowestLevel() {
    return this.deployment.scheme.levels[0]?.code ?? 'U';
  }

  /**
   * Reads of records marked above the lowest level are audited: one entry per
   * record read by id, one per list (marked with the combination of what it held).
   */
  private async recordReads(caller: Caller, notes: readonly HandoverNoteRow[], by: 'id' | 'list') {
    const sensitive = notes.filter((note) => note.marking_level !== this.lowestLevel());
    if (sensitive.length === 0) return;
    const marking = combineMarkings(this.deployment.scheme, sensitive.map(markingOfRow));
    await inTransaction(this.db, (tx) =>
      this.audit.record(tx, {
        action: by === 'id' ? 'record.read' : 'record.listed',
        actor: auditActorOf(caller),
        subject: { type: 'handover-note', id: by === 'id' ? (sensitive[0]?.id ?? null) : null },
        ip: caller.ip,
        details: by === 'id' ? {} : { ids: sensitive.map((note) => note.id) },
        marking,
      }),
    );
  }

  // Handover notes: marked records

  async handoverNotes(caller: Caller, deskId: string) {
    const notes = await this.repo.handoverNotes(this.deployment.rule.where(caller.actor, 'note'), { deskId });
    await this.recordReads(caller, notes, 'list');
    return notes;
  }

  /** A note the caller may not see is answered exactly like one that does not exist. */
  async handoverNote(caller: Caller, id: string) {
    const note = await this.visibleNote(caller, id);
    await this.recordReads(caller, [note], 'id');
    return note;
  }

  private async visibleNote(caller: Caller, id: string) {
    const [note] = await this.repo.handoverNotes(this.deployment.rule.where(caller.actor, 'note'), { id });
    if (!note) throw notFound('handover_note_not_found', 'There is no such handover note.');
    return note;
  }

  async createHandoverNote(caller: Caller, deskId: string, input: z.output<typeof createHandoverNoteSchema>) {
    const [desk] = await this.repo.listDesks(this.clock.now(), { id: deskId });
    if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
    const mayWrite =
      (await this.repo.isDeskMember(deskId, caller.actor.userId)) ||
      (caller.roles.includes('supervisor') && caller.actor.party === desk.party_code);
    if (!mayWrite) {
      throw forbidden(
        'not_on_desk',
        "Only the desk's officers and their party's supervisors write its handover notes.",
      );
    }
    const marking = await this.markingFor(caller, input.marking);
    const id = await inTransaction(this.db, async (tx) => {
      const note = await tx
        .insertInto('handover_notes')
        .values({
          desk_id: deskId,
          author_id: caller.actor.userId,
          body: input.body,
          ...markingToColumns(marking),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.recordNote(tx, caller, 'handover-note.created', note.id, marking, { after: note });
      return note.id;
    });
    return this.visibleNote(caller, id);
  }

  async deleteHandoverNote(caller: Caller, id: string) {
    const note = await this.visibleNote(caller, id);
    if (note.author_id !== caller.actor.userId) {
      throw forbidden('not_author', 'Only the author may delete a handover note.');
    }
    await inTransaction(this.db, async (tx) => {
      await tx.deleteFrom('handover_notes').where('id', '=', id).execute();
      await this.recordNote(tx, caller, 'handover-note.deleted', id, markingOfRow(note), { before: note });
    });
  }

  /** An audit entry about a note carries the note's marking: only those who may see the note see the entry. */
  private recordNote(
    tx: Tx,
    caller: Caller,
    action: string,
    id: string,
    marking: Marking,
    change: { before?: unknown; after?: unknown },
  ) {
    return this.audit.record(tx, {
      action,
      actor: auditActorOf(caller),
      subject: { type: 'handover-note', id },
      ip: caller.ip,
      ...change,
      details: {
        deskId:
          (change.after ?? change.before) && ((change.after ?? change.before) as { desk_id: string }).desk_id,
      },
      marking,
    });
  }

  markingFor(caller: Caller, input: z.output<typeof markingInputSchema>): Promise<Marking> {
    const parties = input.parties ?? (caller.actor.party ? [caller.actor.party] : []);
    return resolveMarking(this.db, this.deployment, caller, { ...input, parties }, 'body.marking');
  }
}
