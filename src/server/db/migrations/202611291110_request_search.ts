import { type Kysely, sql } from 'kysely';

/**
 * Requests are searched like reports: their summary and the words of their
 * form, English and Arabic stemmed and as written, with Hebrew words also
 * without their prefixes (search_extra), in an indexed column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('requests')
    .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`
    alter table requests add column search_document tsvector generated always as (
      to_tsvector('english', summary) || to_tsvector('arabic', summary)
      || to_tsvector('english', fields) || to_tsvector('arabic', fields)
      || to_tsvector('simple', summary || ' ' || search_extra) || to_tsvector('simple', fields)
    ) stored`.execute(db);
  await sql`create index requests_search_idx on requests using gin (search_document)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requests').dropColumn('search_document').dropColumn('search_extra').execute();
}
