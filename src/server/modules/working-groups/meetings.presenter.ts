import type { ClassificationScheme } from '../../../core/marking/scheme';
import { leads } from '../../../core/working-groups/group';
import type { Invitation, MeetingDetail, MeetingSummary } from '../../../core/working-groups/meetings';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { MeetingDetailView, MeetingView } from './meetings.queries';
import type { InvitationRow } from './meetings.repository';

const presentInvitation = (row: InvitationRow): Invitation => ({
  user: { id: row.user_id, displayName: row.display_name, username: row.username },
  party: row.party,
  response: row.response,
  attendance: row.attendance,
});

/**
 * A meeting as the reader may see it: neutrally (no title, place, link or
 * agenda; the group's marking) when they are not cleared for its own marking.
 */
export function presentMeetingSummary(
  scheme: ClassificationScheme,
  view: MeetingView,
  readerId: string,
): MeetingSummary {
  const { meeting, group } = view;
  const full = view.visibility === 'full';
  const mine = view.invitations.find((invitation) => invitation.user_id === readerId);
  return {
    id: meeting.id,
    groupId: group.group.id,
    groupCode: group.group.code,
    groupNames: { en: group.group.name_en, ar: group.group.name_ar, he: group.group.name_he },
    restricted: !full,
    title: full ? meeting.title : null,
    startsAt: meeting.starts_at.toISOString(),
    endsAt: meeting.ends_at.toISOString(),
    timeZone: meeting.time_zone,
    place: full ? meeting.place : null,
    callLink: full ? meeting.call_link : null,
    status: meeting.status,
    sequence: meeting.sequence,
    marking: presentMarking(scheme, full ? markingOfRow(meeting) : group.marking),
    myResponse: mine?.response ?? null,
  };
}

export function presentMeetingDetail(
  scheme: ClassificationScheme,
  view: MeetingDetailView,
  readerId: string,
): MeetingDetail {
  const lead = leads(view.standing);
  const full = view.visibility === 'full';
  const open = view.meeting.status === 'scheduled';
  const invited = view.invitations.some((invitation) => invitation.user_id === readerId);
  return {
    ...presentMeetingSummary(scheme, view, readerId),
    agenda: view.agenda.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      notes: item.notes,
      owner:
        item.owner_id && item.owner_name && item.owner_username
          ? { id: item.owner_id, displayName: item.owner_name, username: item.owner_username }
          : null,
    })),
    invitations: view.invitations.map(presentInvitation),
    createdAt: view.meeting.created_at.toISOString(),
    updatedAt: view.meeting.updated_at.toISOString(),
    actions: {
      edit: lead && full && open,
      cancel: lead && full && open,
      setAgenda: lead && full && open,
      respond: open && (invited || view.standing.member),
      recordAttendance: lead && full,
    },
  };
}
