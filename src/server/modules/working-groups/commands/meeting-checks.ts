import { badRequest, conflict, forbidden } from '../../../../core/errors';
import { levelRank, type Marking, MarkingError, parseMarking } from '../../../../core/marking/marking';
import { leads } from '../../../../core/working-groups/group';
import { isTimeZone } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import type { MeetingsDeps } from '../meetings.deps';
import type { MeetingView } from '../meetings.queries';
import type { GroupView } from '../working-groups.queries';
import { markingOfGroup, standingOf } from '../working-groups.queries';

/** Only chairs and the secretary schedule, move, cancel a meeting, set its agenda and record attendance. */
export function mustLead(caller: Caller, group: GroupView) {
  if (!leads(standingOf(caller, group)))
    throw forbidden('not_a_meeting_lead', "Only the group's chairs and secretary arrange its meetings.");
}

/** A lead not cleared for the meeting's own marking cannot change what they cannot read. */
export function mustSeeAll(view: MeetingView) {
  if (view.visibility !== 'full')
    throw forbidden(
      'meeting_above_clearance',
      'This meeting is marked above your clearance: only those cleared for it change it.',
    );
}

export function mustBeScheduled(view: MeetingView) {
  if (view.meeting.status === 'cancelled')
    throw conflict('meeting_cancelled', 'This meeting was cancelled: it can no longer change.');
}

/** Start before end, in a zone that exists: each refusal names its field. */
export function checkTimes(startsAt: Date, endsAt: Date, timeZone: string) {
  if (!isTimeZone(timeZone))
    throw badRequest('unknown_time_zone', `There is no time zone "${timeZone}".`, [
      { path: 'body.timeZone', message: 'Unknown time zone; use an IANA name such as Asia/Jerusalem' },
    ]);
  if (endsAt.getTime() <= startsAt.getTime())
    throw badRequest('meeting_ends_before_start', 'A meeting must end after it starts.', [
      { path: 'body.endsAt', message: 'Must be after the start' },
    ]);
}

/**
 * The meeting's marking: the group's, or a higher classification the lead
 * asked for (its caveats and releasability too), never lower than the
 * group's level; always for the group's parties and members.
 */
export function meetingMarking(
  deps: MeetingsDeps,
  caller: Caller,
  group: GroupView,
  classification: string | undefined,
): Marking {
  const base = markingOfGroup(deps, group.group);
  if (classification === undefined || classification.trim() === '') return base;
  const { scheme, rule } = deps.deployment;
  let parsed: ReturnType<typeof parseMarking>;
  try {
    parsed = parseMarking(scheme, classification);
  } catch (error) {
    if (error instanceof MarkingError)
      throw badRequest('invalid_marking', error.message, [
        { path: 'body.classification', message: error.message },
      ]);
    throw error;
  }
  if (levelRank(scheme, parsed.level) < levelRank(scheme, base.level))
    throw badRequest(
      'meeting_marked_below_group',
      'A meeting may be marked higher than its group, never lower.',
      [{ path: 'body.classification', message: "Below the group's level" }],
    );
  const marking: Marking = { ...parsed, parties: base.parties, groups: base.groups };
  if (!rule.canSee(caller.actor, marking))
    throw badRequest(
      'marking_hides_from_author',
      'With this marking you could not see the meeting yourself: check the level against your clearance.',
      [{ path: 'body.classification', message: 'Above your clearance' }],
    );
  return marking;
}
