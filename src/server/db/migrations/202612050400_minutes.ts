import { type Kysely, sql } from 'kysely';

/**
 * Minutes of working-group meetings (issue 16, item 3): every save is a new
 * version (sections as written, and the digest of their exact text); each
 * party's chair signs one version by its digest; the minutes are signed once
 * every party signed the current version, and read-only from then on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minutes')
    .addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'circulated', 'signed')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('minutes_versions')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('minutes.meeting_id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sections', 'jsonb', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('written_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('written_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_versions_pk', ['meeting_id', 'version'])
    .execute();
  await db.schema
    .createTable('minutes_signatures')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_signatures_pk', ['meeting_id', 'version', 'party'])
    .addForeignKeyConstraint(
      'minutes_signatures_version_fk',
      ['meeting_id', 'version'],
      'minutes_versions',
      ['meeting_id', 'version'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['minutes_signatures', 'minutes_versions', 'minutes'])
    await db.schema.dropTable(table).execute();
}
