import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  type DatabaseHandle,
  type DatabaseTarget,
  migrateTo,
  migrateToLatest,
  openDatabase,
} from '../../src/server/platform/db/database';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default,
 * or a new database on the PostgreSQL server named by TEST_DATABASE_URL,
 * dropped again on close.
 */
export async function createTestDatabase(options: { migratedTo?: string } = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const handle = serverUrl
    ? await createPostgresDatabase(serverUrl)
    : await openDatabase({ kind: 'pglite-memory' });
  if (options.migratedTo) await migrateTo(handle.db, options.migratedTo);
  else await migrateToLatest(handle.db);
  return handle;
}

const postgresUrls = new WeakMap<DatabaseHandle, string>();

/** A second handle on the same PostgreSQL test database, as a second app instance would open it. */
export async function openSameDatabase(handle: DatabaseHandle): Promise<DatabaseHandle> {
  const url = postgresUrls.get(handle);
  if (!url) throw new Error('Only a PostgreSQL test database can be shared by two instances.');
  return openDatabase({ kind: 'postgres', url });
}

export const testEngine = (): 'postgres' | 'pglite' =>
  process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function createPostgresDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  const owned: DatabaseHandle = {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
  postgresUrls.set(owned, url.toString());
  return owned;
}

/** A URL for a fresh, empty PostgreSQL database (for tests that start the server as a process). */
export async function createPostgresDatabaseUrl(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database that outlives the app that uses it, as on a server that is
 * stopped and started again: a PGlite data directory, or a PostgreSQL
 * database. `open` opens (and migrates) it; `drop` deletes it.
 */
export async function createRestartableDatabase(): Promise<{
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const { url, drop } = await createPostgresDatabaseUrl(serverUrl);
    return { open: () => openMigrated({ kind: 'postgres', url }), drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-restart-'));
  return {
    open: () => openMigrated({ kind: 'pglite', dataDir }),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function openMigrated(target: DatabaseTarget): Promise<DatabaseHandle> {
  const handle = await openDatabase(target);
  await migrateToLatest(handle.db);
  return handle;
}
