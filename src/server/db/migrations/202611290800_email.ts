import { type Kysely, sql } from 'kysely';

/**
 * The e-mail outbox: one row per message to send, written in the transaction
 * of the notification it carries, so a notification and its e-mail commit or
 * roll back together. A mailer claims due rows with FOR UPDATE SKIP LOCKED
 * and sends each once, however many instances run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('notification_id', 'uuid', (c) =>
      c.notNull().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Tries started: a claim counts, so a message that crashes its sender is not retried forever.
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // When to try next (also the end of a sender's lease); null once sent or given up.
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .column('next_attempt_at')
    .where(sql.ref('next_attempt_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('email_outbox_notification_idx')
    .on('email_outbox')
    .column('notification_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute();
}
