import { type CommitmentStatus, isOpenCommitment } from '../../../core/commitments/lifecycle';
import type { Unit } from '../../platform/change';
import { DueTimers } from '../../platform/due-timers';
import { markingOfRow } from '../../platform/marked-records';
import { type CommitmentsDeps, commitmentEvent } from './commitments.deps';
import { visibleAmong } from './commitments.queries';
import { claimDueReminder, commitmentById, markReminderFired } from './commitments.repository';

/**
 * The durable reminders of commitments: 3 days and 1 day before the due
 * date, and when it is overdue, to the owner (bell, live event, e-mail when
 * configured). Each is a row claimed with FOR UPDATE SKIP LOCKED in its own
 * transaction, so it fires once however many instances run, and one that fell
 * due while the server was down fires when it starts. A reminder of a
 * commitment no longer owed (done, dropped) is moot.
 */
export class CommitmentReminders {
  private readonly timers: DueTimers;

  constructor(private readonly deps: CommitmentsDeps) {
    this.timers = new DueTimers(deps.change, 'commitment.reminder-fired', (unit) => this.fireNext(unit));
  }

  fireDue(): Promise<number> {
    return this.timers.fireDue();
  }

  private async fireNext(unit: Unit): Promise<boolean> {
    const { tx, now } = unit;
    const reminder = await claimDueReminder(tx, now);
    if (!reminder) return false;
    const row = await commitmentById(tx, reminder.commitment_id, true);
    const owed = row !== undefined && isOpenCommitment(row.status as CommitmentStatus);
    if (row && owed) {
      const recipients = await visibleAmong(this.deps, tx, [row.owner_id], row);
      await this.deps.notifier?.notifyAboutCommitment(unit, recipients, {
        kind: reminder.kind === 'overdue' ? 'commitment.overdue' : 'commitment.due-soon',
        commitmentId: row.id,
        detail: row.due_on,
        at: now,
      });
      unit.audit({
        action: 'commitment.reminded',
        subject: { type: 'commitment', id: row.id },
        details: { reminder: reminder.kind },
        marking: markingOfRow(row),
      });
      unit.emit(commitmentEvent('commitment.reminded', row.id, { reminder: reminder.kind }));
    }
    await markReminderFired(tx, reminder.id, now, owed ? 'fired' : 'moot');
    return true;
  }
}
