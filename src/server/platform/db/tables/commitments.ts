/**
 * Commitments of working groups, their notes and their reminders.
 * Kysely's view: the migrations are the source of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { MarkingColumns, StoredFileColumns, Timestamp } from './common';

/** A calendar date: selected as text (`due_on::text`), written as "YYYY-MM-DD". */
export type DateColumn = ColumnType<string, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface CommitmentsTable extends MarkingColumns {
  id: Generated<string>;
  group_id: string;
  meeting_id: Nullable<string>;
  title: string;
  done_means: string;
  owner_party: string;
  owner_id: string;
  due_on: DateColumn;
  status: 'open' | 'in-progress' | 'done' | 'dropped';
  drop_reason: Nullable<string>;
  evidence_text: Nullable<string>;
  evidence_kind: Nullable<'request' | 'report'>;
  evidence_id: Nullable<string>;
  completed_by: Nullable<string>;
  completed_at: NullableTimestamp;
  confirmed_by: Nullable<string>;
  confirmed_at: NullableTimestamp;
  raised_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitmentNotesTable {
  id: Generated<string>;
  commitment_id: string;
  author_id: string;
  author_party: string | null;
  body: string;
  internal_party: string | null;
  created_at: Timestamp;
}

export interface CommitmentRemindersTable {
  id: Generated<string>;
  commitment_id: string;
  kind: 'due-in-3' | 'due-in-1' | 'overdue';
  due_at: Timestamp;
  fired_at: NullableTimestamp;
  outcome: Nullable<string>;
}

/** A file that shows a commitment was kept (migration 202612050600_commitment_files). */
export interface CommitmentFilesTable extends StoredFileColumns {
  id: Generated<string>;
  commitment_id: string;
  uploaded_by: string;
  uploader_party: string;
  created_at: Timestamp;
}
