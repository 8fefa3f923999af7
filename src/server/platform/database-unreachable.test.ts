import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/test-app';
import { testEngine } from '../../../test/support/test-database';
import { isDatabaseUnreachable } from './problem';

/** What a request gets while PostgreSQL restarts: 503 with Retry-After, not a 500 (and not a crashed process). */
describe('a database out of reach', () => {
  it('is told apart from a bug by the errors PostgreSQL and the socket really raise', async () => {
    const refused = new pg.Client({
      host: '127.0.0.1',
      port: 1,
      user: 'nobody',
      connectionTimeoutMillis: 2000,
    });
    const error = await refused.connect().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnreachable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError('x is undefined'))).toBe(false);
  });

  it.runIf(testEngine() === 'postgres')(
    'answers 200 or 503 with Retry-After, never 500 nor a crash, while its connections are cut, and serves again after',
    async () => {
      const t = await createTestApp();
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      try {
        await t.signIn('isf.hebron');
        await admin.connect();
        const { name } = await t.database.db
          .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
          .executeTakeFirstOrThrow();
        const answers: { status: number; retryAfter: unknown }[] = [];
        for (let round = 0; round < 5; round += 1) {
          const calls = Array.from({ length: 8 }, () =>
            t.call('isf.hebron', 'GET', '/api/requests?box=sent'),
          );
          // Every other connection of this database ended, as a PostgreSQL restart ends them.
          await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [name],
          );
          for (const response of await Promise.all(calls))
            answers.push({ status: response.statusCode, retryAfter: response.headers['retry-after'] });
        }
        expect(answers.filter(({ status }) => status !== 200)).toEqual(
          answers.filter(({ status }) => status !== 200).map(() => ({ status: 503, retryAfter: '5' })),
        );
        // Served again once the pool has let go of its dead connections: a retry or two, as Retry-After asks.
        let status = 0;
        for (let retry = 0; retry < 20 && status !== 200; retry += 1) {
          if (retry > 0) await new Promise((resolve) => setTimeout(resolve, 100));
          status = (await t.call('isf.hebron', 'GET', '/api/requests?box=sent')).statusCode;
        }
        expect(status).toBe(200);
      } finally {
        await admin.end();
        await t.close();
      }
    },
  );
});
