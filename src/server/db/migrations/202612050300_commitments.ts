import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

function marked<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`));
}

/** The columns of `notifications` that name what one is about, besides the channel's sequence number. */
async function aboutColumns(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'notifications' and table_schema = current_schema()
      and right(column_name, 3) = '_id' and column_name not in ('id', 'user_id')`.execute(db);
  return rows.map((row) => row.column_name).sort();
}

async function aboutOneRecord(db: Kysely<unknown>) {
  const columns = await aboutColumns(db);
  // Dropping a column drops the constraint with it: it may be gone already.
  await sql`alter table notifications drop constraint if exists notifications_about_one_record`.execute(db);
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(${sql.join(columns.map((column) => sql.ref(column)))}) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}

/**
 * Commitments of working groups (issue 16, item 4): who promised what, by
 * when, what "done" means, the evidence of delivery and the other side's
 * confirmation; notes (internal ones kept to their party), and durable
 * reminders (3 days and 1 day before the due date, and when overdue), each a
 * row claimed once across instances like request deadlines. A commitment is
 * marked at least as its group is, for its parties and its need-to-know group.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await marked(
    db.schema
      .createTable('commitments')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('group_id', 'uuid', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      // The meeting it was raised in, if any (the meetings module's record).
      .addColumn('meeting_id', 'uuid')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('done_means', 'text', (c) => c.notNull())
      .addColumn('owner_party', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('due_on', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('open', 'in-progress', 'done', 'dropped')`),
      )
      .addColumn('drop_reason', 'text')
      .addColumn('evidence_text', 'text')
      .addColumn('evidence_kind', 'text', (c) => c.check(sql`evidence_kind in ('request', 'report')`))
      .addColumn('evidence_id', 'uuid')
      .addColumn('completed_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('completed_at', 'timestamptz')
      .addColumn('confirmed_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('confirmed_at', 'timestamptz')
      .addColumn('raised_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint(
        'commitments_confirmed_when_done',
        sql`confirmed_at is null or (status = 'done' and completed_at is not null)`,
      ),
  ).execute();
  await db.schema
    .createIndex('commitments_group_idx')
    .on('commitments')
    .columns(['group_id', 'due_on'])
    .execute();
  await db.schema
    .createIndex('commitments_owner_idx')
    .on('commitments')
    .columns(['owner_party', 'due_on'])
    .execute();

  await db.schema
    .createTable('commitment_notes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('author_party', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    // Kept to this party (src/core/requests/visibility.ts, internalRule); null: the whole group reads it.
    .addColumn('internal_party', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commitment_notes_commitment_idx')
    .on('commitment_notes')
    .columns(['commitment_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('commitment_reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('due-in-3', 'due-in-1', 'overdue')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    // What firing did: "fired", or "moot" when the commitment had moved on.
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('commitment_reminders_due_idx')
    .on('commitment_reminders')
    .column('due_at')
    .where(sql.ref('fired_at'), 'is', null)
    .execute();

  // A notification may be about a commitment: a reminder, or a delivery to confirm.
  await db.schema
    .alterTable('notifications')
    .addColumn('commitment_id', 'uuid', (c) => c.references('commitments.id').onDelete('cascade'))
    .execute();
  await aboutOneRecord(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where commitment_id is not null`.execute(db);
  await db.schema.alterTable('notifications').dropColumn('commitment_id').execute();
  await aboutOneRecord(db);
  await sql`delete from information_exchanges where source_type = 'commitment'`.execute(db);
  await db.schema.dropTable('commitment_reminders').execute();
  await db.schema.dropTable('commitment_notes').execute();
  await db.schema.dropTable('commitments').execute();
}
