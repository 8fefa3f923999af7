import { type Kysely, sql } from 'kysely';

/**
 * The ordered log of domain events that live delivery reads from. NOTIFY only
 * wakes the instances; what they send comes from here, so a lost notification
 * or a dropped LISTEN connection loses nothing, and a browser that reconnects
 * catches up from its last event id. Rows carry ids, never record content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_log')
    // Readers page with `id > last seen order by id`: the primary key is the only index they need.
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_log').execute();
}
