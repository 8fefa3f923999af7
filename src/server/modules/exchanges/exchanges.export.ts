import { badRequest } from '../../../core/errors';
import type { ExchangeQuery, ReciprocityQuery } from '../../../core/exchanges/schemas';
import { combineMarkings, formatBanner, type Marking } from '../../../core/marking/marking';
import type { Caller } from '../../platform/caller';
import type { ExportColumn, ExportTable } from '../../platform/exports';
import { markingOfRow } from '../../platform/marked-records';
import type { ExchangesDeps } from './exchanges.deps';
import { range, reciprocityOf, visibleExchanges } from './exchanges.queries';
import { type ExchangeRow, exchangesPage, pairMarkings } from './exchanges.repository';

/** The most rows one export holds: narrow the filters for more. */
export const EXPORT_MAX_ROWS = 100_000;

/** The banner of what a table holds: its records' markings combined (the lowest level when it holds none). */
function bannerOf(deps: ExchangesDeps, markings: readonly Marking[]) {
  const { scheme, lowest } = deps.deployment;
  const combined =
    markings.length > 0
      ? combineMarkings(scheme, markings)
      : { level: lowest, caveats: [], relTo: null, parties: [], groups: [] };
  return formatBanner(scheme, combined);
}

const EXCHANGE_COLUMNS: ExportColumn<ExchangeRow>[] = [
  { header: 'Time', kind: 'date', value: (row) => row.at },
  { header: 'From', kind: 'text', value: (row) => row.from_party },
  { header: 'To', kind: 'text', value: (row) => row.to_party },
  { header: 'Through', kind: 'text', value: (row) => row.through_party },
  { header: 'Kind', kind: 'text', value: (row) => row.kind },
  { header: 'Category', kind: 'text', value: (row) => row.category },
  { header: 'Record', kind: 'text', value: (row) => row.subject_type },
  { header: 'Record id', kind: 'text', value: (row) => row.subject_id, width: 38 },
  { header: 'Cancels', kind: 'text', value: (row) => row.cancels, width: 38 },
  { header: 'Level', kind: 'text', value: (row) => row.marking_level },
];

/** Every record of the ledger the caller may see that the filters select, newest first. */
export async function ledgerExport(
  deps: ExchangesDeps,
  caller: Caller,
  query: Omit<ExchangeQuery, 'limit' | 'cursor'>,
): Promise<ExportTable<ExchangeRow>> {
  const { rows } = await exchangesPage(
    deps.db,
    visibleExchanges(deps, caller),
    { from: query.from, to: query.to, category: query.category, kind: query.kind, ...range(deps, query) },
    { limit: EXPORT_MAX_ROWS + 1 },
  );
  if (rows.length > EXPORT_MAX_ROWS)
    throw badRequest(
      'export_too_large',
      `An export holds at most ${EXPORT_MAX_ROWS.toLocaleString('en')} records: narrow the range.`,
      [{ path: 'querystring.since', message: 'Narrow the range' }],
    );
  return {
    title: 'exchange-ledger',
    banner: bannerOf(deps, rows.map(markingOfRow)),
    columns: EXCHANGE_COLUMNS,
    rows,
  };
}

type PeriodRow = Awaited<ReturnType<typeof reciprocityOf>>['periods'][number];

/** The pair's measures per period, and the whole range as the last row. */
export async function reciprocityExport(
  deps: ExchangesDeps,
  caller: Caller,
  query: ReciprocityQuery,
): Promise<ExportTable<PeriodRow>> {
  const { periods, total } = await reciprocityOf(deps, caller, query);
  const markings = await pairMarkings(
    deps.db,
    visibleExchanges(deps, caller),
    { a: query.partyA, b: query.partyB },
    { category: query.category, ...range(deps, query) },
  );
  const { partyA: a, partyB: b } = query;
  const number = (header: string, value: (row: PeriodRow) => number | null): ExportColumn<PeriodRow> => ({
    header,
    kind: 'number',
    value,
  });
  return {
    title: `reciprocity-${a}-${b}`,
    banner: bannerOf(deps, markings.map(markingOfRow)),
    columns: [
      { header: `Period (${query.period})`, kind: 'text', value: (row) => row.start },
      number(`Items ${a} to ${b}`, (row) => row.aToB),
      number(`Items ${b} to ${a}`, (row) => row.bToA),
      number('Asymmetry index', (row) => row.asymmetry),
      number(`RFIs ${a} asked`, (row) => row.rfi.askedByA.asked),
      number(`RFIs ${a} asked, answered`, (row) => row.rfi.askedByA.answered),
      number(`RFIs ${a} asked, answered on time`, (row) => row.rfi.askedByA.answeredOnTime),
      number(`RFIs ${a} asked, median minutes to answer`, (row) => row.rfi.askedByA.answerMedianMinutes),
      number(`RFIs ${b} asked`, (row) => row.rfi.askedByB.asked),
      number(`RFIs ${b} asked, answered`, (row) => row.rfi.askedByB.answered),
      number(`RFIs ${b} asked, answered on time`, (row) => row.rfi.askedByB.answeredOnTime),
      number(`RFIs ${b} asked, median minutes to answer`, (row) => row.rfi.askedByB.answerMedianMinutes),
      number(`Commitments of ${a}`, (row) => row.commitments.byA.promised),
      number(`Commitments of ${a} delivered`, (row) => row.commitments.byA.delivered),
      number(`Commitments of ${b}`, (row) => row.commitments.byB.promised),
      number(`Commitments of ${b} delivered`, (row) => row.commitments.byB.delivered),
    ],
    rows: [...periods, { ...total, start: 'all' }],
  };
}
