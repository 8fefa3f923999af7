import { type Kysely, sql } from 'kysely';

/**
 * Requests and reports are numbered at random among eight digits instead of
 * one after another: a reference (REQ-…, RPT-…) says nothing of how many
 * records were made between two that a reader sees, so a gap no longer counts
 * the other party's requests or the reports above one's clearance. Numbers
 * already given stay. The rare draw of a number in use is drawn again
 * (platform/db/fresh-number.ts).
 */
const RANDOM_NUMBER = sql`(floor(random() * 90000000) + 10000000)::bigint`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['requests', 'reports'])
    await sql`alter table ${sql.table(table)} alter column number set default ${RANDOM_NUMBER}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table requests alter column number set default nextval('request_number_seq')`.execute(db);
  await sql`alter table reports alter column number set default nextval('report_number_seq')`.execute(db);
}
