import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../core/clock';
import type { AppError } from '../../core/errors';
import type { AuditActor, AuditMarking, AuditWriter } from './audit-entry';
import { auditActorOf, type Caller } from './caller';
import { type ConstraintKind, constraintViolation } from './db/constraints';
import type { Db, Tx } from './db/database';
import type { EventDraft } from './event-draft';

/**
 * What a change says about itself for the audit log: the record it is about,
 * that record's marking (so the audit view applies the same access rule), and
 * digests of the record before and after. The action defaults to the change's name.
 */
export interface AuditNote {
  action?: string;
  subject: { type: string; id?: string | null };
  marking: AuditMarking;
  before?: unknown;
  after?: unknown;
  /** A small, non-sensitive summary, shown to everyone who may see the record. */
  details?: Record<string, unknown>;
  /** Only where the change has no caller who acts (a sign-in names the account): who did it. */
  actor?: AuditActor | null;
  /** With `actor`: the address it came from. */
  ip?: string | null;
}

/**
 * One unit of work as a command sees it: the transaction to query through,
 * the time of the change, and two buffers the envelope writes out after the
 * work, in this order: the audit entry, then the events.
 */
export interface Unit {
  readonly tx: Tx;
  /** The time of the change, read once from the injected clock. */
  readonly now: Date;
  readonly caller: Caller | null;
  /** The change's audit entry: one for a change of a record, none for presence or a timer that found nothing to do. */
  audit(note: AuditNote): void;
  /** Domain events (ids only), delivered to whoever the access rule admits once the change commits. */
  emit(...events: EventDraft[]): void;
}

export interface ChangeOptions {
  /**
   * Turns an integrity error of the database into an answer a person can act
   * on (a 409 naming the field), or null to let it through as it is.
   */
  onConstraint?: (violation: { kind: ConstraintKind; constraint: string }) => AppError | null;
}

/**
 * Runs one write: `change(caller, name, work)`. Every write in Concord goes
 * through here (ARCHITECTURE.md rule 3).
 */
export type Change = <T>(
  caller: Caller | null,
  name: string,
  work: (unit: Unit) => Promise<T>,
  options?: ChangeOptions,
) => Promise<T>;

export interface ChangeDependencies {
  db: Db;
  clock: Clock;
  audit: AuditWriter;
  events: { append(tx: Tx, draft: EventDraft): Promise<unknown> };
  /** How many times a unit that lost a deadlock or a serialisation conflict runs in all (default 5). */
  attempts?: number;
}

/** PostgreSQL's answers to a unit that may simply run again: deadlock detected, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

export const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: unknown }).code as string);

/**
 * The envelope for writes. It opens the transaction and runs the work, which
 * takes its row locks through repositories; then, after every lock the work
 * took, it appends the audit entry (which queues writers on the chain's lock)
 * and the events (which queue on the event log's lock), always in that order,
 * so that no two writes can wait for each other's locks the other way round.
 * Integrity errors become problems; a unit that PostgreSQL chose as a deadlock
 * victim, or that lost a serialisation conflict, runs again from the start,
 * a bounded number of times.
 */
export function createChange(deps: ChangeDependencies): Change {
  const attempts = deps.attempts ?? 5;
  return async function change(caller, name, work, options = {}) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await runOnce(deps, caller, name, work);
      } catch (error) {
        if (isRetryable(error) && attempt < attempts) {
          // Jittered, growing back-off: the two parties of a deadlock must not collide again at once.
          await sleep(Math.random() * 10 * attempt);
          continue;
        }
        const violation = constraintViolation(error);
        const answer = violation && options.onConstraint?.(violation);
        if (answer) throw answer;
        throw error;
      }
    }
  };
}

async function runOnce<T>(
  deps: ChangeDependencies,
  caller: Caller | null,
  name: string,
  work: (unit: Unit) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (tx) => {
    const notes: AuditNote[] = [];
    const events: EventDraft[] = [];
    const unit: Unit = {
      tx,
      now: deps.clock.now(),
      caller,
      audit: (note) => void notes.push(note),
      emit: (...drafts) => void events.push(...drafts),
    };
    const result = await work(unit);
    for (const note of notes)
      await deps.audit.record(tx, {
        action: note.action ?? name,
        actor: note.actor !== undefined ? note.actor : caller && auditActorOf(caller),
        subject: note.subject,
        ip: note.ip !== undefined ? note.ip : (caller?.ip ?? null),
        before: note.before,
        after: note.after,
        details: note.details,
        marking: note.marking,
      });
    for (const event of events) await deps.events.append(tx, event);
    return result;
  });
}
