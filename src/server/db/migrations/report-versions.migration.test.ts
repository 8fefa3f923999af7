import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database';
import { type DatabaseHandle, migrateToLatest } from '../../platform/db/database';

let database: DatabaseHandle;

// A deployment that wrote reports before versions were kept upgrades without losing any.
beforeAll(async () => {
  database = await createTestDatabase({ migratedTo: '202611291000_reports' });
  await sql`
    insert into reports (id, title, report_date, status, author_party, marking_level, marking_parties,
      created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000001', 'Written before versions', '2026-11-20', 'published',
      'USSC', 'C', '{USSC}', now(), now())`.execute(database.db);
  await sql`
    insert into report_paragraphs (report_id, position, number, body, search_extra, marking_level,
      marking_caveats, marking_rel_to, marking_parties)
    values ('00000000-0000-4000-8000-000000000001', 0, 1, 'Patrols resume in Hebron.', '', 'C', '{}',
      '{USA,GBR}', '{USSC}')`.execute(database.db);
  await migrateToLatest(database.db);
}, 60_000);
afterAll(() => database?.close());

describe('upgrading to version history', () => {
  it('keeps each existing report as its version 1, portion markings included', async () => {
    const versions = await database.db.selectFrom('report_versions').selectAll().execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, change: 'created', title: 'Written before versions' });
    expect(versions[0]?.paragraphs).toEqual([
      {
        heading: null,
        text: 'Patrols resume in Hebron.',
        marking: { level: 'C', caveats: [], relTo: ['USA', 'GBR'], parties: ['USSC'], groups: [] },
      },
    ]);
  });

  it('indexes the existing paragraphs for search', async () => {
    const { rows } = await sql<{ found: number }>`
      select count(*)::int as found from report_paragraphs
      where search_document @@ plainto_tsquery('english', 'patrol')`.execute(database.db);
    expect(rows[0]?.found).toBe(1);
  });
});
