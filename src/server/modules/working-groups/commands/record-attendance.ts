import { badRequest, forbidden } from '../../../../core/errors';
import type { AttendanceInput } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import type { MeetingsDeps } from '../meetings.deps';
import { findMeeting } from '../meetings.queries';
import { setAttendance } from '../meetings.repository';
import { markingOfGroup, standingOf } from '../working-groups.queries';
import { mustLead } from './meeting-checks';

/**
 * Records who was present, absent or excused, per party: the secretary for
 * anyone, a chair for the people of their own party. Only the invited.
 */
export async function recordAttendance(
  deps: MeetingsDeps,
  caller: Caller,
  id: string,
  input: AttendanceInput,
): Promise<void> {
  const view = await findMeeting(deps, caller, id);
  mustLead(caller, view.group);
  const standing = standingOf(caller, view.group);
  const invited = new Map(view.invitations.map((invitation) => [invitation.user_id, invitation]));
  input.attendance.forEach((entry, index) => {
    const invitation = invited.get(entry.userId);
    if (!invitation)
      throw badRequest('not_invited', 'That person was not invited to this meeting.', [
        { path: `body.attendance.${index}.userId`, message: 'Not invited' },
      ]);
    if (standing.office === 'chair' && invitation.party !== standing.party)
      throw forbidden(
        'attendance_of_other_party',
        "A chair records the attendance of their own party's people; the secretary anyone's.",
      );
  });
  await deps.change(caller, 'meeting.attendance-recorded', async ({ tx, audit, emit }) => {
    for (const entry of input.attendance) await setAttendance(tx, id, entry.userId, entry.attendance);
    audit({
      subject: { type: 'meeting', id },
      details: { entries: input.attendance.length },
      marking: markingOfGroup(deps, view.group.group),
    });
    emit({ type: 'meeting.attendance-recorded', subjectType: 'meeting', subjectId: id });
  });
}
