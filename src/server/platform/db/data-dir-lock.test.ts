import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe('data directory lock', () => {
  it('refuses a second owner while the first lives, and frees the directory on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-lock-'));
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    writeFileSync(
      join(dir, 'concord.lock'),
      JSON.stringify({ pid: sleeper.pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${sleeper.pid}`));
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-lock-'));
    const dead = spawn('true');
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(
      join(dir, 'concord.lock'),
      JSON.stringify({ pid: dead.pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError); // now we own it
    lock.release();
    expect(existsSync(join(dir, 'concord.lock'))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a lock held from another host (a shared disk): it cannot tell whether that owner lives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-lock-'));
    writeFileSync(
      join(dir, 'concord.lock'),
      JSON.stringify({ pid: 1, hostname: 'another-host', startedAt: '2026-01-01T00:00:00Z' }),
    );
    expect(() => lockDataDir(dir)).toThrow(/another-host/);
  });
});
