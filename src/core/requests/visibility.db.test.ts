import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIES } from '../../../test/support/marking-fixtures';
import { createTestDatabase, testEngine } from '../../../test/support/test-database';
import type { DatabaseHandle } from '../../server/platform/db/database';
import { draftRule, internalRule } from './visibility';

/**
 * The two faces of the draft rule and of the internal-entry rule must agree:
 * for generated actors and generated rows (odd ones included: a party no
 * actor has, an actor of no party), the SQL condition returns exactly the
 * rows `canSee` accepts. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe(`the request visibility rules' two faces agree (${testEngine()})`, () => {
  let database: DatabaseHandle;
  // A table of its own: the probe is about the rules, not about any stored request.
  const db = () => database.db.withTables<{ visibility_probe: ProbeRow }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`create temporary table visibility_probe (
      id integer primary key,
      status text not null,
      from_party text not null,
      internal_party text
    )`.execute(database.db);
  });
  afterAll(() => database?.close());

  const party = fc.constantFrom(...PARTIES, 'OTHER');
  const actorArbitrary = fc.record({ party: fc.option(fc.constantFrom(...PARTIES), { nil: null }) });
  const rowArbitrary = fc.record({
    status: fc.constantFrom('draft', 'submitted', 'acknowledged', 'completed', 'DRAFT', ''),
    fromParty: party,
    internalParty: fc.option(party, { nil: null }),
  });
  type Row = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

  async function run(
    rule: 'draft' | 'internal',
    canSee: (actor: { party: string | null }, row: Row) => boolean,
  ) {
    let pairs = 0;
    let visible = 0;
    const rows = fc.array(rowArbitrary, { minLength: 1, maxLength: 20 });
    const actors = fc.array(actorArbitrary, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(rows, actors, async (generated, actorsOfRun) => {
        await db().deleteFrom('visibility_probe').execute();
        await db()
          .insertInto('visibility_probe')
          .values(
            generated.map((row, id) => ({
              id,
              status: row.status,
              from_party: row.fromParty,
              internal_party: row.internalParty,
            })),
          )
          .execute();
        for (const actor of actorsOfRun) {
          const where = rule === 'draft' ? draftRule.where(actor, 'p') : internalRule.where(actor, 'p');
          const ids = (
            await db()
              .selectFrom('visibility_probe as p')
              .select('p.id')
              .where(where)
              .orderBy('p.id')
              .execute()
          ).map((row) => row.id);
          const expected = generated.flatMap((row, id) => (canSee(actor, row) ? [id] : []));
          expect(ids).toEqual(expected);
          pairs += generated.length;
          visible += expected.length;
        }
      }),
      { numRuns: 150 },
    );
    expect(pairs).toBeGreaterThanOrEqual(1000);
    // A generator that made everything (or nothing) visible would prove little.
    expect(visible).toBeGreaterThan(pairs / 10);
    expect(visible).toBeLessThan(pairs * 0.95);
  }

  it('drafts: seen only by their own party, on at least 1,000 generated actor/request pairs', () =>
    run('draft', (actor, row) => draftRule.canSee(actor, row)));

  it('internal notes and attachments: seen only by their party, on at least 1,000 pairs', () =>
    run('internal', (actor, row) => internalRule.canSee(actor, row)));
});

interface ProbeRow {
  id: number;
  status: string;
  from_party: string;
  internal_party: string | null;
}
