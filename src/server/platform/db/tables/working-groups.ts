/**
 * The working groups' own tables (issue 16): who leads each group, its
 * meetings with their agenda and invitations, the calendar feeds' secrets,
 * and the minutes with their versions and signatures. The groups and their
 * members are the directory's. Kysely's view: the migrations are the source
 * of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { MinutesSection, MinutesStatus } from '../../../../core/minutes/minutes';
import type { MarkingColumns, Timestamp } from './common';

/** Who leads a working group: a chair per party, the coordinator's secretary. */
export interface WorkingGroupRolesTable {
  group_id: string;
  user_id: string;
  role: 'chair' | 'secretary';
  party: string;
}

export type MeetingStatus = 'scheduled' | 'cancelled';
export type MeetingResponse = 'needs-action' | 'accepted' | 'declined' | 'tentative';
export type MeetingAttendance = 'present' | 'absent' | 'excused';

export interface MeetingsTable extends MarkingColumns {
  id: Generated<string>;
  group_id: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** IANA zone the meeting was set in. */
  time_zone: string;
  place: string | null;
  call_link: string | null;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  /** RFC 5545 SEQUENCE: raised on every move and cancellation. */
  sequence: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: string;
  owner_id: string | null;
  notes: string | null;
}

export interface MeetingInvitationsTable {
  meeting_id: string;
  user_id: string;
  party: string | null;
  response: ColumnType<MeetingResponse, MeetingResponse | undefined, MeetingResponse>;
  responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attendance: ColumnType<
    MeetingAttendance | null,
    MeetingAttendance | null | undefined,
    MeetingAttendance | null
  >;
}

export interface CalendarTokensTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface MinutesTable {
  meeting_id: string;
  status: MinutesStatus;
  /** The current version. */
  version: number;
  updated_at: Timestamp;
}

export interface MinutesVersionsTable {
  meeting_id: string;
  version: number;
  sections: ColumnType<MinutesSection[], string, string>;
  /** SHA-256 of the sections' canonical text: what a chair signs. */
  digest: string;
  written_by: string;
  written_at: Timestamp;
}

export interface MinutesSignaturesTable {
  meeting_id: string;
  version: number;
  party: string;
  user_id: string;
  digest: string;
  signed_at: Timestamp;
}

/** A chair's request for a change to the version they read (migration 202612050700_minutes_change_requests). */
export interface MinutesChangeRequestsTable {
  id: Generated<string>;
  meeting_id: string;
  version: number;
  party: string;
  user_id: string;
  note: string;
  created_at: Timestamp;
}
