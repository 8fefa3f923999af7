import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ analyzeEveryMs: 100 });
  await t.app.ready();
}, 60_000);
afterAll(() => t?.close());

const analysed = async () => {
  const { rows } = await sql<{ last: Date | null }>`
    select coalesce(last_analyze, last_autoanalyze) as last from pg_stat_user_tables
    where relname = 'report_paragraphs'`.execute(t.database.db);
  return rows[0]?.last ?? null;
};

describe('planner statistics', () => {
  // PGlite has no autovacuum: without the server's own ANALYZE the planner guesses, and a search may
  // read every report. PostgreSQL's autovacuum does this by itself.
  it.runIf(process.env.TEST_DATABASE_URL === undefined)('are refreshed by the server on PGlite', async () => {
    const deadline = Date.now() + 10_000;
    while (!(await analysed()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await analysed()).toBeInstanceOf(Date);
  });
});
