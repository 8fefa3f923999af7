import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { EventLogRow } from '../db/schema';

/** One entry of the event log, as subscribers receive it. */
export interface StoredEvent {
  /** Ascending in commit order (see `lockAppenders`). */
  id: number;
  type: string;
  subjectType: string;
  subjectId: string;
  /** Small extra ids; never record content (the log outlives access changes, and NOTIFY is not private). */
  data: Record<string, unknown>;
  at: Date;
}

export interface NewEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** Transaction-scoped advisory lock, private to this module (the audit log uses 7_341_020_00x). */
export const EVENT_APPENDERS_LOCK = 7_341_030_001;

/** The NOTIFY channel; its payload is the new event's id, nothing else. */
export const EVENTS_CHANNEL = 'concord_events';

/** Kysely queries on event_log. No policy here. */
export class EventLogRepository {
  /** `reads` is the database outside any transaction: it sees committed rows only. */
  constructor(private readonly reads: Db) {}

  /**
   * Held until the appending transaction ends: ids are drawn one transaction
   * at a time, so they become visible in ascending order, and a reader that
   * has seen id N never later finds a committed id below N.
   */
  async lockAppenders(tx: Db): Promise<void> {
    await sql`select pg_advisory_xact_lock(${sql.lit(EVENT_APPENDERS_LOCK)})`.execute(tx);
  }

  async insert(tx: Db, event: NewEvent, at: Date): Promise<StoredEvent> {
    const row = await tx
      .insertInto('event_log')
      .values({
        type: event.type,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        data: JSON.stringify(event.data ?? {}),
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return storedEvent(row);
  }

  /** Delivered to every listener when `tx` commits, and never if it rolls back. */
  async notify(tx: Db, id: number): Promise<void> {
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(id)})`.execute(tx);
  }

  /** Committed events after `id`, oldest first. */
  async after(id: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.reads
      .selectFrom('event_log')
      .selectAll()
      .where('id', '>', id)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(storedEvent);
  }

  /** The oldest id still in the log, 0 for an empty log. */
  async oldestId(): Promise<number> {
    const row = await this.reads
      .selectFrom('event_log')
      .select((eb) => eb.fn.min('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** Deletes the events written before `before`, always keeping the newest (ids never go back); how many went. */
  async prune(before: Date): Promise<number> {
    const result = await this.reads
      .deleteFrom('event_log')
      .where('created_at', '<', before)
      .where('id', '<', (eb) => eb.selectFrom('event_log').select((inner) => inner.fn.max('id').as('newest')))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The newest committed id, 0 for an empty log. */
  async latestId(): Promise<number> {
    const row = await this.reads
      .selectFrom('event_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}

// bigint: `pg` reads it as a string, PGlite as a number.
function storedEvent(row: EventLogRow): StoredEvent {
  return {
    id: Number(row.id),
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    data: row.data,
    at: row.created_at,
  };
}
