import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import type { Standing } from '../../../core/working-groups/group';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Tx } from '../../platform/db/database';
import { markingOfRow } from '../../platform/marked-records';
import {
  type AgendaRow,
  agendaOf,
  type InvitationRow,
  invitationsOf,
  type MeetingRow,
  meetingById,
  meetingsOfGroups,
} from './meetings.repository';
import type { WorkingGroupsDeps } from './working-groups.deps';
import { findGroup, type GroupView, markingOfGroup, standingOf } from './working-groups.queries';
import { type GroupRow, workingGroups } from './working-groups.repository';

/**
 * How much of a meeting a reader sees: nothing (outside the group, or not
 * cleared for the group's own level), that it exists and when (a member
 * cleared for the group but not for the meeting's own marking: the neutral
 * title, no place, link or agenda), or all of it.
 */
export type MeetingVisibility = 'none' | 'neutral' | 'full';

export function visibilityOf(
  deps: Pick<WorkingGroupsDeps, 'deployment'>,
  actor: Actor,
  group: GroupRow,
  meeting: Pick<MeetingRow, 'marking_level'> & Parameters<typeof markingOfRow>[0],
): MeetingVisibility {
  const { rule } = deps.deployment;
  if (!rule.canSee(actor, markingOfGroup(deps, group))) return 'none';
  return rule.canSee(actor, markingOfRow(meeting)) ? 'full' : 'neutral';
}

/** A meeting as the reads assemble it for one reader. */
export interface MeetingView {
  meeting: MeetingRow;
  group: GroupView;
  visibility: Exclude<MeetingVisibility, 'none'>;
  standing: Standing;
  invitations: InvitationRow[];
}

export interface MeetingDetailView extends MeetingView {
  /** Empty when the reader sees the meeting neutrally. */
  agenda: AgendaRow[];
}

const notFoundMeeting = () => notFound('meeting_not_found', 'There is no such meeting.');

/** One meeting the caller may know of, or 404 exactly as for one that does not exist. */
export async function findMeeting(deps: WorkingGroupsDeps, caller: Caller, id: string): Promise<MeetingView> {
  const meeting = await meetingById(deps.db, id);
  if (!meeting) throw notFoundMeeting();
  let group: GroupView;
  try {
    group = await findGroup(deps, caller, meeting.group_id);
  } catch {
    throw notFoundMeeting();
  }
  const visibility = visibilityOf(deps, caller.actor, group.group, meeting);
  if (visibility === 'none') throw notFoundMeeting();
  return {
    meeting,
    group,
    visibility,
    standing: standingOf(caller, group),
    invitations: await invitationsOf(deps.db, [id]),
  };
}

export async function meetingDetail(
  deps: WorkingGroupsDeps,
  caller: Caller,
  id: string,
): Promise<MeetingDetailView> {
  const view = await findMeeting(deps, caller, id);
  return { ...view, agenda: view.visibility === 'full' ? await agendaOf(deps.db, id) : [] };
}

/** The meetings of a group the caller belongs to (404 for anyone else), by start. */
export async function listMeetings(deps: WorkingGroupsDeps, caller: Caller, groupId: string) {
  const group = await findGroup(deps, caller, groupId);
  const meetings = await meetingsOfGroups(deps.db, [groupId]);
  const invitations = await invitationsOf(
    deps.db,
    meetings.map((meeting) => meeting.id),
  );
  return meetings.map((meeting) => ({
    meeting,
    group,
    visibility: visibilityOf(deps, caller.actor, group.group, meeting) as MeetingView['visibility'],
    standing: standingOf(caller, group),
    invitations: invitations.filter((invitation) => invitation.meeting_id === meeting.id),
  }));
}

/**
 * What a user's calendar feed holds, read now: the meetings of every group
 * whose marking the access rule lets them read (membership read at this
 * moment), each with how much of it they may see.
 */
export async function feedOf(deps: WorkingGroupsDeps, userId: string) {
  const [actor] = await actorsOf(deps.db, [userId]);
  if (!actor) return null;
  const groups = (await workingGroups(deps.db)).filter((group) =>
    deps.deployment.rule.canSee(actor, markingOfGroup(deps, group)),
  );
  const byId = new Map(groups.map((group) => [group.id, group]));
  const meetings = await meetingsOfGroups(deps.db, [...byId.keys()]);
  const invitations = await invitationsOf(
    deps.db,
    meetings.map((meeting) => meeting.id),
  );
  const invited = new Map<string, InvitationRow[]>();
  for (const invitation of invitations) {
    const list = invited.get(invitation.meeting_id);
    if (list) list.push(invitation);
    else invited.set(invitation.meeting_id, [invitation]);
  }
  return {
    actor,
    items: meetings.map((meeting) => {
      const group = byId.get(meeting.group_id) as GroupRow;
      return {
        meeting,
        group,
        visibility: visibilityOf(deps, actor, group, meeting),
        invitations: invited.get(meeting.id) ?? [],
      };
    }),
  };
}

/**
 * Who hears of events about a meeting: whoever may know it exists (a member
 * cleared for the group's marking), read once per event; the event itself
 * carries ids only, and the page asks for what the reader may see.
 */
export async function meetingAudience(deps: WorkingGroupsDeps, event: { subjectId: string }) {
  const meeting = await meetingById(deps.db, event.subjectId);
  const [group] = meeting ? await workingGroups(deps.db, meeting.group_id) : [];
  const marking: Marking | null = group ? markingOfGroup(deps, group) : null;
  return (viewer: { actor: Actor }) => marking !== null && deps.deployment.rule.canSee(viewer.actor, marking);
}

/** Of these users, those who may know of the group's meetings now (for notifications). */
export async function maySeeGroup(
  deps: WorkingGroupsDeps,
  q: Tx,
  group: GroupRow,
  userIds: readonly string[],
) {
  const marking = markingOfGroup(deps, group);
  return (await actorsOf(q, userIds))
    .filter((actor) => deps.deployment.rule.canSee(actor, marking))
    .map((actor) => actor.userId);
}
