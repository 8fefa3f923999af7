import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';

/**
 * Full-text search over commitments (what was promised, what "done" means,
 * the evidence given) for the search module; never their notes, whose
 * internal ones belong to one party. `visible` (over `c`) is the access
 * rule's SQL face for the searcher.
 */
export function commitmentHits(
  db: Db,
  visible: Expression<SqlBool>,
  search: {
    query: RawBuilder<unknown>;
    headline: string;
    limit: number;
    level?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  const text = sql<string>`c.title || ' ' || c.done_means || ' ' || coalesce(c.evidence_text, '')`;
  const document = sql`(to_tsvector('english', ${text}) || to_tsvector('arabic', ${text}) || to_tsvector('simple', ${text}))`;
  let select = db.selectFrom('commitments as c').where(visible);
  if (search.level) select = select.where('c.marking_level', '=', search.level);
  if (search.from) select = select.where(sql<SqlBool>`c.due_on >= ${search.from}::date`);
  if (search.to) select = select.where(sql<SqlBool>`c.due_on <= ${search.to}::date`);
  return select
    .select([
      'c.id',
      'c.id as parent_id',
      // The group's code is the commitment's need-to-know group.
      sql<string>`c.marking_groups[1] || ' · ' || c.due_on::text`.as('number'),
      'c.title',
      sql<string>`c.due_on::text`.as('date'),
      sql<number>`ts_rank(${document}, ${search.query})`.as('rank'),
      sql<string>`ts_headline('simple', ${text}, ${search.query}, ${search.headline})`.as('headline'),
      'c.marking_level',
      'c.marking_caveats',
      'c.marking_rel_to',
      'c.marking_parties',
      'c.marking_groups',
    ])
    .where(sql<SqlBool>`${document} @@ ${search.query}`)
    .orderBy('rank', 'desc')
    .limit(search.limit)
    .execute();
}
