import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** The directory: units, gazetteer, desks, need-to-know groups, rosters, and the first marked record (handover notes). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('parties')
    .addColumn('colour', 'text', (c) => c.notNull().defaultTo('#5c5f66'))
    .addColumn('nationalities', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await named(db.schema.createTable('units'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('parent_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await named(db.schema.createTable('districts'))
    .addColumn('parent_id', 'uuid', (c) => c.references('districts.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('geometry', 'jsonb')
    .execute();

  await named(db.schema.createTable('desks'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('district_id', 'uuid', (c) => c.references('districts.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id').onDelete('set null'))
    .addColumn('phone', 'text')
    .addColumn('counterpart_id', 'uuid', (c) => c.references('desks.id').onDelete('set null'))
    .execute();

  await named(db.schema.createTable('groups'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('working-group', 'need-to-know')`))
    .addColumn('parties', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('description', 'jsonb')
    .execute();

  // Codes are unique without regard to case: "hebron" and "HEBRON" would be one place to people.
  for (const table of ['units', 'districts', 'desks', 'groups']) {
    await db.schema.createIndex(`${table}_code_ci`).on(table).unique().expression(sql`lower(code)`).execute();
  }

  await db.schema
    .alterTable('users')
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id').onDelete('set null'))
    .execute();

  for (const [table, column, target] of [
    ['desk_members', 'desk_id', 'desks.id'],
    ['group_members', 'group_id', 'groups.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(column, 'uuid', (c) => c.notNull().references(target).onDelete('cascade'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, [column, 'user_id'])
      .execute();
    await db.schema.createIndex(`${table}_user_idx`).on(table).column('user_id').execute();
  }

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('desk_id', 'uuid', (c) => c.notNull().references('desks.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('duty_shifts_order', sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createIndex('duty_shifts_desk_idx')
    .on('duty_shifts')
    .columns(['desk_id', 'ends_at'])
    .execute();

  await db.schema
    .createTable('handover_notes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('desk_id', 'uuid', (c) => c.notNull().references('desks.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .$call(markingColumns)
    .execute();
  await db.schema
    .createIndex('handover_notes_desk_idx')
    .on('handover_notes')
    .columns(['desk_id', 'created_at'])
    .execute();
}

/** The columns the access rule reads (src/core/access); every marked table has them. */
export function markingColumns<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table
    .addColumn('marking_level', 'text', (c) => c.notNull())
    .addColumn('marking_caveats', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`, (c) => c.notNull())
    .addColumn('marking_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`));
}

/** Directory entries share an identity: a uuid, a unique code, names in the three languages, timestamps. */
function named<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_he', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['handover_notes', 'duty_shifts', 'group_members', 'desk_members']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('unit_id').execute();
  for (const table of ['groups', 'desks', 'districts', 'units']) await db.schema.dropTable(table).execute();
  await db.schema
    .alterTable('parties')
    .dropColumn('colour')
    .dropColumn('nationalities')
    .dropColumn('updated_at')
    .execute();
}
