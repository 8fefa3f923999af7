import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrations } from '../../db/migrations/index';
import { type DataDirLock, lockDataDir } from './data-dir-lock';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a data directory, "memory", or the PostgreSQL host. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') return openPostgres(target.url);
  return openPglite(target.kind === 'pglite' ? target.dataDir : null);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can die under the pool (the server restarted, an administrator ended it). The pool
  // drops it and opens another when needed; without this listener the error would crash the process.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: new URL(url).host, close: () => db.destroy() };
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let lock: DataDirLock | null = null;
  if (dataDir) lock = lockDataDir(resolve(dataDir));
  try {
    const pglite = await PGlite.create(dataDir ? join(resolve(dataDir), 'pglite') : undefined);
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      engine: 'pglite',
      location: dataDir ? resolve(dataDir) : 'memory',
      close: async () => {
        await db.destroy(); // closes PGlite, which flushes its files
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema up to date; run at every start. Throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${detail}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}

/** Ready means: the database answers and every migration this code knows has been applied. */
export async function databaseIsReady(db: Db): Promise<{ ready: boolean; pending: string[] }> {
  await sql`select 1`.execute(db);
  const known = await migrator(db).getMigrations();
  const pending = known.filter((migration) => !migration.executedAt).map((migration) => migration.name);
  return { ready: pending.length === 0, pending };
}

/** Runs `work` in one transaction: all of it commits, or none of it does. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
