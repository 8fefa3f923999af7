import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';

/**
 * The reciprocity figures of working-group commitments between two parties
 * (issue 17): of the commitments each party made in a group the other belongs
 * to, raised in the period, how many were delivered (confirmed by the other
 * side) and how many are overdue now; per period and over the range (grouping
 * sets), under the access rule.
 */
export function commitmentFigures(
  db: Db,
  visible: Expression<SqlBool>,
  query: {
    a: string;
    b: string;
    period: string;
    timeZone: string;
    /** Today on the deployment's clock: what is overdue. */
    today: string;
    /** Only the commitments of these groups (by code), when given: those of a category. */
    groups?: readonly string[] | undefined;
    since?: Date | undefined;
    until?: Date | undefined;
  },
) {
  let select = db
    .selectFrom('commitments as c')
    .where(visible)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.owner_party', '=', query.a), sql<SqlBool>`${query.b} = any(c.marking_parties)`]),
        eb.and([eb('c.owner_party', '=', query.b), sql<SqlBool>`${query.a} = any(c.marking_parties)`]),
      ]),
    );
  if (query.groups)
    select = select.where(sql<SqlBool>`c.marking_groups && ${sql.val([...query.groups])}::text[]`);
  if (query.since) select = select.where('c.created_at', '>=', query.since);
  if (query.until) select = select.where('c.created_at', '<', query.until);
  // Literals, not parameters: the grouping repeats the expression, and PostgreSQL matches it by its text.
  const bucket = sql`to_char(date_trunc(${sql.lit(query.period)}, c.created_at at time zone ${sql.lit(query.timeZone)}), 'YYYY-MM-DD')`;
  return select
    .select([
      sql<string | null>`${bucket}`.as('period'),
      'c.owner_party as promised_by',
      sql<string>`count(*)`.as('promised'),
      sql<string>`count(*) filter (where c.confirmed_at is not null)`.as('delivered'),
      sql<string>`count(*) filter (where c.status in ('open', 'in-progress') and c.due_on < ${query.today}::date)`.as(
        'overdue',
      ),
    ])
    .groupBy(sql`grouping sets ((${bucket}, c.owner_party), (c.owner_party))`)
    .execute();
}
export type CommitmentFigureRow = Awaited<ReturnType<typeof commitmentFigures>>[number];
