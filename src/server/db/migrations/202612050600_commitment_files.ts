import { type Kysely, sql } from 'kysely';

/**
 * Files that show a commitment was kept (issue 16, item 4: evidence of
 * completion may be a file): uploaded by the owner's side, typed by their
 * bytes, read by whoever may read the commitment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('commitment_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('uploader_party', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    // Sniffed from the content, never taken from the client.
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commitment_files_commitment_idx')
    .on('commitment_files')
    .column('commitment_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('commitment_files').execute();
}
