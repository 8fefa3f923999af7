import { type Kysely, sql } from 'kysely';

/** A notification may also be about a report: one submitted for review, approved or returned. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .addColumn('report_id', 'uuid', (c) => c.references('reports.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`num_nonnulls(request_id, channel_id, report_id) = 1 and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notifications where report_id is not null`.execute(db);
  await db.schema.alterTable('notifications').dropConstraint('notifications_about_one_record').execute();
  await db.schema.alterTable('notifications').dropColumn('report_id').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_about_one_record',
      sql`(request_id is null) <> (channel_id is null) and (channel_id is null) = (channel_seq is null)`,
    )
    .execute();
}
