import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import { PARAGRAPH_COLUMNS } from '../reports/reports.repository';

/**
 * Search's own query module (the issue lets search keep one): full-text
 * queries over report and release paragraphs and requests. The access rule's
 * condition is passed in; nothing here decides who sees what. Also the
 * full-text pieces other modules' searches share (channels): `tsquery`, the
 * ⟦ ⟧ marks of a headline and `highlighted`.
 */

/** English and Arabic stem (the Arabic one drops the article); `simple` keeps Hebrew and names as written. */
const CONFIGURATIONS = ['english', 'arabic', 'simple'] as const;
export const START = '\u27e6';
export const STOP = '\u27e7';

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

/** ts_headline's options: a few words around each match, the matched words marked ⟦ ⟧. */
export const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

/** The rank of a paragraph's document, and its snippet with the matched words marked ⟦ ⟧. */
const ranked = (query: RawBuilder<unknown>, alias = 'p') => [
  sql<number>`ts_rank(${sql.ref(`${alias}.document`)}, ${query})`.as('rank'),
  sql<string>`ts_headline('simple', ${sql.ref(`${alias}.body`)}, ${query}, ${HEADLINE})`.as('headline'),
];

/** What narrows a search: how many hits, a level of the scheme (by code), a tag, a range of dates. */
export interface SearchFilter {
  limit: number;
  level?: string | undefined;
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The access rule's SQL face over a table alias (`p` a paragraph, `r` its report or release). */
export type Visible = (alias: string) => Expression<SqlBool>;

/** Paragraphs of reports the `visible` condition lets through, in a report it also lets through. */
export function reportParagraphHits(db: Db, visible: Visible, terms: string[][], filter: SearchFilter) {
  const query = tsquery(terms);
  // The words are matched first, through the index, and only the paragraphs found are then passed
  // through the access rule: the planner cannot tell how much the rule lets through, and left to
  // itself it may read every report to find a rare word (OFFSET 0 keeps the match on its own).
  let matches = db
    .selectFrom('report_paragraphs as p')
    .select([...PARAGRAPH_COLUMNS, 'p.report_id as parent_id', 'p.search_document as document'])
    .where(sql<SqlBool>`p.search_document @@ ${query}`);
  if (filter.level) matches = matches.where('p.marking_level', '=', filter.level);
  let select = db
    .selectFrom(matches.offset(0).as('p'))
    .innerJoin('reports as r', 'r.id', 'p.parent_id')
    .selectAll('p')
    .select(['r.number', 'r.title', sql<string>`r.report_date::text`.as('date'), ...ranked(query)])
    .where(visible('p'))
    .where(visible('r'));
  if (filter.tag) select = select.where(sql<SqlBool>`${filter.tag}::text = any(r.tags)`);
  if (filter.from) select = select.where('r.report_date', '>=', filter.from);
  if (filter.to) select = select.where('r.report_date', '<=', filter.to);
  return select.orderBy('rank', 'desc').orderBy('r.created_at', 'desc').limit(filter.limit);
}

/** Paragraphs of releases: what a party's people search, since they never see the reports themselves. */
export function releaseParagraphHits(db: Db, visible: Visible, terms: string[][], filter: SearchFilter) {
  const query = tsquery(terms);
  let matches = db
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
  if (filter.level) matches = matches.where('p.marking_level', '=', filter.level);
  let select = db
    .selectFrom(matches.offset(0).as('p'))
    .innerJoin('report_releases as r', 'r.id', 'p.parent_id')
    // A release of a party's submission has no report behind it (and never names the submission).
    .leftJoin('reports as original', 'original.id', 'r.report_id')
    .selectAll('p')
    .select(['original.number', 'r.title', sql<string>`r.report_date::text`.as('date'), ...ranked(query)])
    .where(visible('p'))
    .where(visible('r'));
  if (filter.tag) select = select.where(sql<SqlBool>`${filter.tag}::text = any(r.tags)`);
  if (filter.from) select = select.where('r.report_date', '>=', filter.from);
  if (filter.to) select = select.where('r.report_date', '<=', filter.to);
  return select.orderBy('rank', 'desc').orderBy('r.released_at', 'desc').limit(filter.limit);
}

/**
 * Requests: their summary and the words of their form, for whoever the
 * requests module's condition (over alias `r`) lets see them. Dates are days
 * in the deployment's time zone.
 */
export function requestHits(
  db: Db,
  visible: Expression<SqlBool>,
  terms: string[][],
  filter: SearchFilter & { timeZone: string },
) {
  const query = tsquery(terms);
  let matches = db
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
  if (filter.level) matches = matches.where('r.marking_level', '=', filter.level);
  const day = sql<string>`(r.created_at at time zone ${filter.timeZone})::date`;
  let select = db
    .selectFrom(matches.offset(0).as('r'))
    .selectAll('r')
    .select([sql<string>`${day}::text`.as('date'), ...ranked(query, 'r')])
    .where(visible);
  if (filter.from) select = select.where(day, '>=', filter.from);
  if (filter.to) select = select.where(day, '<=', filter.to);
  return select.orderBy('rank', 'desc').orderBy('r.created_at', 'desc').limit(filter.limit);
}

/** A hit of any kind, as the service ranks and the routes present it. */
export interface HitRow extends MarkingColumns {
  id: string;
  parent_id: string;
  /** Null for a release of a submission, which has no report number. */
  number: string | null;
  title: string;
  date: string;
  rank: number;
  /** For a message of a request's thread: the request. */
  request_id?: string | null;
}

/**
 * How search asks another module for hits among its records (meetings,
 * minutes, commitments): the words as typed and the filters, the level
 * already a code of the scheme, days on the deployment's clock. The module
 * applies its own reads' rule for the caller.
 */
export interface RecordSearch {
  q: string;
  limit: number;
  level?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A hit among another module's records: `number` is the reference as shown, `headline` marked ⟦ ⟧. */
export interface RecordHitRow extends HitRow {
  number: string;
  headline: string;
}
