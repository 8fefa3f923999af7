import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { badRequest } from '../../../core/errors';
import type { searchQuerySchema } from '../../../core/search/schemas';
import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { PARAGRAPH_COLUMNS } from '../reports/reports.repository';

/** English and Arabic stem (the Arabic one drops the article); `simple` keeps Hebrew and names as written. */
const CONFIGURATIONS = ['english', 'arabic', 'simple'] as const;
const START = '\u27e6';
const STOP = '\u27e7';

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

  /** Hits of every kind asked for, best first. */
  async search(caller: Caller, input: z.output<typeof searchQuerySchema>): Promise<Hit[]> {
    const terms = queryTerms(input.q);
    if (terms.length === 0) return [];
    const kinds = input.type ? [input.type] : (['report', 'release'] as const);
    const rows = (
      await Promise.all(
        kinds.map(async (kind) =>
          (
            await (kind === 'report' ? this.reportQuery : this.releaseQuery)
              .call(this, caller, input, terms)
              .execute()
          ).map((row) => ({ kind, row })),
        ),
      )
    ).flat();
    return rows
      .sort((a, b) => Number(b.row.rank) - Number(a.row.rank))
      .slice(0, input.limit)
      .map(({ kind, row }) => ({ kind, row, ...highlighted(row.headline) }));
  }

  /** Paragraphs of reports (exposed for EXPLAIN in the benchmark). */
  reportQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    const query = tsquery(terms);
    // The words are matched first, through the index, and only the paragraphs found are then passed
    // through the access rule: the planner cannot tell how much the rule lets through, and left to
    // itself it may read every report to find a rare word (OFFSET 0 keeps the match on its own).
    let matches = this.db
      .selectFrom('report_paragraphs as p')
      .select([...PARAGRAPH_COLUMNS, 'p.report_id as parent_id', 'p.search_document as document'])
      .where(sql<SqlBool>`p.search_document @@ ${query}`);
    if (input.marking) matches = matches.where('p.marking_level', '=', this.levelOf(input.marking));
    let select = this.db
      .selectFrom(matches.offset(0).as('p'))
      .innerJoin('reports as r', 'r.id', 'p.parent_id')
      .selectAll('p')
      .select(['r.number', 'r.title', sql<string>`r.report_date::text`.as('date'), ...ranked(query)])
      .where(this.visible(caller, 'p'))
      .where(this.visible(caller, 'r'));
    if (input.tag) select = select.where(sql<SqlBool>`${input.tag}::text = any(r.tags)`);
    if (input.from) select = select.where('r.report_date', '>=', input.from);
    if (input.to) select = select.where('r.report_date', '<=', input.to);
    return select.orderBy('rank', 'desc').orderBy('r.number', 'desc').limit(input.limit);
  }

  /** Paragraphs of releases: what a party's people search, since they never see the reports themselves. */
  releaseQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    const query = tsquery(terms);
    let matches = this.db
      .selectFrom('release_paragraphs as p')
      .select([
        'p.id',
        'p.release_id as parent_id',
        'p.heading',
        'p.body',
        'p.marking_level',
        'p.marking_caveats',
        'p.marking_rel_to',
        'p.marking_parties',
        'p.marking_groups',
        'p.search_document as document',
      ])
      .where(sql<SqlBool>`p.search_document @@ ${query}`);
    if (input.marking) matches = matches.where('p.marking_level', '=', this.levelOf(input.marking));
    let select = this.db
      .selectFrom(matches.offset(0).as('p'))
      .innerJoin('report_releases as r', 'r.id', 'p.parent_id')
      .innerJoin('reports as original', 'original.id', 'r.report_id')
      .selectAll('p')
      .select(['original.number', 'r.title', sql<string>`r.report_date::text`.as('date'), ...ranked(query)])
      .where(this.visible(caller, 'p'))
      .where(this.visible(caller, 'r'));
    if (input.tag) select = select.where(sql<SqlBool>`${input.tag}::text = any(r.tags)`);
    if (input.from) select = select.where('r.report_date', '>=', input.from);
    if (input.to) select = select.where('r.report_date', '<=', input.to);
    return select.orderBy('rank', 'desc').orderBy('r.released_at', 'desc').limit(input.limit);
  }

  private visible(caller: Caller, alias: string) {
    return this.deployment.rule.where(caller.actor, alias);
  }

  /** A level of the deployment's scheme, by code or portion mark ("S", "SECRET"), or a 400 naming it. */
  private levelOf(marking: string): string {
    const wanted = marking.replace(/[()]/g, '').trim().toUpperCase();
    const level = this.scheme.levels.find(
      (candidate) => candidate.code === wanted || candidate.portion === wanted || candidate.banner === wanted,
    );
    if (!level)
      throw badRequest(
        'unknown_marking',
        `${marking} is not a level of this deployment's classification scheme.`,
        [
          {
            path: 'querystring.marking',
            message: `Not one of ${this.scheme.levels.map((l) => l.portion).join(', ')}`,
          },
        ],
      );
    return level.code;
  }
}

/** The rank of a paragraph's document, and its snippet with the matched words marked ⟦ ⟧. */
const ranked = (query: RawBuilder<unknown>) => [
  sql<number>`ts_rank(p.document, ${query})`.as('rank'),
  sql<string>`ts_headline('simple', p.body, ${query}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`})`.as(
    'headline',
  ),
];

export interface Hit {
  kind: 'report' | 'release';
  row: {
    id: string;
    parent_id: string;
    number: string;
    title: string;
    date: string;
    rank: number;
  } & MarkingColumns;
  snippet: string;
  highlights: [number, number][];
}

/** Every word must match (AND); each word in any of its Hebrew forms and any configuration (OR). */
function tsquery(terms: string[][]): RawBuilder<unknown> {
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
function highlighted(headline: string): { snippet: string; highlights: [number, number][] } {
  const highlights: [number, number][] = [];
  let snippet = '';
  for (const [i, part] of headline.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (i % 2 === 1) highlights.push([snippet.length, snippet.length + part.length]);
    snippet += part;
  }
  return { snippet, highlights };
}
