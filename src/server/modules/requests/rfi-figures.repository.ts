import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';

/**
 * The reciprocity figures of requests for information between two parties
 * (issue 17): asked and answered each way, how long acknowledging and
 * answering took (median and 90th percentile, in minutes), and how many were
 * answered within their deadline; per period of submission and over the whole
 * range (one query: grouping sets), under the caller's request visibility.
 */
export function rfiFigures(
  db: Db,
  visible: Expression<SqlBool>,
  query: {
    a: string;
    b: string;
    /** The request types answered with information (ledger: answer). */
    types: readonly string[];
    period: string;
    timeZone: string;
    since?: Date | undefined;
    until?: Date | undefined;
  },
) {
  if (query.types.length === 0) return Promise.resolve([]);
  const minutes = (from: string, to: string) =>
    sql`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 60`;
  const answered = sql<SqlBool>`r.responded_at is not null and r.status <> 'denied'`;
  let select = db
    .selectFrom('requests as r')
    .where(visible)
    .where('r.type_code', 'in', [...query.types])
    .where('r.submitted_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.from_party', '=', query.a), eb('r.to_party', '=', query.b)]),
        eb.and([eb('r.from_party', '=', query.b), eb('r.to_party', '=', query.a)]),
      ]),
    );
  if (query.since) select = select.where('r.submitted_at', '>=', query.since);
  if (query.until) select = select.where('r.submitted_at', '<', query.until);
  // Literals, not parameters: the grouping repeats the expression, and PostgreSQL matches it by its text.
  const bucket = sql`to_char(date_trunc(${sql.lit(query.period)}, r.submitted_at at time zone ${sql.lit(query.timeZone)}), 'YYYY-MM-DD')`;
  const percentile = (fraction: number, from: string, to: string) =>
    sql<number | null>`percentile_cont(${fraction}) within group (order by ${minutes(from, to)})`;
  return select
    .select([
      sql<string | null>`${bucket}`.as('period'),
      'r.from_party as asked_by',
      sql<string>`count(*)`.as('asked'),
      sql<string>`count(*) filter (where ${answered})`.as('answered'),
      sql<string>`count(*) filter (where ${answered} and r.responded_at <= r.respond_due_at)`.as('on_time'),
      percentile(0.5, 'r.submitted_at', 'r.acknowledged_at').as('acknowledge_median'),
      percentile(0.9, 'r.submitted_at', 'r.acknowledged_at').as('acknowledge_p90'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${minutes('r.submitted_at', 'r.responded_at')}) filter (where ${answered})`.as(
        'answer_median',
      ),
      sql<
        number | null
      >`percentile_cont(0.9) within group (order by ${minutes('r.submitted_at', 'r.responded_at')}) filter (where ${answered})`.as(
        'answer_p90',
      ),
    ])
    .groupBy(sql`grouping sets ((${bucket}, r.from_party), (r.from_party))`)
    .execute();
}
export type RfiFigureRow = Awaited<ReturnType<typeof rfiFigures>>[number];
