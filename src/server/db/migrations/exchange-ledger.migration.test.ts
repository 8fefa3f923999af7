import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database';
import { type DatabaseHandle, migrateToLatest } from '../../platform/db/database';

let database: DatabaseHandle;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [USSC, USER, REPORT, RELEASE, SUBMISSION] = [1, 2, 3, 4, 5].map(id);

// A deployment that released reports before the ledger knew kinds and markings keeps every row, now countable.
beforeAll(async () => {
  database = await createTestDatabase({ migratedTo: '202612050700_minutes_change_requests' });
  const db = database.db;
  await sql`insert into parties (id, code, kind, name_en, name_ar, name_he) values
    (${USSC}, 'USSC', 'coordinator', 'USSC', 'USSC', 'USSC')`.execute(db);
  await sql`insert into users (id, username, display_name, password_hash, nationality, party_id) values
    (${USER}, 'coord.officer', 'Officer', 'x', 'USA', ${USSC})`.execute(db);
  await sql`insert into reports (id, title, report_date, status, author_party, created_at, updated_at,
      marking_level, marking_parties) values
    (${REPORT}, 'Weekly', '2026-11-20', 'published', 'USSC', now(), now(), 'C', '{USSC}')`.execute(db);
  await sql`insert into report_releases (id, report_id, report_version, to_party, from_party, title, subject, tags,
      report_date, note, released_by, released_at, marking_level, marking_caveats, marking_parties, marking_groups) values
    (${RELEASE}, ${REPORT}, 1, 'ISF', 'USSC', 'Weekly', '', '{}', '2026-11-20', '', ${USER},
      '2026-11-20T10:00:00Z', 'C', '{NOFORN}', '{ISF,USSC}', '{}')`.execute(db);
  await sql`insert into information_exchanges (from_party, to_party, category, subject_type, subject_id, at,
      through_party, source_type, source_id) values
    ('USSC', 'ISF', 'report-release', 'report-release', ${RELEASE}, '2026-11-20T10:00:00Z', null, null, null),
    ('PASF', 'ISF', 'submission-release', 'report-release', ${RELEASE}, '2026-11-20T10:00:00Z', 'USSC',
      'submission', ${SUBMISSION})`.execute(db);
  await migrateToLatest(db);
}, 60_000);
afterAll(() => database?.close());

describe('upgrading the information exchanges to the ledger', () => {
  it('gives each earlier row its kind and the marking of its release; a released submission names its origin', async () => {
    const rows = await database.db
      .selectFrom('information_exchanges')
      .select([
        'from_party',
        'kind',
        'category',
        'marking_level',
        'marking_caveats',
        'marking_parties',
        'cancels',
      ])
      .orderBy('from_party')
      .execute();
    expect(rows).toEqual([
      {
        from_party: 'PASF',
        kind: 'submission-release',
        category: 'general',
        marking_level: 'C',
        marking_caveats: ['NOFORN'],
        // PASF sees what was done with what it submitted.
        marking_parties: ['ISF', 'PASF', 'USSC'],
        cancels: null,
      },
      {
        from_party: 'USSC',
        kind: 'release',
        category: 'general',
        marking_level: 'C',
        marking_caveats: ['NOFORN'],
        marking_parties: ['ISF', 'USSC'],
        cancels: null,
      },
    ]);
  });

  it('refuses a kind the ledger does not know', async () => {
    await expect(
      sql`insert into information_exchanges (from_party, to_party, kind, category, subject_type, subject_id, at,
          marking_level, marking_caveats, marking_parties, marking_groups)
        values ('ISF', 'PASF', 'gossip', 'general', 'request', ${REPORT}, now(), 'U', '{}', '{ISF}', '{}')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/information_exchanges_kind/);
  });
});
