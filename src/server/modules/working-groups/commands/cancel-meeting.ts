import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { MeetingsDeps } from '../meetings.deps';
import { findMeeting, maySeeGroup } from '../meetings.queries';
import { meetingById, updateMeeting } from '../meetings.repository';
import { mustBeScheduled, mustLead, mustSeeAll } from './meeting-checks';

/**
 * Cancels a meeting: a chair or the secretary. It stays (calendars show it
 * cancelled, STATUS:CANCELLED, with a raised sequence) and the invited hear of it.
 */
export async function cancelMeeting(deps: MeetingsDeps, caller: Caller, id: string): Promise<void> {
  const view = await findMeeting(deps, caller, id);
  mustLead(caller, view.group);
  mustSeeAll(view);
  mustBeScheduled(view);
  await deps.change(caller, 'meeting.cancelled', async (unit) => {
    const { tx, now, audit, emit } = unit;
    const current = await meetingById(tx, id, true);
    const sequence = (current?.sequence ?? view.meeting.sequence) + 1;
    await updateMeeting(tx, id, { status: 'cancelled', sequence, updated_at: now });
    audit({ subject: { type: 'meeting', id }, details: { sequence }, marking: markingOfRow(view.meeting) });
    emit({ type: 'meeting.cancelled', subjectType: 'meeting', subjectId: id, data: { sequence } });
    const invited = view.invitations
      .map((invitation) => invitation.user_id)
      .filter((userId) => userId !== caller.actor.userId);
    await deps.notifications.notifyAboutMeeting(
      unit,
      await maySeeGroup(deps, tx, view.group.group, invited),
      {
        kind: 'meeting.cancelled',
        meetingId: id,
        at: now,
      },
    );
  });
}
