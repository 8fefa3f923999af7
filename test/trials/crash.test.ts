import { afterAll, describe, expect, it } from 'vitest';
import { runCrashTrials } from '../../trials/crash';
import { createPostgresDatabaseUrl, testEngine } from '../support/test-database';

/**
 * The short crash trial CI runs (npm run trials -- crash runs 100): the server
 * is killed with SIGKILL ten times while officers write, on the run's database.
 * Nothing a client was told succeeded may be lost or doubled; the audit chain
 * verifies after every kill; live events resume without loss or repeat;
 * deadlines that fell due while it was down fire once after it starts.
 */
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe(`the server killed ten times while officers write (${testEngine()})`, () => {
  it('loses and doubles nothing it acknowledged, and its audit chain verifies after every kill', async () => {
    const server = process.env.TEST_DATABASE_URL;
    const database = server ? await createPostgresDatabaseUrl(server) : null;
    if (database) cleanups.push(() => database.drop());
    const report = await runCrashTrials({ trials: 10, databaseUrl: database?.url });
    expect(report.failures).toEqual([]);
    expect(report.acknowledged.requests).toBeGreaterThan(0);
    expect(report.acknowledged.messages).toBeGreaterThan(0);
    expect(report.acknowledged.releases).toBeGreaterThan(0);
    // Deadlines moved due while the server was down fired after each start, once.
    expect(report.deadlinesFired).toBeGreaterThan(0);
    expect(report.eventsDelivered).toBeGreaterThan(report.acknowledged.requests);
  }, 600_000);
});
