import { afterAll, describe, expect, it } from 'vitest';
import { runFailoverTrials } from '../../trials/failover';
import { createPostgresDatabaseUrl, testEngine } from '../support/test-database';

/**
 * The failover trial CI runs on PostgreSQL (npm run trials -- failover also
 * stops and starts PostgreSQL itself, which CI's other tests share, so it is
 * run by hand and recorded in docs/trials.md): two instances under load, their
 * LISTEN connections ended, then one instance stopped. PASF's listeners on
 * both get every submission once, every event once and in log order.
 * PGlite is one process's embedded database: it has no second instance.
 */
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.runIf(testEngine() === 'postgres')(
  'two instances through lost LISTEN connections and a stop',
  () => {
    it('deliver every event to every listener once, in order, in time', async () => {
      const database = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL as string);
      cleanups.push(() => database.drop());
      const report = await runFailoverTrials({
        databaseUrl: database.url,
        restartPostgres: false,
        phaseSeconds: 4,
      });
      expect(report.failures).toEqual([]);
      expect(report.acknowledged.requests).toBeGreaterThan(20);
      expect(report.acknowledged.messages).toBeGreaterThan(20);
      // The listener on the stopped instance moved to the other and resumed from its cursor.
      const [onA, onB] = report.listeners;
      expect(onA?.reconnects).toBeGreaterThanOrEqual(1);
      expect(onB?.reconnects).toBe(0);
      for (const listener of report.listeners)
        expect(listener.events).toBeGreaterThan(report.acknowledged.requests);
    }, 180_000);
  },
);
