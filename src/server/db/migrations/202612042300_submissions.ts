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
 * Submissions: what a party hands the coordinator for onward release, portion
 * by portion, each with its release instruction. A consent is the originating
 * party's supervisor's yes or no to one release that needs it. A release of a
 * submission is a report release (the receiving party reads it the same way)
 * made from the submission instead of a report, and the exchange it records
 * names the party it went through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await marked(
    db.schema
      .createTable('submissions')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('number', 'bigint', (c) =>
        // Drawn at random among eight digits, as requests and reports are: a reference counts nothing.
        c.notNull().unique().defaultTo(sql`(floor(random() * 90000000) + 10000000)::bigint`),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
      // The party that owns what it says, and the coordinator it is addressed to: no one else reads it.
      .addColumn('owner_party', 'text', (c) => c.notNull())
      .addColumn('coordinator_party', 'text', (c) => c.notNull())
      .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('submissions_owner_idx')
    .on('submissions')
    .columns(['owner_party', 'updated_at'])
    .execute();

  await marked(
    db.schema
      .createTable('submission_portions')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('heading', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('instruction', 'text', (c) =>
        c
          .notNull()
          .check(sql`instruction in ('not-releasable', 'releasable-to', 'releasable-after-consent')`),
      )
      .addColumn('instruction_party', 'text')
      .addCheckConstraint(
        'submission_portions_instruction_party',
        sql`(instruction = 'not-releasable') = (instruction_party is null)`,
      )
      .addUniqueConstraint('submission_portions_position', ['submission_id', 'position']),
  ).execute();

  await marked(
    db.schema
      .createTable('consents')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
      .addColumn('owner_party', 'text', (c) => c.notNull())
      .addColumn('coordinator_party', 'text', (c) => c.notNull())
      .addColumn('release_to', 'text', (c) => c.notNull())
      .addColumn('portions', sql`uuid[]`, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'approved', 'refused')`),
      )
      .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('decided_at', 'timestamptz')
      .addColumn('decision_note', 'text')
      .addColumn('release_id', 'uuid', (c) => c.references('report_releases.id'))
      .addCheckConstraint(
        'consents_decided',
        sql`(status = 'pending') = (decided_by is null) and (status = 'approved') = (release_id is not null)`,
      ),
  ).execute();
  await db.schema
    .createIndex('consents_pending_idx')
    .on('consents')
    .columns(['status', 'requested_at'])
    .execute();

  // A release is made from a report or from a submission, never both.
  await sql`alter table report_releases alter column report_id drop not null`.execute(db);
  await db.schema
    .alterTable('report_releases')
    .addColumn('submission_id', 'uuid', (c) => c.references('submissions.id'))
    .addColumn('origin_party', 'text')
    .execute();
  await db.schema
    .alterTable('report_releases')
    .addCheckConstraint('report_releases_one_source', sql`num_nonnulls(report_id, submission_id) = 1`)
    .execute();
  // Which portion of the submission a released paragraph copies, for the originator's view.
  await db.schema.alterTable('release_paragraphs').addColumn('source_portion_id', 'uuid').execute();
  // A report paragraph extracted from a submission keeps its portion: the portion's release instruction binds the report's releases too.
  await db.schema
    .alterTable('report_paragraphs')
    .addColumn('source_portion_id', 'uuid', (c) =>
      c.references('submission_portions.id').onDelete('set null'),
    )
    .execute();

  // An exchange through the coordinator names it, and the record it came from.
  await db.schema
    .alterTable('information_exchanges')
    .addColumn('through_party', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'uuid')
    .execute();

  // A notification may be about a submission: a consent asked for, or decided.
  await db.schema
    .alterTable('notifications')
    .addColumn('submission_id', 'uuid', (c) => c.references('submissions.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(request_id, channel_id, report_id, submission_id) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where submission_id is not null`.execute(db);
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema.alterTable('notifications').dropColumn('submission_id').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(request_id, channel_id, report_id) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
  await sql`delete from information_exchanges where source_type = 'submission'`.execute(db);
  for (const column of ['through_party', 'source_type', 'source_id'])
    await db.schema.alterTable('information_exchanges').dropColumn(column).execute();
  await db.schema.alterTable('release_paragraphs').dropColumn('source_portion_id').execute();
  await db.schema.alterTable('report_paragraphs').dropColumn('source_portion_id').execute();
  await db.schema.dropTable('consents').execute();
  await sql`delete from report_releases where submission_id is not null`.execute(db);
  await db.schema.alterTable('report_releases').dropConstraint('report_releases_one_source').execute();
  await db.schema
    .alterTable('report_releases')
    .dropColumn('submission_id')
    .dropColumn('origin_party')
    .execute();
  await sql`alter table report_releases alter column report_id set not null`.execute(db);
  await db.schema.dropTable('submission_portions').execute();
  await db.schema.dropTable('submissions').execute();
}
