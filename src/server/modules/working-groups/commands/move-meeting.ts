import type { MeetingPatch } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { MeetingsDeps } from '../meetings.deps';
import { findMeeting, maySeeGroup } from '../meetings.queries';
import { meetingById, updateMeeting } from '../meetings.repository';
import { checkTimes, mustBeScheduled, mustLead, mustSeeAll } from './meeting-checks';

/**
 * Moves a meeting or edits it (PATCH): a chair or the secretary. The
 * sequence rises (RFC 5545), so every calendar holding it replaces it; a move
 * (start, end, zone, place or link changed) notifies the invited.
 */
export async function moveMeeting(
  deps: MeetingsDeps,
  caller: Caller,
  id: string,
  patch: MeetingPatch,
): Promise<void> {
  const view = await findMeeting(deps, caller, id);
  mustLead(caller, view.group);
  mustSeeAll(view);
  mustBeScheduled(view);
  const { meeting } = view;
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : meeting.starts_at;
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : meeting.ends_at;
  const timeZone = patch.timeZone ?? meeting.time_zone;
  checkTimes(startsAt, endsAt, timeZone);
  const place = patch.place !== undefined ? patch.place : meeting.place;
  const callLink = patch.callLink !== undefined ? patch.callLink : meeting.call_link;
  const moved =
    startsAt.getTime() !== meeting.starts_at.getTime() ||
    endsAt.getTime() !== meeting.ends_at.getTime() ||
    timeZone !== meeting.time_zone ||
    place !== meeting.place ||
    callLink !== meeting.call_link;
  await deps.change(caller, moved ? 'meeting.moved' : 'meeting.updated', async (unit) => {
    const { tx, now, audit, emit } = unit;
    const current = await meetingById(tx, id, true);
    const sequence = (current?.sequence ?? meeting.sequence) + 1;
    await updateMeeting(tx, id, {
      title: patch.title ?? meeting.title,
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: timeZone,
      place,
      call_link: callLink,
      sequence,
      updated_at: now,
    });
    audit({
      subject: { type: 'meeting', id },
      before: { startsAt: meeting.starts_at.toISOString(), endsAt: meeting.ends_at.toISOString() },
      after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      details: { sequence, timeZone },
      marking: markingOfRow(meeting),
    });
    emit({
      type: moved ? 'meeting.moved' : 'meeting.updated',
      subjectType: 'meeting',
      subjectId: id,
      data: { sequence },
    });
    if (moved) {
      const invited = view.invitations
        .map((invitation) => invitation.user_id)
        .filter((userId) => userId !== caller.actor.userId);
      await deps.notifications.notifyAboutMeeting(
        unit,
        await maySeeGroup(deps, tx, view.group.group, invited),
        {
          kind: 'meeting.moved',
          meetingId: id,
          at: now,
        },
      );
    }
  });
}
