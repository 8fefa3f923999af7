import { type Kysely, sql } from 'kysely';

/**
 * The tamper-evident audit log and its signed checkpoints. The chain (each
 * entry's hash covers the previous entry's hash) is what proves tampering; the
 * guard below only stops UPDATE, DELETE and TRUNCATE by anyone who is not
 * willing to switch it off first, which a superuser can.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sha256Hex = (column: string) => sql.raw(`${column} ~ '^[0-9a-f]{64}$'`);

  await db.schema
    .createTable('audit_log')
    // Assigned by the writer, under a lock: 1, 2, 3… without gaps, so a missing number is a removed entry.
    .addColumn('seq', 'bigint', (c) => c.primaryKey().check(sql`seq > 0`))
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_username', 'text', (c) => c.notNull())
    .addColumn('actor_party', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('before_digest', 'text', (c) => c.check(sha256Hex('before_digest')))
    .addColumn('after_digest', 'text', (c) => c.check(sha256Hex('after_digest')))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The marking of the record the entry is about, so the access rule can filter the audit view.
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('marking_rel_to', sql`text[]`) // null: no REL TO restriction
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('prev_hash', 'text', (c) => c.notNull().check(sha256Hex('prev_hash')))
    .addColumn('hash', 'text', (c) => c.notNull().check(sha256Hex('hash')))
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema.createIndex('audit_log_occurred_at_idx').on('audit_log').column('occurred_at').execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull().check(sha256Hex('head_hash')))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_seq_idx').on('audit_checkpoints').column('seq').execute();

  // The guard: one function for both tables; a row trigger for UPDATE and DELETE, a statement trigger for TRUNCATE.
  await sql`
    create function audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'The audit log is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  for (const table of ['audit_log', 'audit_checkpoints']) {
    await sql`create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.table(table)}
      for each row execute function audit_append_only()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function audit_append_only()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function audit_append_only()`.execute(db);
}
