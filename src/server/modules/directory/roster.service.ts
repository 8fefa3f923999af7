import type { Clock } from '../../../core/clock';
import { notFound } from '../../../core/errors';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow } from '../../platform/marked-records';
import type { ReadAudit } from '../../platform/read-audit';
import { DirectoryRepository, type HandoverNoteRow } from './directory.repository';

const HOUR = 3_600_000;

/** A handover note the caller may see, or 404: one they may not see is answered exactly like one that does not exist. */
export async function visibleHandoverNote(
  { db, deployment }: { db: Db; deployment: DeploymentContext },
  caller: Caller,
  id: string,
): Promise<HandoverNoteRow> {
  const [note] = await new DirectoryRepository(db).handoverNotes(
    deployment.rule.where(caller.actor, 'note'),
    {
      id,
    },
  );
  if (!note) throw notFound('handover_note_not_found', 'There is no such handover note.');
  return note;
}

/**
 * Reads of duty rosters and handover notes of a desk. Shifts are open to
 * everyone (who is on duty is what the directory is for); handover notes are
 * marked records and pass through the access rule on every read. The writes
 * are commands (commands/create-shift.ts and the others).
 */
export class RosterService {
  private readonly repo: DirectoryRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deployment: DeploymentContext,
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

  async shift(id: string) {
    const shift = await this.repo.findShift(id);
    if (!shift) throw notFound('shift_not_found', 'There is no such shift.');
    return shift;
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

  async handoverNotes(caller: Caller, deskId: string) {
    const notes = await this.repo.handoverNotes(this.deployment.rule.where(caller.actor, 'note'), { deskId });
    await this.recordReads(caller, notes, 'list');
    return notes;
  }

  /** A note the caller may not see is answered exactly like one that does not exist. */
  async handoverNote(caller: Caller, id: string) {
    const note = await visibleHandoverNote({ db: this.db, deployment: this.deployment }, caller, id);
    await this.recordReads(caller, [note], 'id');
    return note;
  }
}
