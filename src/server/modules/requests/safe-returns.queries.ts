import { badRequest } from '../../../core/errors';
import type { SafeReturnStatistics, SafeReturnStatisticsQuery } from '../../../core/requests/schemas';
import { startOfPeriod } from '../../../core/zoned-time';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { districtByIdOrCode, districtLabels } from '../directory/directory-lookups.repository';
import type { RequestsQueries } from './requests.queries';
import { safeReturnRows } from './requests.repository';

/** One safe return as the statistics read it: nothing of its content. */
interface Row {
  district_id: string;
  from_party: string;
  status: string;
  submitted_at: Date;
  resolved_at: Date | null;
  handed_over_at: Date | null;
}

const MINUTE = 60_000;

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * How many people were brought back, and how fast (issue 15: the op-ed's
 * "hundreds of Israelis annually", the plan's indicators). Counted over the
 * safe returns the caller may see (the request visibility rule): a count is a
 * record too, so a party's officer never learns of requests hidden from them.
 * A period counts the requests sent in it, and the handovers and "not found"
 * that ended in it; the time to a handover runs from sending to the handover.
 */
export async function safeReturnStatistics(
  db: Db,
  deployment: DeploymentContext,
  queries: RequestsQueries,
  caller: Caller,
  query: SafeReturnStatisticsQuery,
  now: Date,
): Promise<SafeReturnStatistics> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : startOfPeriod('year', now, deployment.deployment.timeZone);
  if (from >= to)
    throw badRequest('empty_period', 'The period ends before it starts.', [
      { path: 'querystring.from', message: 'Before "to"' },
    ]);
  const types = queries
    .types()
    .filter((type) => type.handover)
    .map((type) => type.code);
  const district = query.district ? await findDistrict(db, query.district) : null;
  const rows: Row[] =
    types.length === 0
      ? []
      : await safeReturnRows(db, queries.condition(caller.actor), {
          types,
          districtId: district?.id ?? null,
          from,
          to,
        });
  const within = (date: Date | null) => date !== null && date >= from && date < to;
  const handedOver = rows.filter((row) => row.status === 'completed' && within(row.handed_over_at));
  const minutes = (rows: Row[]) =>
    median(rows.map((row) => ((row.handed_over_at as Date).getTime() - row.submitted_at.getTime()) / MINUTE));
  const groups = <K extends string>(key: (row: Row) => K) => {
    const map = new Map<K, Row[]>();
    for (const row of handedOver) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return [...map].sort(([a], [b]) => a.localeCompare(b));
  };
  const labels = new Map(
    (
      await districtLabels(
        db,
        handedOver.map((row) => row.district_id),
      )
    ).map((label) => [label.id, label]),
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    district: district && { id: district.id, code: district.code, names: namesOf(district) },
    requested: rows.filter((row) => within(row.submitted_at)).length,
    handedOver: handedOver.length,
    notFound: rows.filter((row) => row.status === 'not-found' && within(row.resolved_at)).length,
    stillOpen: rows.filter((row) => within(row.submitted_at) && row.resolved_at === null).length,
    medianMinutesToHandover: minutes(handedOver),
    byDistrict: groups((row) => row.district_id)
      .flatMap(([id, rows]) => {
        const label = labels.get(id);
        return label
          ? [
              {
                district: { id, code: label.code, names: namesOf(label) },
                handedOver: rows.length,
                medianMinutesToHandover: minutes(rows),
              },
            ]
          : [];
      })
      .sort((a, b) => a.district.code.localeCompare(b.district.code)),
    byParty: groups((row) => row.from_party).map(([party, rows]) => ({
      party,
      handedOver: rows.length,
      medianMinutesToHandover: minutes(rows),
    })),
  };
}

const namesOf = (row: { name_en: string; name_ar: string; name_he: string }) => ({
  en: row.name_en,
  ar: row.name_ar,
  he: row.name_he,
});

/** A district by id or code, or 400: the gazetteer is public within the deployment, so naming one leaks nothing. */
async function findDistrict(db: Db, idOrCode: string) {
  const district = await districtByIdOrCode(db, idOrCode);
  if (!district)
    throw badRequest('unknown_district', 'There is no such district.', [
      { path: 'querystring.district', message: 'A district id or code of the gazetteer' },
    ]);
  return district;
}
