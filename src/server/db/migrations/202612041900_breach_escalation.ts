import { type Kysely, sql } from 'kysely';

/**
 * A missed deadline now starts timers of its own, one per step of the request
 * type's breach policy (who hears, and when): kind `breach-escalate`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request_deadlines drop constraint request_deadlines_kind_check`.execute(db);
  await sql`alter table request_deadlines add constraint request_deadlines_kind_check
    check (kind in ('escalate', 'realert', 'breach', 'breach-escalate', 'expire'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from request_deadlines where kind = 'breach-escalate'`.execute(db);
  await sql`alter table request_deadlines drop constraint request_deadlines_kind_check`.execute(db);
  await sql`alter table request_deadlines add constraint request_deadlines_kind_check
    check (kind in ('escalate', 'realert', 'breach', 'expire'))`.execute(db);
}
