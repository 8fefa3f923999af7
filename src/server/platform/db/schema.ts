/**
 * Kysely's view of the tables, one file per module in tables/. The migrations
 * (src/server/db/migrations) are the source of truth: keep these in step with them.
 */

import type {
  AuditCheckpointsTable,
  AuditLogTable,
  DeploymentSecretsTable,
  EventLogTable,
} from './tables/audit-and-events';
import type {
  ChannelAcknowledgementsTable,
  ChannelAlertsTable,
  ChannelAttachmentsTable,
  ChannelMembersTable,
  ChannelMentionsTable,
  ChannelMessageEditsTable,
  ChannelMessagesTable,
  ChannelsTable,
  UserPresenceTable,
} from './tables/channels';
import type {
  CommitmentFilesTable,
  CommitmentNotesTable,
  CommitmentRemindersTable,
  CommitmentsTable,
} from './tables/commitments';
import type {
  DeskMembersTable,
  DesksTable,
  DistrictsTable,
  DutyShiftsTable,
  GroupMembersTable,
  GroupsTable,
  HandoverNotesTable,
  PartiesTable,
  UnitsTable,
} from './tables/directory';
import type { InformationExchangesTable } from './tables/exchanges';
import type { ApiTokensTable, AuthThrottleTable, SessionsTable, UsersTable } from './tables/identity';
import type { EmailOutboxTable, NotificationsTable } from './tables/notifications';
import type {
  EntitiesTable,
  EntityMentionsTable,
  ReleaseParagraphsTable,
  ReportParagraphsTable,
  ReportReleasesTable,
  ReportsTable,
  ReportVersionsTable,
} from './tables/reports';
import type {
  RequestAttachmentsTable,
  RequestCommentsTable,
  RequestDeadlinesTable,
  RequestHandoversTable,
  RequestHistoryTable,
  RequestLinksTable,
  RequestsTable,
} from './tables/requests';
import type { ConsentsTable, SubmissionPortionsTable, SubmissionsTable } from './tables/submissions';
import type {
  CalendarTokensTable,
  MeetingAgendaItemsTable,
  MeetingInvitationsTable,
  MeetingsTable,
  MinutesChangeRequestsTable,
  MinutesSignaturesTable,
  MinutesTable,
  MinutesVersionsTable,
  WorkingGroupRolesTable,
} from './tables/working-groups';

export type * from './tables/audit-and-events';
export type * from './tables/channels';
export type * from './tables/commitments';
export type * from './tables/common';
export type * from './tables/directory';
export type * from './tables/exchanges';
export type * from './tables/identity';
export type * from './tables/notifications';
export type * from './tables/reports';
export type * from './tables/requests';
export type * from './tables/submissions';
export type * from './tables/working-groups';

export interface Database {
  parties: PartiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_throttle: AuthThrottleTable;
  units: UnitsTable;
  districts: DistrictsTable;
  desks: DesksTable;
  groups: GroupsTable;
  desk_members: DeskMembersTable;
  group_members: GroupMembersTable;
  working_group_roles: WorkingGroupRolesTable;
  duty_shifts: DutyShiftsTable;
  handover_notes: HandoverNotesTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  requests: RequestsTable;
  request_history: RequestHistoryTable;
  request_handovers: RequestHandoversTable;
  request_comments: RequestCommentsTable;
  request_deadlines: RequestDeadlinesTable;
  request_attachments: RequestAttachmentsTable;
  request_links: RequestLinksTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  report_paragraphs: ReportParagraphsTable;
  entities: EntitiesTable;
  report_releases: ReportReleasesTable;
  release_paragraphs: ReleaseParagraphsTable;
  information_exchanges: InformationExchangesTable;
  submissions: SubmissionsTable;
  submission_portions: SubmissionPortionsTable;
  consents: ConsentsTable;
  commitments: CommitmentsTable;
  commitment_notes: CommitmentNotesTable;
  commitment_reminders: CommitmentRemindersTable;
  commitment_files: CommitmentFilesTable;
  entity_mentions: EntityMentionsTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  event_log: EventLogTable;
  deployment_secrets: DeploymentSecretsTable;
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  channel_messages: ChannelMessagesTable;
  channel_message_edits: ChannelMessageEditsTable;
  channel_mentions: ChannelMentionsTable;
  channel_acknowledgements: ChannelAcknowledgementsTable;
  channel_alerts: ChannelAlertsTable;
  user_presence: UserPresenceTable;
  channel_attachments: ChannelAttachmentsTable;
  meetings: MeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_invitations: MeetingInvitationsTable;
  calendar_tokens: CalendarTokensTable;
  minutes: MinutesTable;
  minutes_versions: MinutesVersionsTable;
  minutes_signatures: MinutesSignaturesTable;
  minutes_change_requests: MinutesChangeRequestsTable;
}
