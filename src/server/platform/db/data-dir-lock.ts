import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite is one connection in one process: two processes opening the same data
 * directory corrupt it. This lock file records the owner; a second process is
 * refused while the owner lives, and a lock left by a dead process is taken over.
 */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'concord.lock');
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return { release: () => releaseIfOwned(lockPath, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    if (owner && ownerIsAlive(owner, me)) {
      throw new DataDirLockedError(
        `The data directory ${dataDir} is in use by another Concord process (pid ${owner.pid} on ${owner.hostname}, ` +
          `since ${owner.startedAt}). The embedded database can be opened by one process only: stop the other ` +
          `process, or set CONCORD_DATA_DIR to another directory, or use PostgreSQL (DATABASE_URL) to run several.`,
      );
    }
    // The owner is gone (killed or crashed): its lock is stale.
    unlinkSync(lockPath);
  }
  throw new DataDirLockedError(
    `Could not lock the data directory ${dataDir}: another process keeps taking it.`,
  );
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

function ownerIsAlive(owner: LockOwner, me: LockOwner): boolean {
  // On another host we cannot tell; refusing is the safe answer.
  if (owner.hostname !== me.hostname) return true;
  if (owner.pid === me.pid) {
    // In a container the restarted server often gets the dead one's pid: a lock
    // written before this process started belongs to that dead incarnation.
    const processStartedAt = Date.now() - process.uptime() * 1000;
    return Date.parse(owner.startedAt) >= processStartedAt - 1000;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(lockPath: string, me: LockOwner): void {
  const owner = readOwner(lockPath);
  if (owner && owner.pid === me.pid && owner.startedAt === me.startedAt) unlinkSync(lockPath);
}
