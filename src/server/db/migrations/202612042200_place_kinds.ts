import { type Kysely, sql } from 'kysely';

/**
 * The gazetteer gains kinds (governorate, area, refugee camp, crossing,
 * liaison office) and, with each geometry, the public source its coordinates
 * were taken from. Existing places keep their codes and ids (requests and
 * desks point at them): top-level ones become governorates, areas stay areas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('districts')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('governorate')
        .check(sql`kind in ('governorate', 'area', 'refugee-camp', 'crossing', 'liaison-office')`),
    )
    .addColumn('source', 'jsonb')
    .execute();
  await sql`update districts set kind = 'area' where parent_id is not null`.execute(db);
  await db.schema.createIndex('districts_kind_idx').on('districts').column('kind').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('districts_kind_idx').execute();
  await db.schema.alterTable('districts').dropColumn('source').dropColumn('kind').execute();
}
