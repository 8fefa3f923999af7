import { type Kysely, sql } from 'kysely';

/**
 * Working groups as workspaces (issue 16): a group's scope in three
 * languages and the level its records are marked at least; its chairs (one
 * per party) and the coordinator's secretary. The directory stays the source
 * of who belongs (group_members); this says who leads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').addColumn('scope', 'jsonb').addColumn('level', 'text').execute();
  await db.schema
    .createTable('working_group_roles')
    .addColumn('group_id', 'uuid', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair', 'secretary')`))
    /** The party a chair speaks for; one chair per party. */
    .addColumn('party', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('working_group_roles_pk', ['group_id', 'user_id'])
    .execute();
  await sql`create unique index working_group_roles_one_chair_per_party
    on working_group_roles (group_id, party) where role = 'chair'`.execute(db);
  await sql`create unique index working_group_roles_one_secretary
    on working_group_roles (group_id) where role = 'secretary'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('working_group_roles').execute();
  await db.schema.alterTable('groups').dropColumn('scope').dropColumn('level').execute();
}
