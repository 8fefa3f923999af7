import type { Kysely } from 'kysely';

/**
 * A message of a working group's channel shared as information (issue 17):
 * its author marks it so, once, and the ledger counts it from the author's
 * party to each other party of the group; chat that is not shared is not
 * counted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('channel_messages')
    .addColumn('shared_at', 'timestamptz')
    .addColumn('shared_by', 'uuid', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('channel_messages').dropColumn('shared_by').dropColumn('shared_at').execute();
}
