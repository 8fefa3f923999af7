import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** The columns the access rule reads (see src/core/access/access-rule.ts). */
function marked<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`));
}

/**
 * Channels and crisis rooms: marked channels with members, and their messages
 * numbered per channel (`last_seq` is the allocator, bumped inside the posting
 * transaction). A message carries its own marking, never lower than its
 * channel's. Edits keep the earlier text; a deletion leaves a tombstone.
 * Urgent messages keep one durable re-alert timer per recipient until they
 * acknowledge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await marked(
    db.schema
      .createTable('channels')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('standing', 'request', 'working_group', 'crisis', 'hotline')`),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('closed_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('closed_at', 'timestamptz')
      // For a channel made from the directory ("desks:<a>:<b>", "hotline:<party>"): one channel per key.
      .addColumn('directory_key', 'text', (c) => c.unique()),
  ).execute();

  await db.schema
    .createTable('channel_members')
    .addColumn('channel_id', 'uuid', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('channel_members_pk', ['channel_id', 'user_id'])
    .execute();
  await db.schema.createIndex('channel_members_user_idx').on('channel_members').column('user_id').execute();

  await marked(
    db.schema
      .createTable('channel_messages')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('channel_id', 'uuid', (c) => c.notNull().references('channels.id').onDelete('cascade'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      // Null once deleted: the tombstone keeps its place in the sequence, not its words.
      .addColumn('body', 'text')
      // Indexed beside the body: its Hebrew words without their prefixes (src/core/search/search-text.ts).
      .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('reply_to_seq', 'bigint')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('edited_at', 'timestamptz')
      .addColumn('deleted_at', 'timestamptz')
      .addColumn('deleted_by', 'uuid', (c) => c.references('users.id'))
      .addUniqueConstraint('channel_messages_seq', ['channel_id', 'seq'])
      .addUniqueConstraint('channel_messages_idempotency', ['channel_id', 'author_id', 'idempotency_key']),
  ).execute();

  // Searched like report paragraphs (migration 202611291100_report_versions): kept and indexed.
  await sql`
    alter table channel_messages add column search_document tsvector generated always as (
      to_tsvector('english', coalesce(body, '')) || to_tsvector('arabic', coalesce(body, ''))
      || to_tsvector('simple', coalesce(body, '') || ' ' || search_extra)
    ) stored`.execute(db);
  await sql`create index channel_messages_search_idx on channel_messages using gin (search_document)`.execute(
    db,
  );

  // The text a message had before each edit (dropped when the message is deleted).
  await db.schema
    .createTable('channel_message_edits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('channel_messages.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('channel_message_edits_message_idx')
    .on('channel_message_edits')
    .column('message_id')
    .execute();

  await db.schema
    .createTable('channel_mentions')
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('channel_messages.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('channel_mentions_pk', ['message_id', 'user_id'])
    .execute();
  await db.schema.createIndex('channel_mentions_user_idx').on('channel_mentions').column('user_id').execute();

  await db.schema
    .createTable('channel_acknowledgements')
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('channel_messages.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_acknowledgements_pk', ['message_id', 'user_id'])
    .execute();

  // Files attached to a message: read by whoever may read the message, gone with its words.
  await db.schema
    .createTable('channel_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('channel_messages.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    // Sniffed from the content, never taken from the client.
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('channel_attachments_message_idx')
    .on('channel_attachments')
    .column('message_id')
    .execute();

  // Durable re-alert timers of urgent messages: claimed with FOR UPDATE SKIP LOCKED.
  await db.schema
    .createTable('channel_alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('channel_messages.id').onDelete('cascade'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('channel_alerts_due_idx').on('channel_alerts').columns(['due_at']).execute();

  // Presence: when each instance last saw the user on a live connection (written at each heartbeat).
  await db.schema
    .createTable('user_presence')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A notification is about a request or about one message of a channel (an urgent message, its re-alerts).
  await db.schema
    .alterTable('notifications')
    .alterColumn('request_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('channel_id', 'uuid', (c) => c.references('channels.id').onDelete('cascade'))
    .addColumn('channel_seq', 'bigint')
    .execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`(request_id is null) <> (channel_id is null) and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where channel_id is not null`.execute(db);
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema.alterTable('notifications').dropColumn('channel_seq').dropColumn('channel_id').execute();
  await db.schema
    .alterTable('notifications')
    .alterColumn('request_id', (c) => c.setNotNull())
    .execute();
  for (const table of [
    'user_presence',
    'channel_alerts',
    'channel_attachments',
    'channel_acknowledgements',
    'channel_mentions',
    'channel_message_edits',
    'channel_messages',
    'channel_members',
    'channels',
  ])
    await db.schema.dropTable(table).execute();
}
