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
  /**
   * LISTEN on `channel`: on a dedicated connection outside the pool
   * (PostgreSQL), or on the embedded instance (PGlite). NOTIFY is delivered at
   * commit, and only if the transaction commits.
   */
  listen(channel: string, callbacks: ListenCallbacks): Promise<Listening>;
  close(): Promise<void>;
}

export interface ListenCallbacks {
  onNotify(payload: string): void;
  /** The connection died (ended, terminated, network error): nothing more will arrive on it. */
  onLost(error: Error): void;
}

export interface Listening {
  /** Resolves when the connection answers; rejects when it is dead or stays silent for `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
  /** The PostgreSQL server process behind the connection (for diagnostics); null on PGlite. */
  readonly backendPid: number | null;
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
  // The pool listens only while a connection is idle. One checked out between two queries (a transaction
  // waiting on its own work) that dies (PostgreSQL restarted) would emit an error nobody hears, and that
  // crashes the process: every connection gets a listener of its own. Its next query fails, the change
  // retries or answers 503, and the pool drops the connection when it is released.
  pool.on('connect', (client) =>
    client.on('error', (error) => console.warn(`PostgreSQL closed a connection in use: ${error.message}`)),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    location: new URL(url).host,
    listen: (channel, callbacks) => listenOnPostgres(url, channel, callbacks),
    close: () => db.destroy(),
  };
}

const LISTEN_CLOSE_TIMEOUT_MS = 2_000;

async function listenOnPostgres(
  url: string,
  channel: string,
  callbacks: ListenCallbacks,
): Promise<Listening> {
  const client = new pg.Client({ connectionString: url, application_name: 'concord-events' });
  let live = false;
  const lost = (error: Error) => {
    if (!live) return;
    live = false;
    callbacks.onLost(error);
  };
  // Without an error listener, a terminated connection would crash the process.
  client.on('error', lost);
  client.on('end', () => lost(new Error('the LISTEN connection ended')));
  client.on('notification', (message) => {
    if (message.channel === channel) callbacks.onNotify(message.payload ?? '');
  });
  try {
    await client.connect();
    await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    live = true;
    return {
      backendPid: rows[0]?.pid ?? null,
      ping: async (timeoutMs) => {
        await withTimeout(client.query('select 1'), timeoutMs, 'the LISTEN connection did not answer');
      },
      close: async () => {
        live = false;
        // A half-open connection never acknowledges the goodbye: do not wait for it forever.
        await withTimeout(client.end(), LISTEN_CLOSE_TIMEOUT_MS, 'closing').catch(() => undefined);
      },
    };
  } catch (error) {
    void client.end().catch(() => undefined);
    throw error;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let lock: DataDirLock | null = null;
  if (dataDir) lock = lockDataDir(resolve(dataDir));
  try {
    const pglite = await PGlite.create(dataDir ? join(resolve(dataDir), 'pglite') : undefined);
    // Kysely hands PGlite's one connection to one holder at a time (a transaction holds it until it ends):
    // inside a transaction, query through it, never through `db`, or the two wait for each other forever.
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      engine: 'pglite',
      location: dataDir ? resolve(dataDir) : 'memory',
      listen: (channel, callbacks) => listenOnPglite(pglite, channel, callbacks),
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

/** In-process: the instance cannot drop the subscription, so `onLost` never fires. */
async function listenOnPglite(
  pglite: PGlite,
  channel: string,
  callbacks: ListenCallbacks,
): Promise<Listening> {
  const unlisten = await pglite.listen(channel, (payload) => callbacks.onNotify(payload));
  return {
    backendPid: null,
    ping: async () => {
      await pglite.query('select 1');
    },
    close: async () => {
      if (!pglite.closed) await unlisten();
    },
  };
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

/** Migrates up (or down) to the named migration: for tests of an upgrade over existing data. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error;
}

/** Ready means: the database answers and every migration this code knows has been applied. */
export async function databaseIsReady(db: Db): Promise<{ ready: boolean; pending: string[] }> {
  await sql`select 1`.execute(db);
  const known = await migrator(db).getMigrations();
  const pending = known.filter((migration) => !migration.executedAt).map((migration) => migration.name);
  return { ready: pending.length === 0, pending };
}

/** Refreshes the planner's statistics (PGlite has no autovacuum to do it). */
export async function refreshStatistics(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Runs `work` in one transaction: all of it commits, or none of it does. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
