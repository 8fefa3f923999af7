/**
 * Minutes of working-group meetings, their versions and the chairs' signatures.
 * Kysely's view: the migrations are the source of truth; keep this in step with them.
 */
import type { ColumnType } from 'kysely';
import type { MinutesSection, MinutesStatus } from '../../../../core/minutes/minutes';
import type { Timestamp } from './common';

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
