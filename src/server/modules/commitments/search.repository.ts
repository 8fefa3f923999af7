import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { hebrewVariants } from '../../../core/search/search-text';
import type { Db, Tx } from '../../platform/db/database';

/**
 * The search document of commitments (what was promised, what "done" means,
 * the evidence given; never their notes, whose internal ones belong to one
 * party), written with them and read by the search module (migration
 * 202612051000_working_group_search). No policy here: `visible` (over `c`)
 * is the access rule's SQL face for the searcher.
 */

/** What a commitment is indexed by besides its words: their Hebrew forms without prefixes. */
export const commitmentExtra = (words: {
  title: string;
  done_means: string;
  evidence_text?: string | null;
}) => hebrewVariants(`${words.title} ${words.done_means} ${words.evidence_text ?? ''}`);

/** Keeps a commitment's document in step with its words: call after any of them changes. */
export async function indexCommitment(tx: Tx, id: string) {
  const row = await tx
    .selectFrom('commitments')
    .select(['title', 'done_means', 'evidence_text'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row)
    await tx
      .updateTable('commitments')
      .set({ search_extra: commitmentExtra(row) })
      .where('id', '=', id)
      .execute();
}

/** Commitments whose words hold the query, best first; dates are due dates. */
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
  const text = sql<string>`concat_ws(' — ', c.title, c.done_means, nullif(c.evidence_text, ''))`;
  let select = db
    .selectFrom('commitments as c')
    .select([
      'c.id',
      'c.id as parent_id',
      'c.group_id',
      'c.title',
      sql<string>`c.due_on::text`.as('date'),
      sql<number>`ts_rank(c.search_document, ${search.query})`.as('rank'),
      sql<string>`ts_headline('simple', ${text}, ${search.query}, ${search.headline})`.as('headline'),
      'c.marking_level',
      'c.marking_caveats',
      'c.marking_rel_to',
      'c.marking_parties',
      'c.marking_groups',
    ])
    .where(sql<SqlBool>`c.search_document @@ ${search.query}`)
    .where(visible);
  if (search.level) select = select.where('c.marking_level', '=', search.level);
  if (search.from) select = select.where(sql<SqlBool>`c.due_on >= ${search.from}::date`);
  if (search.to) select = select.where(sql<SqlBool>`c.due_on <= ${search.to}::date`);
  return select.orderBy('rank', 'desc').orderBy('c.due_on').limit(search.limit).execute();
}
