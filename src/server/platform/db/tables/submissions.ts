/**
 * Submissions to the coordinator, their portions and the consents their releases wait for.
 * Kysely's view: the migrations are the source of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { MarkingColumns, Timestamp } from './common';

export interface SubmissionsTable extends MarkingColumns {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  title: string;
  subject: Generated<string>;
  /** The party whose information it is. */
  owner_party: string;
  /** The coordinator it is addressed to. */
  coordinator_party: string;
  author_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ReleaseInstruction = 'not-releasable' | 'releasable-to' | 'releasable-after-consent';

export interface SubmissionPortionsTable extends MarkingColumns {
  id: Generated<string>;
  submission_id: string;
  position: number;
  heading: string | null;
  body: string;
  instruction: ReleaseInstruction;
  /** The party a releasable portion may go to; null when not releasable. */
  instruction_party: string | null;
}

export interface ConsentsTable extends MarkingColumns {
  id: Generated<string>;
  submission_id: string;
  owner_party: string;
  coordinator_party: string;
  /** The party the release would go to. */
  release_to: string;
  /** The portions (ids) the release would carry. */
  portions: string[];
  note: Generated<string>;
  requested_by: string;
  requested_at: Timestamp;
  status: 'pending' | 'approved' | 'refused';
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_note: string | null;
  release_id: string | null;
}
