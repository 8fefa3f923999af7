/**
 * The audit log with its checkpoints, and the live event log. Kysely's view: the migrations are
 * the source of truth; keep this in step with them.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { BigIntColumn } from './common';

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

/** Secrets the deployment made for itself (platform/db/deployment-secrets.ts). */
export interface DeploymentSecretsTable {
  name: string;
  value: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type AuditLogRow = Selectable<AuditLogTable>;

export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;

export type EventLogRow = Selectable<EventLogTable>;
