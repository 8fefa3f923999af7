import type { Tx } from './db/database';

/**
 * A domain event as a service writes it: what happened to which record. Small
 * and made of ids only: subscribers fetch the record through the access rule.
 */
export interface EventDraft {
  type: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, string | number | boolean | null>;
}

/** Where services put their events: inside their transaction, as its last statement (after the audit entry). */
export interface EventAppender {
  append(tx: Tx, draft: EventDraft): Promise<unknown>;
}
