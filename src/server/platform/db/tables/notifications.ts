/**
 * Notifications and the e-mail outbox. Kysely's view: the migrations are the
 * source of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './common';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  /** Exactly one of request_id, channel_id (with channel_seq), report_id, submission_id and meeting_id names what the notification is about. */
  request_id: string | null;
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
  submission_id: ColumnType<string | null, string | null | undefined, string | null>;
  meeting_id: ColumnType<string | null, string | null | undefined, string | null>;
  commitment_id: ColumnType<string | null, string | null | undefined, string | null>;
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
