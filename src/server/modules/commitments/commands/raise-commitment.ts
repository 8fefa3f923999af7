import type { CommitmentInput } from '../../../../core/commitments/schemas';
import type { Caller } from '../../../platform/caller';
import { markingToColumns } from '../../../platform/marked-records';
import { findGroup, markingOfGroup, standingOf } from '../../working-groups/working-groups.queries';
import { type CommitmentsDeps, commitmentEvent } from '../commitments.deps';
import { insertCommitment } from '../commitments.repository';
import { checkOwner, commitmentNote, notAMember, scheduleReminders } from './commitment-writing';

/**
 * Raises a commitment in a working group, in a meeting or on its own: any
 * member may, for an owner of one of the group's sides. It is marked as the
 * group is (its parties, its need-to-know group, at least its level), so the
 * access rule keeps it among the group's members; its reminders start.
 */
export async function raiseCommitment(deps: CommitmentsDeps, caller: Caller, input: CommitmentInput) {
  const view = await findGroup(deps, caller, input.group);
  if (!standingOf(caller, view).member) throw notAMember();
  checkOwner(deps, view, input.ownerParty, input.ownerId);
  const marking = markingOfGroup(deps, view.group);
  return deps.change(caller, 'commitment.raised', async ({ tx, now, audit, emit }) => {
    const id = await insertCommitment(tx, {
      group_id: view.group.id,
      meeting_id: input.meetingId ?? null,
      title: input.title,
      done_means: input.doneMeans,
      owner_party: input.ownerParty,
      owner_id: input.ownerId,
      due_on: input.dueOn,
      status: 'open',
      raised_by: caller.actor.userId,
      created_at: now,
      updated_at: now,
      ...markingToColumns(marking),
    });
    await scheduleReminders(deps, tx, id, input.dueOn, now);
    audit(
      commitmentNote(id, marking, {
        group: view.group.code,
        ownerParty: input.ownerParty,
        dueOn: input.dueOn,
      }),
    );
    emit(commitmentEvent('commitment.raised', id));
    return id;
  });
}
