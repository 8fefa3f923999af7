import { type Kysely, sql } from 'kysely';

/**
 * Version history and review of reports, and the search index of their paragraphs. Every version is kept whole: the
 * header under its own marking, and the paragraphs each with theirs (as
 * JSON: they are read back whole and filtered portion by portion). The last
 * review step (submitted, approved, returned) is kept on the report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_versions')
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('created', 'imported', 'edited')`))
    .addColumn('by_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull())
    .addColumn('report_date', 'date', (c) => c.notNull())
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull())
    .addColumn('paragraphs', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_versions_pk', ['report_id', 'version'])
    .execute();

  await db.schema
    .alterTable('reports')
    .addColumn('review_step', 'text', (c) =>
      c.check(sql`review_step in ('submitted', 'approved', 'returned')`),
    )
    .addColumn('review_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('review_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .execute();

  // What search matches a paragraph against, kept beside it and indexed, so a search over tens of
  // thousands of reports does not read them all: English and Arabic stemmed, and as written (Hebrew,
  // names), with the Hebrew words without their prefixes (search_extra).
  for (const table of ['report_paragraphs', 'release_paragraphs']) {
    if (table === 'release_paragraphs')
      await db.schema
        .alterTable(table)
        .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    await sql`
      alter table ${sql.table(table)} add column search_document tsvector generated always as (
        to_tsvector('english', body) || to_tsvector('arabic', body)
        || to_tsvector('simple', coalesce(heading, '') || ' ' || body || ' ' || search_extra)
      ) stored`.execute(db);
    await sql`create index ${sql.id(`${table}_search_idx`)} on ${sql.table(table)} using gin (search_document)`.execute(
      db,
    );
  }

  // Reports written before versions were kept get their current state as version 1.
  await sql`
    insert into report_versions (report_id, version, change, by_id, at, title, subject, tags, report_date,
      marking_level, marking_caveats, marking_rel_to, marking_parties, marking_groups, paragraphs)
    select r.id, r.version, case when r.source_key is null then 'created' else 'imported' end, r.author_id,
      r.updated_at, r.title, r.subject, r.tags, r.report_date, r.marking_level, r.marking_caveats,
      r.marking_rel_to, r.marking_parties, r.marking_groups,
      coalesce((select jsonb_agg(jsonb_build_object('heading', p.heading, 'text', p.body, 'marking',
        jsonb_build_object('level', p.marking_level, 'caveats', p.marking_caveats, 'relTo', p.marking_rel_to,
          'parties', p.marking_parties, 'groups', p.marking_groups)) order by p.position)
        from report_paragraphs p where p.report_id = r.id), '[]'::jsonb)
    from reports r`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_paragraphs').dropColumn('search_document').execute();
  await db.schema
    .alterTable('release_paragraphs')
    .dropColumn('search_document')
    .dropColumn('search_extra')
    .execute();
  await db.schema.dropTable('report_versions').execute();
  for (const column of ['review_step', 'review_by', 'review_at', 'review_note'])
    await db.schema.alterTable('reports').dropColumn(column).execute();
}
