import type { Tx } from './db/database';

/** Who did it; null for the system itself. */
export interface AuditActor {
  userId: string | null;
  username: string;
  partyCode: string | null;
}

/** The marking of the record an entry is about, copied so the access rule can filter the audit view. */
export interface AuditMarking {
  level: string;
  caveats?: string[];
  /** Absent or null: no REL TO restriction. */
  relTo?: string[] | null;
  parties: string[];
  groups?: string[];
}

/** One entry of the audit log as a writer hands it over; the chain adds its number, time and hashes. */
export interface AuditEntry {
  /** `<subject>.<verb>`, e.g. `user.created`, `desk.updated`, `record.read`. */
  action: string;
  actor: AuditActor | null;
  subject: { type: string; id?: string | null };
  ip?: string | null;
  /** The record before and after the change: only their digests are kept. */
  before?: unknown;
  after?: unknown;
  /** A small, non-sensitive summary (it is shown to everyone who may see the record). */
  details?: Record<string, unknown>;
  marking: AuditMarking;
}

/** The audit module's chain writer, as the change envelope sees it (platform/change.ts is its one caller). */
export interface AuditWriter {
  record(tx: Tx, entry: AuditEntry): Promise<unknown>;
}
