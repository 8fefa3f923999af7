import type { CommitmentInput } from '../../../../core/commitments/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import { meetingOf } from '../../working-groups/minutes.repository';
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
  // Raised in a meeting: one of this group's that the caller may see; marked as the meeting (never below the group).
  const meeting = input.meetingId ? await meetingOf(deps.db, input.meetingId) : undefined;
  if (
    input.meetingId &&
    (!meeting ||
      meeting.group_id !== view.group.id ||
      !deps.deployment.rule.canSee(caller.actor, markingOfRow(meeting)))
  )
    throw badRequest('meeting_not_in_group', 'The meeting must be one of this group’s that you may see.', [
      { path: 'body.meetingId', message: 'Not a meeting of the group' },
    ]);
  const marking = meeting ? markingOfRow(meeting) : markingOfGroup(deps, view.group);
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
