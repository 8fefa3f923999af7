import { type CommitmentStatus, isOpenCommitment } from '../../../../core/commitments/lifecycle';
import type { CommitmentPatch } from '../../../../core/commitments/schemas';
import { conflict, forbidden } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { type CommitmentsDeps, commitmentEvent } from '../commitments.deps';
import { standingToCommitment, visibleCommitment } from '../commitments.queries';
import { updateCommitment } from '../commitments.repository';
import { checkOwner, commitmentNote, scheduleReminders } from './commitment-writing';

/**
 * Edits a commitment still owed: its title, what "done" means, its owner
 * (of the same party) or its due date (the reminders move with it). Its
 * owner, the chair of the owner's party and the group's secretary may.
 */
export async function editCommitment(
  deps: CommitmentsDeps,
  caller: Caller,
  id: string,
  patch: CommitmentPatch,
) {
  await deps.change(caller, 'commitment.edited', async ({ tx, now, audit, emit }) => {
    const row = await visibleCommitment(deps, caller, id, tx);
    const { view, relations } = await standingToCommitment(deps, caller, row, tx);
    if (!relations.has('owner') && !relations.has('owner-chair') && !relations.has('secretary'))
      throw forbidden(
        'commitment_not_yours',
        "Only its owner, the chair of the owner's party or the group's secretary edit a commitment.",
      );
    if (!isOpenCommitment(row.status as CommitmentStatus))
      throw conflict('commitment_wrong_state', 'Only a commitment still owed is edited.');
    if (patch.ownerId !== undefined) checkOwner(deps, view, row.owner_party, patch.ownerId);
    await updateCommitment(tx, id, {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.doneMeans !== undefined && { done_means: patch.doneMeans }),
      ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
      ...(patch.dueOn !== undefined && { due_on: patch.dueOn }),
      updated_at: now,
    });
    if (patch.dueOn !== undefined && patch.dueOn !== row.due_on)
      await scheduleReminders(deps, tx, id, patch.dueOn, now);
    audit(commitmentNote(id, markingOfRow(row), { fields: Object.keys(patch) }));
    emit(commitmentEvent('commitment.edited', id));
  });
}
