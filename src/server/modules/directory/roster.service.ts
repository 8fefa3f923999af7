import type { z } from 'zod';
import type { Clock } from '../../../core/clock';
import type {
  createHandoverNoteSchema,
  createShiftSchema,
  markingInputSchema,
} from '../../../core/directory/schemas';
import { badRequest, forbidden, notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import type { Caller } from '../../platform/caller';
import type { AuditNote, Change } from '../../platform/change';
import type { Db, Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { ReadAudit } from '../../platform/read-audit';
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
    private readonly change: Change,
    private readonly reads: ReadAudit,
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
    return this.change(caller, 'shift.created', async ({ tx, audit }) => {
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
      audit(await this.openNote(tx, shift.id, { after: shift, details: { deskId } }));
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
    await this.change(caller, 'shift.deleted', async ({ tx, audit }) => {
      await tx.deleteFrom('duty_shifts').where('id', '=', shiftId).execute();
      audit(await this.openNote(tx, shiftId, { before: shift, details: { deskId } }));
    });
  }

  /** Rosters are open to every party, and so are the audit entries about them. */
  private async openNote(
    tx: Tx,
    id: string,
    change: { before?: unknown; after?: unknown; details: Record<string, unknown> },
  ): Promise<AuditNote> {
    const parties = await new DirectoryRepository(tx).partyCodes();
    return { subject: { type: 'shift', id }, ...change, marking: { level: this.deployment.lowest, parties } };
  }

  /** Reads of notes above the lowest level are audited: one entry per note read by id, one per list. */
  private recordReads(caller: Caller, notes: readonly HandoverNoteRow[], by: 'id' | 'list') {
    const [first] = notes;
    if (by === 'id' && first)
      return this.reads.one(caller, { type: 'handover-note', id: first.id }, markingOfRow(first));
    return this.reads.many(
      caller,
      { type: 'handover-note' },
      notes.map((note) => ({ id: note.id, marking: markingOfRow(note) })),
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
    const id = await this.change(caller, 'handover-note.created', async ({ tx, audit }) => {
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
      audit(noteEntry(note.id, marking, { after: note }));
      return note.id;
    });
    return this.visibleNote(caller, id);
  }

  async deleteHandoverNote(caller: Caller, id: string) {
    const note = await this.visibleNote(caller, id);
    if (note.author_id !== caller.actor.userId) {
      throw forbidden('not_author', 'Only the author may delete a handover note.');
    }
    await this.change(caller, 'handover-note.deleted', async ({ tx, audit }) => {
      await tx.deleteFrom('handover_notes').where('id', '=', id).execute();
      audit(noteEntry(id, markingOfRow(note), { before: note }));
    });
  }

  markingFor(caller: Caller, input: z.output<typeof markingInputSchema>): Promise<Marking> {
    const parties = input.parties ?? (caller.actor.party ? [caller.actor.party] : []);
    return resolveMarking(this.db, this.deployment, caller, { ...input, parties }, 'body.marking');
  }
}

/** An audit entry about a note carries the note's marking: only those who may see the note see the entry. */
function noteEntry(
  id: string,
  marking: Marking,
  change: { before?: { desk_id: string }; after?: { desk_id: string } },
): AuditNote {
  return {
    subject: { type: 'handover-note', id },
    ...change,
    details: { deskId: (change.after ?? change.before)?.desk_id },
    marking,
  };
}
