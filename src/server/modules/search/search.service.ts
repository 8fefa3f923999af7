import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest } from '../../../core/errors';
import { SEARCH_TYPES, type SearchType, type searchQuerySchema } from '../../../core/search/schemas';
import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { PARAGRAPH_COLUMNS } from '../reports/reports.repository';

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
    private readonly sources: {
      /** Which requests an actor may see (over alias `r`): the requests module's rule, not only the marking. */
      requestsVisibleTo: (actor: Actor) => Expression<SqlBool>;
      /** Messages of the caller's channels (the channels module knows who may read which). */
      messages: (caller: Caller, input: MessageSearch) => Promise<MessageRow[]>;
    },
  ) {}

  get scheme() {
    return this.deployment.scheme;
  }

  /** Hits of every kind asked for, best first. */
  async search(caller: Caller, input: z.output<typeof searchQuerySchema>): Promise<Hit[]> {
    const terms = queryTerms(input.q);
    if (terms.length === 0) return [];
    // Requests and messages carry no tags: a search by tag finds none.
    const kinds = (input.type ? [input.type] : SEARCH_TYPES).filter(
      (kind) => !(input.tag && (kind === 'request' || kind === 'message')),
    );
    const rows: { kind: SearchType; row: Hit['row'] & { headline: string } }[] = [];
    // One after another: PGlite has one connection, and PostgreSQL's pool serves other readers meanwhile.
    for (const kind of kinds) {
      if (kind === 'message') {
        for (const row of await this.messages(caller, input)) rows.push({ kind, row });
        continue;
      }
      const query =
        kind === 'report'
          ? this.reportQuery(caller, input, terms)
          : kind === 'release'
            ? this.releaseQuery(caller, input, terms)
            : this.requestQuery(caller, input, terms);
      for (const row of await query.execute()) rows.push({ kind, row });
    }
    return rows
      .sort((a, b) => Number(b.row.rank) - Number(a.row.rank))
      .slice(0, input.limit)
      .map(({ kind, row }) => ({ kind, row, ...highlighted(row.headline) }));
  }

  /** Messages, as hits: the channel is what a hit opens, the message's number its reference. */
  private async messages(caller: Caller, input: z.output<typeof searchQuerySchema>) {
    const level = input.marking ? this.levelOf(input.marking) : undefined;
    const found = await this.sources.messages(caller, {
      q: input.q,
      limit: input.limit,
      from: input.from,
      to: input.to,
      level,
      threadsVisible: this.sources.requestsVisibleTo(caller.actor),
    });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.deployment.deployment.timeZone });
    return found.map(({ row }) => ({
      ...row,
      parent_id: row.channel_id,
      request_id: row.request_id,
      number: String(row.seq),
      title: row.channel_name,
      date: day.format(row.created_at),
      headline: row.headline,
    }));
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

  /** Requests: their summary and the words of their form, for whoever may see the request. */
  requestQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    const query = tsquery(terms);
    let matches = this.db
      .selectFrom('requests as r')
      .select([
        'r.id',
        'r.id as parent_id',
        'r.number',
        'r.summary as title',
        'r.status',
        'r.from_party',
        'r.created_at',
        'r.marking_level',
        'r.marking_caveats',
        'r.marking_rel_to',
        'r.marking_parties',
        'r.marking_groups',
        'r.search_document as document',
        sql<string>`r.summary || ' — ' || coalesce((select string_agg(value, ' ') from jsonb_each_text(r.fields)), '')`.as(
          'body',
        ),
      ])
      .where(sql<SqlBool>`r.search_document @@ ${query}`);
    if (input.marking) matches = matches.where('r.marking_level', '=', this.levelOf(input.marking));
    const day = sql<string>`(r.created_at at time zone ${this.deployment.deployment.timeZone})::date`;
    let select = this.db
      .selectFrom(matches.offset(0).as('r'))
      .selectAll('r')
      .select([sql<string>`${day}::text`.as('date'), ...ranked(query, 'r')])
      .where(this.sources.requestsVisibleTo(caller.actor));
    if (input.from) select = select.where(day, '>=', input.from);
    if (input.to) select = select.where(day, '<=', input.to);
    return select.orderBy('rank', 'desc').orderBy('r.number', 'desc').limit(input.limit);
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
const ranked = (query: RawBuilder<unknown>, alias = 'p') => [
  sql<number>`ts_rank(${sql.ref(`${alias}.document`)}, ${query})`.as('rank'),
  sql<string>`ts_headline('simple', ${sql.ref(`${alias}.body`)}, ${query}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`})`.as(
    'headline',
  ),
];

interface MessageSearch {
  q: string;
  limit: number;
  from?: string | undefined;
  to?: string | undefined;
  level?: string | undefined;
  /** The requests whose threads the caller reads without following them (over alias `r`). */
  threadsVisible?: Expression<SqlBool>;
}

interface MessageRow {
  row: MarkingColumns & {
    id: string;
    channel_id: string;
    seq: string | number;
    channel_name: string;
    request_id: string | null;
    created_at: Date;
    rank: number;
    headline: string;
  };
}

export interface Hit {
  kind: SearchType;
  row: {
    id: string;
    parent_id: string;
    number: string;
    title: string;
    date: string;
    rank: number;
    /** For a message of a request's thread: the request. */
    request_id?: string | null;
  } & MarkingColumns;
  snippet: string;
  highlights: [number, number][];
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
