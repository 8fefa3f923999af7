import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database';
import { type DatabaseHandle, migrateToLatest } from '../../platform/db/database';

let database: DatabaseHandle;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [USSC, USER, GROUP, MEETING, COMMITMENT] = [1, 2, 3, 4, 5].map(id);

// Meetings, minutes and commitments written before search knew them are found once upgraded, Hebrew prefixes and all.
beforeAll(async () => {
  database = await createTestDatabase({ migratedTo: '202612050900_message_shares' });
  const db = database.db;
  await sql`insert into parties (id, code, kind, name_en, name_ar, name_he) values
    (${USSC}, 'USSC', 'coordinator', 'USSC', 'USSC', 'USSC')`.execute(db);
  await sql`insert into users (id, username, display_name, password_hash, nationality, party_id) values
    (${USER}, 'coord.officer', 'Officer', 'x', 'USA', ${USSC})`.execute(db);
  await sql`insert into groups (id, code, name_en, name_ar, name_he, kind, parties, created_at, updated_at) values
    (${GROUP}, 'WG-X', 'X', 'X', 'X', 'working-group', '{USSC}', now(), now())`.execute(db);
  await sql`insert into meetings (id, group_id, title, starts_at, ends_at, time_zone, created_by, created_at,
      updated_at, marking_level, marking_parties, marking_groups) values
    (${MEETING}, ${GROUP}, 'ישיבה בחברון', '2027-01-14T08:00:00Z', '2027-01-14T10:00:00Z', 'Asia/Jerusalem',
      ${USER}, now(), now(), 'C', '{USSC}', '{WG-X}')`.execute(db);
  await sql`insert into meeting_agenda_items (meeting_id, position, title) values
    (${MEETING}, 1, 'Larkspurfold files'), (${MEETING}, 2, 'והמחסומים')`.execute(db);
  await sql`insert into minutes (meeting_id, status, version, updated_at) values
    (${MEETING}, 'draft', 1, now())`.execute(db);
  const sections = JSON.stringify([
    { heading: 'Opening', text: 'Nothing', decisions: [] },
    { heading: 'סיורים', text: 'סיור ברחוב', decisions: ['Weekly Quillmere exchange'] },
  ]);
  await sql`insert into minutes_versions (meeting_id, version, sections, digest, written_by, written_at) values
    (${MEETING}, 1, ${sections}::jsonb, 'x', ${USER}, now())`.execute(db);
  await sql`insert into commitments (id, group_id, title, done_means, owner_party, owner_id, due_on, status,
      evidence_text, raised_by, created_at, updated_at, marking_level, marking_parties, marking_groups) values
    (${COMMITMENT}, ${GROUP}, 'Return the vehicles', 'Owners have them', 'USSC', ${USER}, '2027-02-01', 'open',
      'נמסר לבעלים', ${USER}, now(), now(), 'C', '{USSC}', '{WG-X}')`.execute(db);
  await migrateToLatest(db);
}, 60_000);
afterAll(() => database?.close());

const matches = async (table: 'meetings' | 'minutes_versions' | 'commitments', word: string) => {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
    where search_document @@ plainto_tsquery('simple', ${word})`.execute(database.db);
  return rows[0]?.n;
};

describe('upgrading the working groups to search', () => {
  it('indexes the earlier meetings with their agenda, minutes by section and commitments', async () => {
    const meeting = await database.db
      .selectFrom('meetings')
      .select(['agenda_text', 'search_extra'])
      .executeTakeFirstOrThrow();
    expect(meeting.agenda_text).toBe('Larkspurfold files · והמחסומים');
    expect(await matches('meetings', 'larkspurfold')).toBe(1);
    // The words as written, and without their prefixes.
    expect(await matches('meetings', 'בחברון')).toBe(1);
    expect(await matches('meetings', 'חברון')).toBe(1);
    expect(await matches('meetings', 'מחסומים')).toBe(1);
    const version = await database.db
      .selectFrom('minutes_versions')
      .select('search_extra')
      .executeTakeFirstOrThrow();
    expect(version.search_extra).toEqual(['', 'רחוב']);
    expect(await matches('minutes_versions', 'quillmere')).toBe(1);
    expect(await matches('minutes_versions', 'רחוב')).toBe(1);
    expect(await matches('commitments', 'בעלים')).toBe(1);
    expect(await matches('commitments', 'vehicles')).toBe(1);
  });
});
