import type { MeetingResponse } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import type { MeetingsDeps } from '../meetings.deps';
import { findMeeting } from '../meetings.queries';
import { insertInvitations, setResponse } from '../meetings.repository';
import { markingOfGroup } from '../working-groups.queries';
import { mustBeScheduled } from './meeting-checks';

/**
 * A member answers the invitation: accepted, declined or tentative. Someone
 * who joined the group after the meeting was scheduled is invited as they answer.
 */
export async function respondToMeeting(
  deps: MeetingsDeps,
  caller: Caller,
  id: string,
  response: Exclude<MeetingResponse, 'needs-action'>,
): Promise<void> {
  const view = await findMeeting(deps, caller, id);
  mustBeScheduled(view);
  const userId = caller.actor.userId;
  await deps.change(caller, 'meeting.responded', async ({ tx, now, audit, emit }) => {
    if (!view.invitations.some((invitation) => invitation.user_id === userId))
      await insertInvitations(tx, [{ meeting_id: id, user_id: userId, party: caller.actor.party }]);
    await setResponse(tx, id, userId, response, now);
    // What someone answered is known to whoever knows the meeting exists: the group's marking.
    audit({
      subject: { type: 'meeting', id },
      details: { response },
      marking: markingOfGroup(deps, view.group.group),
    });
    emit({ type: 'meeting.responded', subjectType: 'meeting', subjectId: id, data: { userId, response } });
  });
}
