import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { ExchangeKind, Period } from '../../../core/exchanges/ledger';
import type { Marking } from '../../../core/marking/marking';
import type { Db, Tx } from '../../platform/db/database';
import type { InformationExchangesTable } from '../../platform/db/schema';
import { markingToColumns } from '../../platform/marked-records';

/**
 * Kysely queries on the ledger. No policy here: what a viewer may count is
 * passed in (`visible`, over `e`); the capabilities write through
 * `recordExchange` inside their own transaction.
 */

type Queryable = Db | Tx;

/** What a capability writes: the exchange, marked as the record it points to. */
export type ExchangeRecord = Omit<
  Insertable<InformationExchangesTable>,
  'marking_level' | 'marking_caveats' | 'marking_rel_to' | 'marking_parties' | 'marking_groups'
> & { kind: ExchangeKind; marking: Marking };

/** Writes an item on the ledger (see record-exchange.ts, which the capabilities call). */
export async function insertExchange(tx: Tx, { marking, ...exchange }: ExchangeRecord): Promise<string> {
  const { id } = await tx
    .insertInto('information_exchanges')
    .values({ ...exchange, ...markingToColumns(marking) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** What narrows the ledger. */
export interface ExchangeFilter {
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  /** Instants: since (inclusive), until (exclusive). */
  since?: Date | undefined;
  until?: Date | undefined;
}

/** Records neither cancelled by a correction nor corrections themselves: what the measures count. */
const standing = sql<SqlBool>`e.cancels is null and not exists (
  select 1 from information_exchanges as c where c.cancels = e.id)`;

function filtered(q: Queryable, visible: Expression<SqlBool>, filter: ExchangeFilter) {
  let query = q.selectFrom('information_exchanges as e').where(visible);
  if (filter.from) query = query.where('e.from_party', '=', filter.from);
  if (filter.to) query = query.where('e.to_party', '=', filter.to);
  if (filter.category) query = query.where('e.category', '=', filter.category);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind as ExchangeKind);
  if (filter.since) query = query.where('e.at', '>=', filter.since);
  if (filter.until) query = query.where('e.at', '<', filter.until);
  return query;
}

const COLUMNS = [
  'e.id',
  'e.from_party',
  'e.to_party',
  'e.through_party',
  'e.kind',
  'e.category',
  'e.subject_type',
  'e.subject_id',
  'e.source_type',
  'e.source_id',
  'e.cancels',
  'e.at',
  'e.marking_level',
  'e.marking_caveats',
  'e.marking_rel_to',
  'e.marking_parties',
  'e.marking_groups',
] as const;

/** A page of the ledger, newest first (keyset: before the given time and id), and how many match. */
export async function exchangesPage(
  q: Queryable,
  visible: Expression<SqlBool>,
  filter: ExchangeFilter,
  page: { limit: number; before?: { at: Date; id: string } | undefined },
) {
  let items = filtered(q, visible, filter).select(COLUMNS);
  if (page.before) {
    const { at, id } = page.before;
    items = items.where((eb) =>
      eb.or([eb('e.at', '<', at), eb.and([eb('e.at', '=', at), eb('e.id', '<', id)])]),
    );
  }
  const [rows, total] = await Promise.all([
    items.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(page.limit).execute(),
    filtered(q, visible, filter).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type ExchangeRow = Awaited<ReturnType<typeof exchangesPage>>['rows'][number];

/**
 * Items each way between two parties per period (in the deployment's time
 * zone), counting only standing records the viewer may see: one query, the
 * access rule inside it.
 */
export function pairCounts(
  q: Queryable,
  visible: Expression<SqlBool>,
  pair: { a: string; b: string },
  filter: Omit<ExchangeFilter, 'from' | 'to'> & { period: Period; timeZone: string },
) {
  const bucket = sql<string>`to_char(date_trunc(${filter.period}, e.at at time zone ${filter.timeZone}), 'YYYY-MM-DD')`;
  return filtered(q, visible, filter)
    .where(standing)
    .where((eb) =>
      eb.or([
        eb.and([eb('e.from_party', '=', pair.a), eb('e.to_party', '=', pair.b)]),
        eb.and([eb('e.from_party', '=', pair.b), eb('e.to_party', '=', pair.a)]),
      ]),
    )
    .select([
      bucket.as('period'),
      sql<string>`count(*) filter (where e.from_party = ${pair.a})`.as('a_to_b'),
      sql<string>`count(*) filter (where e.from_party = ${pair.b})`.as('b_to_a'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}

/** Within what `rule` admits (over `e`), the records `party` sent, received or passed on. */
export const ofParty = (rule: Expression<SqlBool>, party: string | null): Expression<SqlBool> =>
  party === null
    ? sql<SqlBool>`false`
    : sql<SqlBool>`(${rule} and ${party} in (e.from_party, e.to_party, coalesce(e.through_party, '')))`;

/** The distinct markings of the standing records between the pair the viewer may count: what a banner combines. */
export function pairMarkings(
  q: Queryable,
  visible: Expression<SqlBool>,
  pair: { a: string; b: string },
  filter: Omit<ExchangeFilter, 'from' | 'to'>,
) {
  return filtered(q, visible, filter)
    .where(standing)
    .where((eb) =>
      eb.or([
        eb.and([eb('e.from_party', '=', pair.a), eb('e.to_party', '=', pair.b)]),
        eb.and([eb('e.from_party', '=', pair.b), eb('e.to_party', '=', pair.a)]),
      ]),
    )
    .select([
      'e.marking_level',
      'e.marking_caveats',
      'e.marking_rel_to',
      'e.marking_parties',
      'e.marking_groups',
    ])
    .distinct()
    .execute();
}

/** One record of the ledger: who may count it is decided on its parties and marking. */
export function exchangeById(q: Queryable, id: string) {
  return q.selectFrom('information_exchanges as e').select(COLUMNS).where('e.id', '=', id).executeTakeFirst();
}
