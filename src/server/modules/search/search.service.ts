import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { searchQuerySchema } from '../../../core/search/schemas';
import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';

/** English and Arabic stem (the Arabic one drops the article); `simple` keeps Hebrew and names as written. */
const CONFIGURATIONS = ['english', 'arabic', 'simple'] as const;
export const START = '\u27e6';
export const STOP = '\u27e7';

/**
 * Full-text search, portion by portion: a paragraph is a hit only when the
 * searcher may see it and the report it belongs to, so a word found only in a
 * portion they may not see gives no hit and no snippet.
 */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly deployment: DeploymentContext,
  ) {}

  get scheme() {
    return this.deployment.scheme;
  }

  async search(caller: Caller, input: z.output<typeof searchQuerySchema>) {
    const terms = queryTerms(input.q);
    if (terms.length === 0) return [];
    const query = tsquery(terms);
    const { rule } = this.deployment;
    const document = sql`(to_tsvector('english', p.body) || to_tsvector('arabic', p.body) || to_tsvector('simple', coalesce(p.heading, '') || ' ' || p.body || ' ' || p.search_extra))`;
    let select = this.db
      .selectFrom('report_paragraphs as p')
      .innerJoin('reports as r', 'r.id', 'p.report_id')
      .selectAll('p')
      .select([
        'r.number',
        'r.title',
        sql<string>`r.report_date::text`.as('date'),
        sql<number>`ts_rank(${document}, ${query})`.as('rank'),
        sql<string>`ts_headline('simple', p.body, ${query}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`})`.as(
          'headline',
        ),
      ])
      .where(sql<SqlBool>`${document} @@ ${query}`)
      .where(rule.where(caller.actor, 'p'))
      .where(rule.where(caller.actor, 'r'));
    if (input.tag) select = select.where(sql<SqlBool>`${input.tag}::text = any(r.tags)`);
    if (input.from) select = select.where('r.report_date', '>=', input.from);
    if (input.to) select = select.where('r.report_date', '<=', input.to);
    const rows = await select
      .orderBy('rank', 'desc')
      .orderBy('r.number', 'desc')
      .limit(input.limit)
      .execute();
    return rows.map((row) => ({ row, ...highlighted(row.headline) }));
  }
}

/** Every word must match (AND); each word in any of its Hebrew forms and any configuration (OR). */
export function tsquery(terms: string[][]): RawBuilder<unknown> {
  const word = (forms: string[]) =>
    sql`(${sql.join(
      forms.flatMap((form) =>
        CONFIGURATIONS.map((config) => sql`plainto_tsquery(${sql.lit(config)}, ${form})`),
      ),
      sql` || `,
    )})`;
  return sql`(${sql.join(terms.map(word), sql` && `)})`;
}

/** The headline PostgreSQL marks with ⟦ ⟧, as plain text and the offsets of what it marked. */
export function highlighted(headline: string): { snippet: string; highlights: [number, number][] } {
  const highlights: [number, number][] = [];
  let snippet = '';
  for (const [i, part] of headline.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (i % 2 === 1) highlights.push([snippet.length, snippet.length + part.length]);
    snippet += part;
  }
  return { snippet, highlights };
}
