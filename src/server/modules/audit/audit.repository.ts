import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { AuditLogRow, Database } from '../../platform/db/schema';
import type { JsonValue, StoredEntry } from './chain';

/** Transaction-scoped advisory locks (PostgreSQL and PGlite alike); numbers private to this module. */
export const AUDIT_LOCKS = { writers: 7_341_020_001, checkpoints: 7_341_020_002 } as const;

/** Kysely queries on audit_log and audit_checkpoints. No policy here. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Held until the transaction ends: the next writer waits, so numbers are assigned one at a time. */
  async lock(tx: Db, key: number): Promise<void> {
    await sql`select pg_advisory_xact_lock(${sql.lit(key)})`.execute(tx);
  }

  async head(executor: Db = this.db): Promise<{ seq: number; hash: string } | null> {
    const row = await executor
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async insert(tx: Db, entry: StoredEntry): Promise<void> {
    await tx
      .insertInto('audit_log')
      .values({ ...entry, details: JSON.stringify(entry.details) })
      .execute();
  }

  /** Newest first, only the entries the `visible` condition (the access rule's SQL face) lets through. */
  visibleEntries(
    visible: Expression<SqlBool>,
    filter: {
      limit: number;
      before?: number | undefined;
      seq?: number;
      action?: string | undefined;
      subjectType?: string | undefined;
      subjectId?: string | undefined;
    },
  ) {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .where(visible)
      .orderBy('seq', 'desc')
      .limit(filter.limit);
    if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
    if (filter.seq !== undefined) query = query.where('seq', '=', filter.seq);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    return query.execute();
  }

  /** Every entry in `seq` order, fetched in batches so that a long log never sits in memory. */
  async *entries(batchSize = 1000): AsyncGenerator<StoredEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      for (const row of rows) yield storedEntry(row);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = Number(last.seq);
    }
  }

  insertCheckpoint(tx: Db, values: Insertable<Database['audit_checkpoints']>) {
    return tx.insertInto('audit_checkpoints').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** The checkpoint that covers the most entries (the newest of those). */
  latestCheckpoint(executor: Db = this.db) {
    return executor
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('seq', 'desc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  listCheckpoints(limit: number) {
    return this.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('seq', 'desc')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }
}

function storedEntry(row: AuditLogRow): StoredEntry {
  return { ...row, seq: Number(row.seq), details: row.details as JsonValue };
}
