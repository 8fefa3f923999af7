import fc from 'fast-check';
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorArbitrary,
  markingArbitrary,
  PARTIES,
  storedMarkingArbitrary,
  US_SCHEME,
} from '../../../test/support/marking-fixtures';
import { createTestDatabase, testEngine } from '../../../test/support/test-database';
import type { DatabaseHandle } from '../../server/platform/db/database';
import { AccessRule, type Actor } from '../access/access-rule';
import { draftRule, internalRule, requestVisibility } from './visibility';

/**
 * The two faces of the draft rule and of the internal-entry rule must agree:
 * for generated actors and generated rows (odd ones included: a party no
 * actor has, an actor of no party), the SQL condition returns exactly the
 * rows `canSee` accepts; and so do both faces of a request's whole visibility
 * (the access rule and the draft rule together). Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL.
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
      internal_party text,
      marking_level text not null,
      marking_caveats text[] not null,
      marking_rel_to text[],
      marking_parties text[] not null,
      marking_groups text[] not null
    )`.execute(database.db);
  });
  afterAll(() => database?.close());

  const access = new AccessRule(US_SCHEME);
  const party = fc.constantFrom(...PARTIES, 'OTHER');
  const rowArbitrary = fc.record({
    marking: fc.oneof(markingArbitrary, storedMarkingArbitrary),
    status: fc.constantFrom('draft', 'submitted', 'acknowledged', 'completed', 'DRAFT', ''),
    fromParty: party,
    internalParty: fc.option(party, { nil: null }),
  });
  type Row = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

  async function run(
    where: (actor: Actor) => Expression<SqlBool>,
    canSee: (actor: Actor, row: Row) => boolean,
    visibleShare: { above: number; below: number },
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
              marking_level: row.marking.level,
              marking_caveats: row.marking.caveats,
              marking_rel_to: row.marking.relTo,
              marking_parties: row.marking.parties,
              marking_groups: row.marking.groups,
            })),
          )
          .execute();
        for (const actor of actorsOfRun) {
          const ids = (
            await db()
              .selectFrom('visibility_probe as p')
              .select('p.id')
              .where(where(actor))
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
    expect(visible).toBeGreaterThan(pairs * visibleShare.above);
    expect(visible).toBeLessThan(pairs * visibleShare.below);
  }

  it('drafts: seen only by their own party, on at least 1,000 generated actor/request pairs', () =>
    run(
      (actor) => draftRule.where(actor, 'p'),
      (actor, row) => draftRule.canSee(actor, row),
      { above: 0.1, below: 0.95 },
    ));

  it('internal notes and attachments: seen only by their party, on at least 1,000 pairs', () =>
    run(
      (actor) => internalRule.where(actor, 'p'),
      (actor, row) => internalRule.canSee(actor, row),
      { above: 0.1, below: 0.95 },
    ));

  it('requests: the access rule and the draft rule together, as lists and search apply them', () =>
    run(
      (actor) => requestVisibility.where(access, actor, 'p'),
      (actor, row) => requestVisibility.canSee(access, actor, row),
      { above: 1 / 80, below: 0.5 },
    ));
});

interface ProbeRow {
  id: number;
  status: string;
  from_party: string;
  internal_party: string | null;
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}
