import { type Kysely, sql } from 'kysely';

/**
 * Coordination requests: the requests themselves (marked records), their
 * history, their thread, their durable deadlines, and the notifications they
 * send to people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence request_number_seq`.execute(db);
  await db.schema
    .createTable('requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'bigint', (c) => c.notNull().unique().defaultTo(sql`nextval('request_number_seq')`))
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) =>
      c.notNull().check(sql`priority in ('critical', 'urgent', 'routine')`),
    )
    .addColumn('district_id', 'uuid', (c) => c.notNull().references('districts.id'))
    .addColumn('from_party', 'text', (c) => c.notNull())
    .addColumn('to_party', 'text', (c) => c.notNull())
    .addColumn('receiving_desk_id', 'uuid', (c) => c.notNull().references('desks.id'))
    .addColumn('requesting_desk_id', 'uuid', (c) => c.references('desks.id').onDelete('set null'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text')
    .addColumn('co_signed_at', 'timestamptz')
    .addColumn('co_signed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('acknowledge_due_at', 'timestamptz')
    .addColumn('respond_due_at', 'timestamptz')
    .addColumn('resolve_due_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    // The earliest deadline not yet met, while the request is open: inboxes sort by it.
    .addColumn('next_due_at', 'timestamptz')
    .addColumn('breached', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await db.schema
    .createIndex('requests_receiving_idx')
    .on('requests')
    .columns(['receiving_desk_id', 'status'])
    .execute();
  await db.schema
    .createIndex('requests_to_party_idx')
    .on('requests')
    .columns(['to_party', 'next_due_at'])
    .execute();
  await db.schema
    .createIndex('requests_from_party_idx')
    .on('requests')
    .columns(['from_party', 'updated_at'])
    .execute();

  await db.schema
    .createTable('request_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Insertion order: several steps can share one instant (a fake clock, or a submit with its first alert).
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('actor_party', 'text')
    .addColumn('desk_id', 'uuid', (c) => c.references('desks.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('conditions', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_history_request_idx')
    .on('request_history')
    .columns(['request_id', 'seq'])
    .execute();

  await db.schema
    .createTable('request_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('author_party', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Set for an internal note: the only party that may ever read it.
    .addColumn('internal_party', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_comments_request_idx')
    .on('request_comments')
    .columns(['request_id', 'created_at'])
    .execute();

  // Durable timers: claimed with FOR UPDATE SKIP LOCKED, so each fires once across instances and restarts.
  await db.schema
    .createTable('request_deadlines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('escalate', 'realert', 'breach', 'expire')`),
    )
    .addColumn('milestone', 'text')
    .addColumn('step', 'integer')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    // What firing did: "fired", or "moot" when the request had moved on.
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('request_deadlines_due_idx')
    .on('request_deadlines')
    .column('due_at')
    .where(sql.ref('fired_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'request_deadlines',
    'request_comments',
    'request_history',
    'requests',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop sequence request_number_seq`.execute(db);
}
