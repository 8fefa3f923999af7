import { type Kysely, sql } from 'kysely';

/**
 * A chair's request for a change to circulated minutes (issue 16, item 3):
 * made on the version the chair read, instead of signing it; the writers
 * answer with a new version, which the chairs sign.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minutes_change_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('minutes.meeting_id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('minutes_change_requests_meeting_idx')
    .on('minutes_change_requests')
    .columns(['meeting_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('minutes_change_requests').execute();
}
