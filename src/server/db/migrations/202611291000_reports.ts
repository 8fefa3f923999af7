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
 * Reports with portion markings. The header (title, subject, tags, the
 * classification authority block) is marked on its own; each paragraph
 * carries its own marking; the banner is never stored, always computed from
 * the portions a reader may see.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Reports name organisations as people write them ("INP", "PA Civil Police"): the directory keeps those names too.
  for (const table of ['parties', 'units'])
    await db.schema
      .alterTable(table)
      .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .execute();
  await sql`create sequence report_number_seq`.execute(db);
  await marked(
    db.schema
      .createTable('reports')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('number', 'bigint', (c) => c.notNull().unique().defaultTo(sql`nextval('report_number_seq')`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('report_date', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'review', 'published')`))
      .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
      .addColumn('author_party', 'text', (c) => c.notNull())
      .addColumn('classified_by', 'text')
      .addColumn('reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('declassify_on', 'date')
      // For imported cables: "JERUSALEM 000286"; the same cable imported twice is one report.
      .addColumn('source_key', 'text', (c) => c.unique())
      .addColumn('source', 'jsonb')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('reports_date_idx').on('reports').columns(['report_date', 'number']).execute();

  await marked(
    db.schema
      .createTable('report_paragraphs')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer')
      .addColumn('heading', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      // Indexed beside the body: its Hebrew words without their prefixes (src/core/search/search-text.ts).
      .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('anchor', 'text')
      .addUniqueConstraint('report_paragraphs_position', ['report_id', 'position']),
  ).execute();

  // A release is a frozen copy of what one party may see of a report, made when it was released.
  await marked(
    db.schema
      .createTable('report_releases')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
      .addColumn('report_version', 'integer', (c) => c.notNull())
      .addColumn('to_party', 'text', (c) => c.notNull())
      .addColumn('from_party', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('tags', sql`text[]`, (c) => c.notNull())
      .addColumn('report_date', 'date', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('released_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('released_at', 'timestamptz', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('report_releases_to_idx')
    .on('report_releases')
    .columns(['to_party', 'released_at'])
    .execute();
  await marked(
    db.schema
      .createTable('release_paragraphs')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('release_id', 'uuid', (c) =>
        c.notNull().references('report_releases.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer')
      .addColumn('heading', 'text')
      .addColumn('body', 'text', (c) => c.notNull()),
  ).execute();

  // What passed between whom, and when: the reciprocity measures count these.
  await db.schema
    .createTable('information_exchanges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('from_party', 'text', (c) => c.notNull())
    .addColumn('to_party', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('organisation', 'person', 'place', 'other')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower case, single spaces: "PA Civil Police" and "PA  civil police" are one entity.
    .addColumn('normalized', 'text', (c) => c.notNull())
    // The directory entry the name matched, if any: a party, unit or district.
    .addColumn('linked_type', 'text', (c) => c.check(sql`linked_type in ('party', 'unit', 'district')`))
    .addColumn('linked_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('entities_kind_name', ['kind', 'normalized'])
    .execute();

  await db.schema
    .createTable('entity_mentions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('entity_id', 'uuid', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('paragraph_id', 'uuid', (c) =>
      c.notNull().references('report_paragraphs.id').onDelete('cascade'),
    )
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('entity_mentions_entity_idx')
    .on('entity_mentions')
    .column('entity_id')
    .execute();
  await db.schema
    .createIndex('entity_mentions_paragraph_idx')
    .on('entity_mentions')
    .column('paragraph_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'entity_mentions',
    'entities',
    'information_exchanges',
    'release_paragraphs',
    'report_releases',
    'report_paragraphs',
    'reports',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop sequence report_number_seq`.execute(db);
  for (const table of ['parties', 'units']) await db.schema.alterTable(table).dropColumn('aliases').execute();
}
