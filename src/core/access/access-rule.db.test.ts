import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorArbitrary,
  markingArbitrary,
  storedMarkingArbitrary,
  US_SCHEME,
} from '../../../test/support/marking-fixtures';
import { createTestDatabase, testEngine } from '../../../test/support/test-database';
import type { DatabaseHandle } from '../../server/platform/db/database';
import type { Marking } from '../marking/marking';
import { AccessRule, type Actor } from './access-rule';

/**
 * The two faces of the access rule must agree: for generated actors and
 * generated markings (odd ones included), the SQL fragment returns exactly the
 * rows `canSee` accepts. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe(`the access rule's two faces agree (${testEngine()})`, () => {
  const rule = new AccessRule(US_SCHEME);
  let database: DatabaseHandle;
  // A table of its own: the probe is about the rule, not about any capability's records.
  const db = () => database.db.withTables<{ access_probe: ProbeRow }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`create temporary table access_probe (
      id integer primary key,
      marking_level text not null,
      marking_caveats text[] not null,
      marking_rel_to text[],
      marking_parties text[] not null,
      marking_groups text[] not null
    )`.execute(database.db);
  });
  afterAll(() => database?.close());

  async function visibleIds(actor: Actor) {
    return (
      await db().selectFrom('access_probe').select('id').where(rule.where(actor)).orderBy('id').execute()
    ).map((row) => row.id);
  }

  it('on at least 2,000 generated actor/marking pairs', async () => {
    let pairs = 0;
    let visible = 0;
    const markings = fc.array(fc.oneof(markingArbitrary, storedMarkingArbitrary), {
      minLength: 1,
      maxLength: 20,
    });
    const actors = fc.array(actorArbitrary, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(markings, actors, async (generated, actorsOfRun) => {
        await db().deleteFrom('access_probe').execute();
        await db()
          .insertInto('access_probe')
          .values(generated.map((marking, id) => probeRow(id, marking)))
          .execute();
        for (const actor of actorsOfRun) {
          const expected = generated.flatMap((marking, id) => (rule.canSee(actor, marking) ? [id] : []));
          expect(await visibleIds(actor)).toEqual(expected);
          pairs += generated.length;
          visible += expected.length;
        }
      }),
      { numRuns: 250 },
    );
    expect(pairs).toBeGreaterThanOrEqual(2000);
    // A generator that made everything (or nothing) visible would prove little.
    expect(visible).toBeGreaterThan(pairs / 100); // about 3 in 100 in practice
    expect(visible).toBeLessThan(pairs / 2);
  });
});

interface ProbeRow {
  id: number;
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}

function probeRow(id: number, marking: Marking): ProbeRow {
  return {
    id,
    marking_level: marking.level,
    marking_caveats: marking.caveats,
    marking_rel_to: marking.relTo,
    marking_parties: marking.parties,
    marking_groups: marking.groups,
  };
}
