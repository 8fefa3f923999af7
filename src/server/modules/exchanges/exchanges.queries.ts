import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest } from '../../../core/errors';
import { asymmetryIndex } from '../../../core/exchanges/ledger';
import type { ExchangeQuery, ReciprocityQuery } from '../../../core/exchanges/schemas';
import { zonedInputToIso } from '../../../core/zoned-time';
import type { Caller } from '../../platform/caller';
import { markingOfRow } from '../../platform/marked-records';
import type { CommitmentFigureRow } from '../commitments/commitment-figures.repository';
import type { RfiFigureRow } from '../requests/rfi-figures.repository';
import type { ExchangesDeps } from './exchanges.deps';
import { type ExchangeRow, exchangeById, exchangesPage, ofParty, pairCounts } from './exchanges.repository';

export type { ExchangesDeps };

/**
 * Which records of the ledger a viewer may count (over `e`): those whose
 * record the access rule lets them open, and that their party sent,
 * received or passed on, or, for the coordinator, that it may see at all.
 * Counts are records too: every figure is computed under this condition.
 */
export function visibleExchanges(
  deps: Pick<ExchangesDeps, 'deployment'>,
  caller: Caller,
): Expression<SqlBool> {
  const rule = deps.deployment.rule.where(caller.actor, 'e');
  return isCoordinator(deps, caller.actor) ? rule : ofParty(rule, caller.actor.party);
}

const isCoordinator = (deps: Pick<ExchangesDeps, 'deployment'>, actor: Actor) =>
  deps.deployment.deployment.parties.some(
    (candidate) => candidate.code === actor.party && candidate.role === 'coordinator',
  );

/** The same rule's in-memory face, for one record: who hears of it live. */
export function mayCount(deps: Pick<ExchangesDeps, 'deployment'>, actor: Actor, row: ExchangeRow): boolean {
  if (!deps.deployment.rule.canSee(actor, markingOfRow(row))) return false;
  return (
    isCoordinator(deps, actor) ||
    (actor.party !== null && [row.from_party, row.to_party, row.through_party].includes(actor.party))
  );
}

/** Who hears live that a record was put on the ledger: whoever may count it. */
export async function exchangeAudience(
  deps: Pick<ExchangesDeps, 'db' | 'deployment'>,
  event: { subjectId: string },
) {
  const row = await exchangeById(deps.db, event.subjectId);
  return (viewer: { actor: Actor }) => row !== undefined && mayCount(deps, viewer.actor, row);
}

/** The first instant of a day on the deployment's clock. */
const startOfDay = (deps: ExchangesDeps, day: string) =>
  new Date(zonedInputToIso(`${day}T00:00`, deps.deployment.deployment.timeZone) ?? `${day}T00:00:00Z`);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Days on the deployment's clock as instants: since (inclusive) to the end of until. */
export function range(
  deps: ExchangesDeps,
  query: { since?: string | undefined; until?: string | undefined },
) {
  if (query.since && query.until && query.until < query.since)
    throw badRequest('range_ends_before_start', 'The range ends before it starts.', [
      { path: 'querystring.until', message: 'Before `since`' },
    ]);
  return {
    since: query.since ? startOfDay(deps, query.since) : undefined,
    until: query.until ? startOfDay(deps, nextDay(query.until)) : undefined,
  };
}

const cursorOf = (row: { at: Date; id: string }) =>
  Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const when = new Date(at);
    if (Number.isNaN(when.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id))
      throw new Error();
    return { at: when, id };
  } catch {
    throw badRequest('invalid_cursor', 'This cursor is not one a page of the ledger gave.', [
      { path: 'querystring.cursor', message: 'Not a cursor of this list' },
    ]);
  }
}

/** A page of the ledger as the caller may see it, newest first. */
export async function listExchanges(deps: ExchangesDeps, caller: Caller, query: ExchangeQuery) {
  const { rows, total } = await exchangesPage(
    deps.db,
    visibleExchanges(deps, caller),
    { from: query.from, to: query.to, category: query.category, kind: query.kind, ...range(deps, query) },
    { limit: query.limit + 1, before: parseCursor(query.cursor) },
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, total, next: rows.length > query.limit && last ? cursorOf(last) : null };
}

/**
 * Every measure of the pair, per period and over the range, each under the
 * caller's view: items each way (the ledger), requests for information asked
 * and answered each way with their times, commitments made and kept.
 */
export async function reciprocityOf(deps: ExchangesDeps, caller: Caller, query: ReciprocityQuery) {
  if (query.partyA === query.partyB)
    throw badRequest('same_party', 'Choose two different parties.', [
      { path: 'querystring.partyB', message: 'The same as partyA' },
    ]);
  const { since, until } = range(deps, query);
  const figures = {
    a: query.partyA,
    b: query.partyB,
    period: query.period,
    category: query.category,
    since,
    until,
  };
  // One after another: PGlite has one connection.
  const items = await pairCounts(
    deps.db,
    visibleExchanges(deps, caller),
    { a: query.partyA, b: query.partyB },
    {
      category: query.category,
      since,
      until,
      period: query.period,
      timeZone: deps.deployment.deployment.timeZone,
    },
  );
  const rfi = await deps.rfi(caller, figures);
  const commitments = await deps.commitments(caller, figures);
  const starts = [
    ...new Set(
      [...items, ...rfi, ...commitments].flatMap((row) => (row.period === null ? [] : [row.period])),
    ),
  ].sort();
  const measuresOf = (start: string | null) => {
    const counted = items.find((row) => row.period === start);
    const aToB =
      start === null ? items.reduce((sum, row) => sum + Number(row.a_to_b), 0) : Number(counted?.a_to_b ?? 0);
    const bToA =
      start === null ? items.reduce((sum, row) => sum + Number(row.b_to_a), 0) : Number(counted?.b_to_a ?? 0);
    const rfiOf = (party: string) =>
      presentRfi(rfi.find((row) => row.period === start && row.asked_by === party));
    const madeBy = (party: string) =>
      presentCommitments(commitments.find((row) => row.period === start && row.promised_by === party));
    return {
      aToB,
      bToA,
      asymmetry: asymmetryIndex(aToB, bToA),
      rfi: { askedByA: rfiOf(query.partyA), askedByB: rfiOf(query.partyB) },
      commitments: { byA: madeBy(query.partyA), byB: madeBy(query.partyB) },
    };
  };
  return { periods: starts.map((start) => ({ start, ...measuresOf(start) })), total: measuresOf(null) };
}

const minutes = (value: number | string | null | undefined) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;

function presentRfi(row: RfiFigureRow | undefined) {
  return {
    asked: Number(row?.asked ?? 0),
    answered: Number(row?.answered ?? 0),
    answeredOnTime: Number(row?.on_time ?? 0),
    acknowledgeMedianMinutes: minutes(row?.acknowledge_median),
    acknowledgeP90Minutes: minutes(row?.acknowledge_p90),
    answerMedianMinutes: minutes(row?.answer_median),
    answerP90Minutes: minutes(row?.answer_p90),
  };
}

function presentCommitments(row: CommitmentFigureRow | undefined) {
  return {
    promised: Number(row?.promised ?? 0),
    delivered: Number(row?.delivered ?? 0),
    overdue: Number(row?.overdue ?? 0),
  };
}
