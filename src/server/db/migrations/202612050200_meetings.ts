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
 * Meetings of working groups (issue 16, item 2): when and where, in which
 * time zone, marked at least at the group's marking; their agenda items;
 * an invitation per member with the response and the attendance. The
 * sequence rises on every move and cancellation (RFC 5545 SEQUENCE), so
 * calendars that hold the meeting replace it. Calendar feeds (item 5) read
 * through a secret per user, stored only as its digest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await marked(
    db.schema
      .createTable('meetings')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('group_id', 'uuid', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
      /** An IANA zone (Asia/Jerusalem): the wall-clock time the meeting was set in. */
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('call_link', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'cancelled')`),
      )
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('meetings_ends_after_start', sql`ends_at > starts_at`),
  ).execute();
  await db.schema
    .createIndex('meetings_group_idx')
    .on('meetings')
    .columns(['group_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('notes', 'text')
    .addUniqueConstraint('meeting_agenda_items_position', ['meeting_id', 'position'])
    .execute();

  await db.schema
    .createTable('meeting_invitations')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The party the invited person speaks for (null for someone of no party). */
    .addColumn('party', 'text')
    .addColumn('response', 'text', (c) =>
      c
        .notNull()
        .defaultTo('needs-action')
        .check(sql`response in ('needs-action', 'accepted', 'declined', 'tentative')`),
    )
    .addColumn('responded_at', 'timestamptz')
    .addColumn('attendance', 'text', (c) => c.check(sql`attendance in ('present', 'absent', 'excused')`))
    .addPrimaryKeyConstraint('meeting_invitations_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('meeting_invitations_user_idx')
    .on('meeting_invitations')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('calendar_tokens')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    /** SHA-256 of the secret in the feed's URL; the secret itself is shown once. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A notification may be about a meeting: moved or cancelled.
  await db.schema
    .alterTable('notifications')
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(request_id, channel_id, report_id, submission_id, meeting_id) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where meeting_id is not null`.execute(db);
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema.alterTable('notifications').dropColumn('meeting_id').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(request_id, channel_id, report_id, submission_id) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
  await db.schema.dropTable('calendar_tokens').execute();
  await db.schema.dropTable('meeting_invitations').execute();
  await db.schema.dropTable('meeting_agenda_items').execute();
  await db.schema.dropTable('meetings').execute();
}
