import fc from 'fast-check';
import { sql } from 'kysely';
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
import { AccessRule } from '../access/access-rule';
import { submissionVisibility } from './visibility';

/**
 * The two faces of the submission rule must agree: for generated actors and
 * generated rows (a marking whose audience names a third party, an owner no
 * actor has, an actor of no party), the SQL condition returns exactly the
 * rows `canSee` accepts. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe(`the submission visibility rule's two faces agree (${testEngine()})`, () => {
  let database: DatabaseHandle;
  const db = () => database.db.withTables<{ submission_probe: ProbeRow }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`create temporary table submission_probe (
      id integer primary key,
      owner_party text not null,
      coordinator_party text not null,
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
    ownerParty: party,
    coordinatorParty: party,
  });

  it('admits the owner and the coordinator as the access rule allows, never a third party, on at least 1,000 pairs', async () => {
    let pairs = 0;
    let visible = 0;
    let deniedDespiteMarking = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { minLength: 1, maxLength: 20 }),
        fc.array(actorArbitrary, { minLength: 1, maxLength: 4 }),
        async (generated, actors) => {
          await db().deleteFrom('submission_probe').execute();
          await db()
            .insertInto('submission_probe')
            .values(
              generated.map((row, id) => ({
                id,
                owner_party: row.ownerParty,
                coordinator_party: row.coordinatorParty,
                marking_level: row.marking.level,
                marking_caveats: row.marking.caveats,
                marking_rel_to: row.marking.relTo,
                marking_parties: row.marking.parties,
                marking_groups: row.marking.groups,
              })),
            )
            .execute();
          for (const actor of actors) {
            const ids = (
              await db()
                .selectFrom('submission_probe as p')
                .select('p.id')
                .where(submissionVisibility.where(access, actor, 'p'))
                .orderBy('p.id')
                .execute()
            ).map((row) => row.id);
            const expected = generated.flatMap((row, id) =>
              submissionVisibility.canSee(access, actor, row) ? [id] : [],
            );
            expect(ids).toEqual(expected);
            pairs += generated.length;
            visible += expected.length;
            // The rule is narrower than the access rule: a third party named in the marking still sees nothing.
            deniedDespiteMarking += generated.filter(
              (row) => access.canSee(actor, row.marking) && !submissionVisibility.canSee(access, actor, row),
            ).length;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(pairs).toBeGreaterThanOrEqual(1000);
    expect(visible).toBeGreaterThan(pairs / 200);
    expect(visible).toBeLessThan(pairs * 0.5);
    expect(deniedDespiteMarking).toBeGreaterThan(0);
  });
});

interface ProbeRow {
  id: number;
  owner_party: string;
  coordinator_party: string;
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}
