import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Marking } from '../../../core/marking/marking';

/** Kysely's view of the tables. Migrations are the source of truth; keep this in step with them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface PartiesTable {
  id: Generated<string>;
  code: string;
  kind: 'coordinator' | 'party';
  name_en: string;
  name_ar: string;
  name_he: string;
  colour: Generated<string>;
  nationalities: Generated<string[]>;
  aliases: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

type Localised = { en: string; ar: string; he: string };

/** Shared by the named directory entries (units, districts, desks, groups). */
interface NamedEntry {
  id: Generated<string>;
  code: string;
  name_en: string;
  name_ar: string;
  name_he: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UnitsTable extends NamedEntry {
  party_id: string;
  parent_id: string | null;
  kind: string;
  aliases: Generated<string[]>;
}

export interface DistrictsTable extends NamedEntry {
  parent_id: string | null;
  status: Generated<string>;
  aliases: Generated<string[]>;
  geometry: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface DesksTable extends NamedEntry {
  party_id: string;
  district_id: string | null;
  unit_id: string | null;
  phone: string | null;
  counterpart_id: string | null;
}

export interface GroupsTable extends NamedEntry {
  kind: 'working-group' | 'need-to-know';
  parties: Generated<string[]>;
  /** Names-like {en, ar, he}, or null. */
  description: ColumnType<Localised | null, string | null | undefined, string | null>;
}

export interface DeskMembersTable {
  desk_id: string;
  user_id: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface DutyShiftsTable {
  id: Generated<string>;
  desk_id: string;
  user_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: CreatedAt;
}

/** The columns the access rule reads (src/core/access/access-rule.ts); every marked table has them. */
export interface MarkingColumns {
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}

export interface HandoverNotesTable extends MarkingColumns {
  id: Generated<string>;
  desk_id: string;
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  roles: string[];
  language: string;
  nationality: string;
  clearance: string;
  party_id: string | null;
  unit_id: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  disabled_at: Date | null;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

/** PostgreSQL's bigint: `pg` reads it as a string, PGlite as a number; read it through Number(). */
type BigIntColumn = ColumnType<number | string, number, never>;

/** Append-only: the database refuses UPDATE and DELETE, so nothing here is updateable. */
export interface AuditLogTable {
  seq: BigIntColumn;
  id: ColumnType<string, string, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_user_id: ColumnType<string | null, string | null, never>;
  actor_username: ColumnType<string, string, never>;
  actor_party: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string | null, string | null, never>;
  ip: ColumnType<string | null, string | null, never>;
  before_digest: ColumnType<string | null, string | null, never>;
  after_digest: ColumnType<string | null, string | null, never>;
  /** Written as JSON text (a bare array parameter would be sent as a PostgreSQL array). */
  details: ColumnType<unknown, string, never>;
  marking_level: ColumnType<string, string, never>;
  marking_caveats: ColumnType<string[], string[], never>;
  marking_rel_to: ColumnType<string[] | null, string[] | null, never>;
  marking_parties: ColumnType<string[], string[], never>;
  marking_groups: ColumnType<string[], string[], never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}

export interface AuditCheckpointsTable {
  id: Generated<string>;
  deployment: ColumnType<string, string, never>;
  seq: BigIntColumn;
  head_hash: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date, never>;
  key_id: ColumnType<string, string, never>;
  public_key: ColumnType<string, string, never>;
  signature: ColumnType<string, string, never>;
}

/** The event log (platform/events): written once by `Events.append`, never changed. */
export interface EventLogTable {
  id: ColumnType<number | string, never, never>;
  type: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string, string, never>;
  /** Written as JSON text, read back as an object. */
  data: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: ColumnType<Date, Date, never>;
}

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
  duty_shifts: DutyShiftsTable;
  handover_notes: HandoverNotesTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  requests: RequestsTable;
  request_history: RequestHistoryTable;
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
  entity_mentions: EntityMentionsTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  event_log: EventLogTable;
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  channel_messages: ChannelMessagesTable;
  channel_message_edits: ChannelMessageEditsTable;
  channel_mentions: ChannelMentionsTable;
  channel_acknowledgements: ChannelAcknowledgementsTable;
  channel_alerts: ChannelAlertsTable;
  user_presence: UserPresenceTable;
  channel_attachments: ChannelAttachmentsTable;
}

export type UserRow = Selectable<UsersTable>;
export type PartyRow = Selectable<PartiesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;

export interface RequestsTable extends MarkingColumns {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  type_code: string;
  status: string;
  priority: string;
  district_id: string;
  from_party: string;
  to_party: string;
  receiving_desk_id: string;
  requesting_desk_id: string | null;
  requested_by: string;
  fields: ColumnType<Record<string, string | number>, string, string>;
  summary: string;
  search_extra: Generated<string>;
  /** Generated by the database from the summary, the form's words and search_extra. */
  search_document: ColumnType<string, never, never>;
  conditions: string | null;
  co_signed_at: Date | null;
  co_signed_by: string | null;
  acknowledge_due_at: Date | null;
  respond_due_at: Date | null;
  resolve_due_at: Date | null;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  resolved_at: Date | null;
  next_due_at: Date | null;
  breached: Generated<string[]>;
  escalation_level: Generated<number>;
  submitted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestHistoryTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  kind: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_party: string | null;
  desk_id: string | null;
  reason: string | null;
  conditions: string | null;
  detail: string | null;
  at: Timestamp;
}

export interface RequestCommentsTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  author_id: string;
  author_party: string;
  body: string;
  internal_party: string | null;
  created_at: Timestamp;
}

export interface RequestDeadlinesTable {
  id: Generated<string>;
  request_id: string;
  kind: 'escalate' | 'realert' | 'breach' | 'expire';
  milestone: string | null;
  step: number | null;
  due_at: Timestamp;
  fired_at: Date | null;
  outcome: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  /** Exactly one of request_id, channel_id (with channel_seq) and report_id names what the notification is about. */
  request_id: string | null;
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel_seq: ColumnType<string | number | null, number | null | undefined, number | null>;
  kind: string;
  detail: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

/** Messages to send by e-mail (notifications/mailer.ts); `next_attempt_at` is null once sent or given up. */
export interface EmailOutboxTable {
  id: Generated<string>;
  notification_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_at: Date | null;
  last_error: string | null;
}
export type EventLogRow = Selectable<EventLogTable>;

export interface RequestAttachmentsTable {
  id: Generated<string>;
  request_id: string;
  uploaded_by: string;
  uploader_party: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  internal_party: string | null;
  created_at: Timestamp;
}

export interface RequestLinksTable {
  request_id: string;
  linked_id: string;
  created_by: string;
  created_at: Timestamp;
}

export interface ReportsTable extends MarkingColumns {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  title: string;
  subject: Generated<string>;
  tags: Generated<string[]>;
  /** A calendar date, read as the string YYYY-MM-DD. */
  report_date: ColumnType<string, string, string>;
  status: 'draft' | 'review' | 'published';
  author_id: string | null;
  author_party: string;
  classified_by: string | null;
  reasons: Generated<string[]>;
  declassify_on: ColumnType<string | null, string | null | undefined, string | null>;
  source_key: string | null;
  source: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  review_step: 'submitted' | 'approved' | 'returned' | null;
  review_by: string | null;
  review_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  review_note: string | null;
}

/** A paragraph as a version keeps it. */
export interface VersionParagraph {
  heading: string | null;
  text: string;
  marking: Marking;
}

export interface ReportVersionsTable extends MarkingColumns {
  report_id: string;
  version: number;
  change: 'created' | 'imported' | 'edited';
  by_id: string | null;
  at: Timestamp;
  title: string;
  subject: string;
  tags: string[];
  report_date: ColumnType<string, string, string>;
  paragraphs: ColumnType<VersionParagraph[], string, string>;
}

export interface ReportParagraphsTable extends MarkingColumns {
  id: Generated<string>;
  report_id: string;
  position: number;
  number: number | null;
  heading: string | null;
  body: string;
  search_extra: Generated<string>;
  /** Generated by the database from the heading, body and search_extra. */
  search_document: ColumnType<string, never, never>;
  anchor: string | null;
}

export interface EntitiesTable {
  id: Generated<string>;
  kind: 'organisation' | 'person' | 'place' | 'other';
  name: string;
  normalized: string;
  linked_type: 'party' | 'unit' | 'district' | null;
  linked_id: string | null;
  created_at: Timestamp;
}

export interface EntityMentionsTable {
  id: Generated<string>;
  entity_id: string;
  paragraph_id: string;
  start: number;
  end: number;
}

export interface ReportReleasesTable extends MarkingColumns {
  id: Generated<string>;
  report_id: string;
  report_version: number;
  to_party: string;
  from_party: string;
  title: string;
  subject: string;
  tags: string[];
  report_date: ColumnType<string, string, string>;
  note: string;
  released_by: string;
  released_at: Timestamp;
}

export interface ReleaseParagraphsTable extends MarkingColumns {
  id: Generated<string>;
  release_id: string;
  position: number;
  number: number | null;
  heading: string | null;
  body: string;
  search_extra: Generated<string>;
  /** Generated by the database from the heading, body and search_extra. */
  search_document: ColumnType<string, never, never>;
}

export interface InformationExchangesTable {
  id: Generated<string>;
  from_party: string;
  to_party: string;
  category: string;
  subject_type: string;
  subject_id: string;
  at: Timestamp;
}

// ---- channels (migration 202611291200_channels); bigint columns read as string (pg) or number (PGlite)
type BigintColumn = ColumnType<string | number, number | undefined, number>;

export interface ChannelsTable extends MarkingColumns {
  id: Generated<string>;
  kind: string;
  name: string;
  status: string;
  last_seq: BigintColumn;
  created_by: string | null;
  created_at: Timestamp;
  closed_by: string | null;
  closed_at: Date | null;
  directory_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** The request whose thread this is (migration 202611291400_request_threads). */
  request_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  added_by: string | null;
  added_at: Timestamp;
  last_read_seq: BigintColumn;
}

export interface ChannelMessagesTable extends MarkingColumns {
  id: Generated<string>;
  channel_id: string;
  seq: ColumnType<string | number, number, never>;
  author_id: string;
  idempotency_key: string;
  body: string | null;
  search_extra: Generated<string>;
  /** Generated by the database from the body and search_extra. */
  search_document: ColumnType<string, never, never>;
  urgent: Generated<boolean>;
  reply_to_seq: ColumnType<string | number | null, number | null | undefined, never>;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface ChannelMessageEditsTable {
  id: Generated<string>;
  message_id: string;
  body: string;
  written_at: Timestamp;
  replaced_at: Timestamp;
}

export interface ChannelMentionsTable {
  message_id: string;
  user_id: string;
}

export interface ChannelAcknowledgementsTable {
  message_id: string;
  user_id: string;
  acknowledged_at: Timestamp;
}

export interface ChannelAlertsTable {
  id: Generated<string>;
  message_id: string;
  due_at: Timestamp;
  fired_at: Date | null;
  outcome: string | null;
}

export interface UserPresenceTable {
  user_id: string;
  last_seen_at: Timestamp;
}

export interface ChannelAttachmentsTable {
  id: Generated<string>;
  message_id: string;
  uploaded_by: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}
