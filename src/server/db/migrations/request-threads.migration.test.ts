import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database';
import { type DatabaseHandle, migrateToLatest } from '../../platform/db/database';

let database: DatabaseHandle;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [ISF, PASF, HEBRON, ISF_DESK, PASF_DESK, ISF_USER, PASF_USER, OTHER_USER] = [
  1, 2, 3, 4, 5, 6, 7, 8,
].map(id);
const [SUBMITTED, DRAFT] = [20, 21].map(id);

// A deployment whose requests were discussed before threads were channels upgrades without losing a word.
beforeAll(async () => {
  database = await createTestDatabase({ migratedTo: '202611291300_report_notifications' });
  const db = database.db;
  await sql`
    insert into parties (id, code, kind, name_en, name_ar, name_he) values
      (${ISF}, 'ISF', 'party', 'ISF', 'ISF', 'ISF'), (${PASF}, 'PASF', 'party', 'PASF', 'PASF', 'PASF')`.execute(
    db,
  );
  await sql`insert into districts (id, code, name_en, name_ar, name_he) values (${HEBRON}, 'HEB', 'Hebron', 'الخليل', 'חברון')`.execute(
    db,
  );
  await sql`
    insert into desks (id, code, name_en, name_ar, name_he, party_id, district_id) values
      (${ISF_DESK}, 'ISF-HEB', 'ISF Hebron', 'ISF', 'ISF', ${ISF}, ${HEBRON}),
      (${PASF_DESK}, 'PASF-HEB', 'PASF Hebron', 'PASF', 'PASF', ${PASF}, ${HEBRON})`.execute(db);
  await sql`
    insert into users (id, username, display_name, password_hash, nationality, party_id) values
      (${ISF_USER}, 'isf.officer', 'ISF officer', 'x', 'ISR', ${ISF}),
      (${PASF_USER}, 'pasf.officer', 'PASF officer', 'x', 'PSE', ${PASF}),
      (${OTHER_USER}, 'isf.silent', 'Silent', 'x', 'ISR', ${ISF})`.execute(db);
  for (const [request, status] of [
    [SUBMITTED, 'submitted'],
    [DRAFT, 'draft'],
  ] as const)
    await sql`
      insert into requests (id, type_code, status, priority, district_id, from_party, to_party, receiving_desk_id,
        requesting_desk_id, requested_by, summary, marking_level, marking_parties, submitted_at)
      values (${request}, 'safe-return', ${status}, 'urgent', ${HEBRON}, 'ISF', 'PASF', ${PASF_DESK}, ${ISF_DESK},
        ${ISF_USER}, 'Lost truck', 'U', '{ISF,PASF}', now())`.execute(db);
  await sql`
    insert into request_comments (request_id, author_id, author_party, body, internal_party, created_at) values
      (${SUBMITTED}, ${ISF_USER}, 'ISF', 'הנהג בחברון', null, '2026-11-20T10:00:00Z'),
      (${SUBMITTED}, ${ISF_USER}, 'ISF', 'ISF only: check the plates', 'ISF', '2026-11-20T10:01:00Z'),
      (${SUBMITTED}, ${PASF_USER}, 'PASF', 'تم العثور على السائق', null, '2026-11-20T10:02:00Z')`.execute(db);
  await migrateToLatest(db);
}, 60_000);
afterAll(() => database?.close());

describe('upgrading request comments to request threads', () => {
  it('opens a thread for each submitted request, marked as the request, and none for a draft', async () => {
    const threads = await database.db.selectFrom('channels').selectAll().execute();
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({
      kind: 'request',
      request_id: SUBMITTED,
      status: 'open',
      marking_level: 'U',
      marking_parties: ['ISF', 'PASF'],
    });
    expect(Number(threads[0]?.last_seq)).toBe(2);
  });

  it('moves the shared comments into it, numbered in the order they were written', async () => {
    const messages = await database.db
      .selectFrom('channel_messages')
      .select(['seq', 'author_id', 'body', 'idempotency_key'])
      .orderBy('seq')
      .execute();
    expect(messages.map((message) => [Number(message.seq), message.author_id, message.body])).toEqual([
      [1, ISF_USER, 'הנהג בחברון'],
      [2, PASF_USER, 'تم العثور على السائق'],
    ]);
  });

  it('keeps internal notes where only their party reads them', async () => {
    const notes = await database.db
      .selectFrom('request_comments')
      .select(['body', 'internal_party'])
      .execute();
    expect(notes).toEqual([{ body: 'ISF only: check the plates', internal_party: 'ISF' }]);
  });

  it('makes the requester and the writers members, read to the end', async () => {
    const members = await database.db
      .selectFrom('channel_members')
      .select(['user_id', 'last_read_seq'])
      .orderBy('user_id')
      .execute();
    expect(members.map((member) => [member.user_id, Number(member.last_read_seq)])).toEqual([
      [ISF_USER, 2],
      [PASF_USER, 2],
    ]);
  });

  it('indexes the moved messages for search, Hebrew prefixes included', async () => {
    const { rows } = await sql<{ found: number }>`
      select count(*)::int as found from channel_messages where search_document @@ to_tsquery('simple', 'חברון')`.execute(
      database.db,
    );
    expect(rows[0]?.found).toBe(1);
  });
});
