import type { MeetingInput } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import { markingToColumns } from '../../../platform/marked-records';
import type { MeetingsDeps } from '../meetings.deps';
import { maySeeGroup } from '../meetings.queries';
import { insertInvitations, insertMeeting } from '../meetings.repository';
import { findGroup } from '../working-groups.queries';
import { checkTimes, meetingMarking, mustLead } from './meeting-checks';

/**
 * Schedules a meeting of a working group: a chair or the secretary, at a
 * marking at least the group's. Every member of the group is invited (their
 * response waits), and hears of it (bell, live, e-mail when configured).
 */
export async function scheduleMeeting(
  deps: MeetingsDeps,
  caller: Caller,
  groupId: string,
  input: MeetingInput,
): Promise<string> {
  const group = await findGroup(deps, caller, groupId);
  mustLead(caller, group);
  const timeZone = input.timeZone ?? deps.deployment.deployment.timeZone;
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt, timeZone);
  const marking = meetingMarking(deps, caller, group, input.classification);
  return deps.change(caller, 'meeting.scheduled', async (unit) => {
    const { tx, now, audit, emit } = unit;
    const id = await insertMeeting(tx, {
      group_id: groupId,
      title: input.title,
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: timeZone,
      place: input.place ?? null,
      call_link: input.callLink ?? null,
      created_by: caller.actor.userId,
      created_at: now,
      updated_at: now,
      ...markingToColumns(marking),
    });
    await insertInvitations(
      tx,
      group.members.map((member) => ({ meeting_id: id, user_id: member.id, party: member.party })),
    );
    audit({
      subject: { type: 'meeting', id },
      details: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), timeZone },
      marking,
    });
    emit({ type: 'meeting.scheduled', subjectType: 'meeting', subjectId: id, data: { sequence: 0 } });
    const others = group.members
      .map((member) => member.id)
      .filter((userId) => userId !== caller.actor.userId);
    await deps.notifications.notifyAboutMeeting(unit, await maySeeGroup(deps, tx, group.group, others), {
      kind: 'meeting.scheduled',
      meetingId: id,
      at: now,
    });
    return id;
  });
}
