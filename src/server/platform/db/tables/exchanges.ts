/**
 * The ledger of what passed from one party to another (issue 17): written by
 * each capability in the same transaction as its act, never edited (a
 * correction is a new row that cancels an earlier one). Kysely's view: the
 * migrations are the source of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { ExchangeKind } from '../../../../core/exchanges/ledger';
import type { MarkingColumns, Timestamp } from './common';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** One item of information or assistance, marked as the record it points to (the access rule reads it). */
export interface InformationExchangesTable extends MarkingColumns {
  id: Generated<string>;
  from_party: string;
  to_party: string;
  /** What passed (migration 202612050800_exchange_ledger). */
  kind: ExchangeKind;
  /** What it is about, from the deployment's categories (a request type or group maps to one). */
  category: string;
  /** The record it points to. */
  subject_type: string;
  subject_id: string;
  at: Timestamp;
  /** The party it passed through (the coordinator, for a released submission); null when direct. */
  through_party: Nullable<string>;
  /** The record the information came from (type and id), when not the subject itself. */
  source_type: Nullable<string>;
  source_id: Nullable<string>;
  /** A correction: the earlier record this one cancels (both then count for nothing). */
  cancels: Nullable<string>;
}
