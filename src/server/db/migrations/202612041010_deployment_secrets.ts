import { type Kysely, sql } from 'kysely';

/**
 * Secrets the deployment makes for itself, once, and every instance shares:
 * the key that turns event-log positions into opaque cursors (see
 * platform/events/cursors.ts). Written by the first instance that needs one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployment_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deployment_secrets').execute();
}
