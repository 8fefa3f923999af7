import type { Expression, SqlBool } from 'kysely';
import { badRequest } from '../../../core/errors';
import { asymmetryIndex } from '../../../core/exchanges/ledger';
import type { ExchangeQuery, ReciprocityQuery } from '../../../core/exchanges/schemas';
import { zonedInputToIso } from '../../../core/zoned-time';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { exchangesPage, ofParty, pairCounts } from './exchanges.repository';

export interface ExchangesDeps {
  db: Db;
  deployment: DeploymentContext;
}

/**
 * Which records of the ledger a viewer may count (over `e`): those whose
 * record the access rule lets them open, and that their party sent,
 * received or passed on, or, for the coordinator, that it may see at all.
 * Counts are records too: every figure is computed under this condition.
 */
export function visibleExchanges(deps: ExchangesDeps, caller: Caller): Expression<SqlBool> {
  const party = caller.actor.party;
  const rule = deps.deployment.rule.where(caller.actor, 'e');
  const coordinator = deps.deployment.deployment.parties.some(
    (candidate) => candidate.code === party && candidate.role === 'coordinator',
  );
  return coordinator ? rule : ofParty(rule, party);
}

/** The first instant of a day on the deployment's clock. */
const startOfDay = (deps: ExchangesDeps, day: string) =>
  new Date(zonedInputToIso(`${day}T00:00`, deps.deployment.deployment.timeZone) ?? `${day}T00:00:00Z`);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function range(deps: ExchangesDeps, query: { since?: string | undefined; until?: string | undefined }) {
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

/** Items each way between the pair, per period, and over the whole range, under the caller's view. */
export async function reciprocityOf(deps: ExchangesDeps, caller: Caller, query: ReciprocityQuery) {
  if (query.partyA === query.partyB)
    throw badRequest('same_party', 'Choose two different parties.', [
      { path: 'querystring.partyB', message: 'The same as partyA' },
    ]);
  const rows = await pairCounts(
    deps.db,
    visibleExchanges(deps, caller),
    { a: query.partyA, b: query.partyB },
    {
      category: query.category,
      ...range(deps, query),
      period: query.period,
      timeZone: deps.deployment.deployment.timeZone,
    },
  );
  const periods = rows.map((row) => {
    const aToB = Number(row.a_to_b);
    const bToA = Number(row.b_to_a);
    return { start: row.period, aToB, bToA, asymmetry: asymmetryIndex(aToB, bToA) };
  });
  const aToB = periods.reduce((sum, period) => sum + period.aToB, 0);
  const bToA = periods.reduce((sum, period) => sum + period.bToA, 0);
  return { periods, total: { aToB, bToA, asymmetry: asymmetryIndex(aToB, bToA) } };
}
