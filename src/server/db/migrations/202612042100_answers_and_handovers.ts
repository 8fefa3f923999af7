import { type Kysely, sql } from 'kysely';

/**
 * Four-eyes answers and safe returns step by step (issue 15).
 * - A request keeps the answer its desk drafted until a supervisor of the
 *   receiving party approves or returns it; nothing of it is in the summary,
 *   the search document or any column the requesting side is sent.
 * - A history entry may be internal to one party (the drafting and the review
 *   of an answer), under the same internal-entry rule as notes.
 * - A handover: where (a place of the gazetteer), when, who received the
 *   person and in what condition; one per request.
 * - A request links to any record (a report, a release, a submission, a
 *   channel), not only to another request: the link names the kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('requests')
    .addColumn('answer_draft', 'jsonb')
    .addColumn('answer_drafted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('answer_drafted_at', 'timestamptz')
    .execute();
  await db.schema.alterTable('request_history').addColumn('internal_party', 'text').execute();
  await db.schema
    .createTable('request_handovers')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('requests.id').onDelete('cascade'))
    .addColumn('place_id', 'uuid', (c) => c.notNull().references('districts.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_handovers_at').on('request_handovers').column('at').execute();
  await sql`alter table request_links drop constraint request_links_linked_id_fkey`.execute(db);
  await sql`alter table request_links add column target_kind text not null default 'request'
    check (target_kind in ('request', 'report', 'release', 'submission', 'channel'))`.execute(db);
  await db.schema
    .createIndex('request_links_target')
    .on('request_links')
    .columns(['linked_id', 'target_kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from request_links where target_kind <> 'request'`.execute(db);
  await db.schema.dropIndex('request_links_target').execute();
  await db.schema.alterTable('request_links').dropColumn('target_kind').execute();
  await sql`alter table request_links add constraint request_links_linked_id_fkey
    foreign key (linked_id) references requests(id) on delete cascade`.execute(db);
  await db.schema.dropTable('request_handovers').execute();
  await db.schema.alterTable('request_history').dropColumn('internal_party').execute();
  await db.schema
    .alterTable('requests')
    .dropColumn('answer_draft')
    .dropColumn('answer_drafted_by')
    .dropColumn('answer_drafted_at')
    .execute();
}
