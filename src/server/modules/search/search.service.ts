import type { Expression, SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest } from '../../../core/errors';
import { SEARCH_TYPES, type SearchType, type searchQuerySchema } from '../../../core/search/schemas';
import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow } from '../../platform/marked-records';
import type { ReadAudit } from '../../platform/read-audit';
import {
  type HitRow,
  highlighted,
  type RecordHitRow,
  type RecordSearch,
  releaseParagraphHits,
  reportParagraphHits,
  requestHits,
  type SearchFilter,
} from './search.repository';

// Channels search messages with these; they live with search's queries and are exported here as before.
export { highlighted, START, STOP, tsquery } from './search.repository';

/**
 * Full-text search, portion by portion: a paragraph is a hit only when the
 * searcher may see it and the report it belongs to, so a word found only in a
 * portion they may not see gives no hit and no snippet.
 */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly deployment: DeploymentContext,
    private readonly reads: ReadAudit,
    private readonly sources: {
      /** Which requests an actor may see (over alias `r`): the requests module's rule, not only the marking. */
      requestsVisibleTo: (actor: Actor) => Expression<SqlBool>;
      /** Messages of the caller's channels (the channels module knows who may read which). */
      messages: (caller: Caller, input: MessageSearch) => Promise<MessageRow[]>;
      /**
       * Meetings, minutes and commitments the caller may read, each under the
       * rule of its own module's reads (the working groups', the commitments').
       */
      meeting: RecordSource;
      minutes: RecordSource;
      commitment: RecordSource;
    },
  ) {}

  get scheme() {
    return this.deployment.scheme;
  }

  /** Hits of every kind asked for, best first. */
  async search(caller: Caller, input: z.output<typeof searchQuerySchema>): Promise<Hit[]> {
    const terms = queryTerms(input.q);
    if (terms.length === 0) return [];
    // Only reports and releases carry tags: a search by tag finds nothing else.
    const kinds = (input.type ? [input.type] : SEARCH_TYPES).filter(
      (kind) => !input.tag || kind === 'report' || kind === 'release',
    );
    const rows: { kind: SearchType; row: Hit['row'] & { headline: string } }[] = [];
    // One after another: PGlite has one connection, and PostgreSQL's pool serves other readers meanwhile.
    for (const kind of kinds) {
      if (kind === 'message') {
        for (const row of await this.messages(caller, input)) rows.push({ kind, row });
        continue;
      }
      if (kind === 'meeting' || kind === 'minutes' || kind === 'commitment') {
        const { limit, level, from, to } = this.filterOf(input);
        for (const row of await this.sources[kind](caller, { q: input.q, limit, level, from, to }))
          rows.push({ kind, row });
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
    const hits = rows
      .sort((a, b) => Number(b.row.rank) - Number(a.row.rank))
      .slice(0, input.limit)
      .map(({ kind, row }) => ({ kind, row, ...highlighted(row.headline) }));
    // Hits show words of the records they found: above the lowest level, the search is a read of them.
    await this.reads.many(
      caller,
      { type: 'search' },
      hits.map(({ kind, row }) => ({ id: `${kind}:${row.id}`, marking: markingOfRow(row) })),
    );
    return hits;
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

  /** What narrows the search, with its marking as a level of the scheme (a 400 when it is none). */
  private filterOf(input: z.output<typeof searchQuerySchema>): SearchFilter {
    return {
      limit: input.limit,
      level: input.marking ? this.levelOf(input.marking) : undefined,
      tag: input.tag,
      from: input.from,
      to: input.to,
    };
  }

  /** Paragraphs of reports (exposed for EXPLAIN in the benchmark). */
  reportQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    return reportParagraphHits(this.db, (alias) => this.visible(caller, alias), terms, this.filterOf(input));
  }

  /** Paragraphs of releases: what a party's people search, since they never see the reports themselves. */
  releaseQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    return releaseParagraphHits(this.db, (alias) => this.visible(caller, alias), terms, this.filterOf(input));
  }

  /** Requests: their summary and the words of their form, for whoever may see the request. */
  requestQuery(caller: Caller, input: z.output<typeof searchQuerySchema>, terms = queryTerms(input.q)) {
    return requestHits(this.db, this.sources.requestsVisibleTo(caller.actor), terms, {
      ...this.filterOf(input),
      timeZone: this.deployment.deployment.timeZone,
    });
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

/** Another module's search of its records for a caller (meetings, minutes, commitments). */
export type RecordSource = (caller: Caller, input: RecordSearch) => Promise<RecordHitRow[]>;

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
  row: HitRow;
  snippet: string;
  highlights: [number, number][];
}
