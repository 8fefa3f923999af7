import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { OPEN_STATUSES } from '../../../core/requests/lifecycle';
import type { Db, Tx } from '../../platform/db/database';
import { withFreshNumber } from '../../platform/db/fresh-number';
import type { RequestDeadlinesTable, RequestHandoversTable, RequestsTable } from '../../platform/db/schema';

/**
 * Kysely queries on the rows of requests: the requests themselves, their
 * history and their durable deadlines. No policy here: callers pass the
 * visibility condition in (RequestsQueries.condition). Thread entries,
 * attachments and links are in request-entries.repository.ts.
 */

type Queryable = Db | Tx;

export interface RequestFilters {
  id?: string;
  status?: string;
  statuses?: readonly string[];
  type?: string;
  districtId?: string;
  deskId?: string;
  breached?: boolean;
  fromParty?: string;
  toParty?: string;
  /** Linked to this record (either way round for a request). */
  linkedTo?: { kind: string; id: string };
}

/** When a breached request (over `r`) first missed a deadline: the earliest due time among its breached milestones. */
const FIRST_MISSED_DEADLINE = sql`least(
  case when 'acknowledge' = any(r.breached) then r.acknowledge_due_at end,
  case when 'respond' = any(r.breached) then r.respond_due_at end,
  case when 'resolve' = any(r.breached) then r.resolve_due_at end
) asc`;

/** Requests as stored, limited by `visible` (over alias `r`), most urgent first (with `breached`, the oldest breach first). */
export function listRequests(
  q: Queryable,
  visible: Expression<SqlBool>,
  filters: RequestFilters,
  page: { limit: number; offset: number } = { limit: 1, offset: 0 },
) {
  let query = q.selectFrom('requests as r').selectAll('r').where(visible);
  if (filters.id) query = query.where('r.id', '=', filters.id);
  if (filters.status) query = query.where('r.status', '=', filters.status);
  if (filters.statuses) query = query.where('r.status', 'in', [...filters.statuses]);
  if (filters.type) query = query.where('r.type_code', '=', filters.type);
  if (filters.districtId) query = query.where('r.district_id', '=', filters.districtId);
  if (filters.deskId)
    query = query.where((eb) =>
      eb.or([
        eb('r.receiving_desk_id', '=', filters.deskId ?? ''),
        eb('r.requesting_desk_id', '=', filters.deskId ?? ''),
      ]),
    );
  if (filters.fromParty) query = query.where('r.from_party', '=', filters.fromParty);
  if (filters.toParty) query = query.where('r.to_party', '=', filters.toParty);
  if (filters.linkedTo) {
    const { kind, id } = filters.linkedTo;
    query = query.where(sql<SqlBool>`exists (select 1 from request_links l where
      (l.request_id = r.id and l.target_kind = ${kind} and l.linked_id = ${id})
      or (${kind} = 'request' and l.target_kind = 'request' and l.linked_id = r.id and l.request_id = ${id}))`);
  }
  if (filters.breached !== undefined)
    query = query.where(sql<SqlBool>`cardinality(r.breached) ${sql.raw(filters.breached ? '>' : '=')} 0`);
  // The breaches alone: the oldest first (the earliest deadline missed), as the coordinator's duty view reads them.
  if (filters.breached) query = query.orderBy(FIRST_MISSED_DEADLINE);
  // Most urgent first: the nearest unmet deadline, then the newest.
  return query
    .orderBy(sql`r.next_due_at asc nulls last`)
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * Open requests limited by `visible` (over alias `r`), with the place each is
 * about, the newest first, at most `limit`: what the map shows of them.
 */
export function listOpenRequestsAtPlaces(q: Queryable, visible: Expression<SqlBool>, limit: number) {
  return q
    .selectFrom('requests as r')
    .select([
      'r.id',
      'r.number',
      'r.summary',
      'r.status',
      'r.priority',
      'r.type_code',
      'r.from_party',
      'r.to_party',
      'r.district_id',
    ])
    .where(visible)
    .where('r.status', 'in', [...OPEN_STATUSES])
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** An open request as the map shows it. */
export type OpenRequestAtPlaceRow = Awaited<ReturnType<typeof listOpenRequestsAtPlaces>>[number];

/** A request as stored. */
export type StoredRequestRow = Awaited<ReturnType<typeof listRequests>>[number];

/** What a request's views show beside its row, named by the directory (request-labels.ts adds it). */
export interface RequestLabels {
  district_code: string;
  district_en: string;
  district_ar: string;
  district_he: string;
  desk_code: string;
  desk_en: string;
  desk_ar: string;
  desk_he: string;
  requester_name: string;
  /** Who drafted the answer waiting for approval (four eyes), if one waits. */
  drafter_name: string | null;
}

/** A request as its views show it: its row, with its district, receiving desk and requester named. */
export type RequestRow = StoredRequestRow & RequestLabels;

/** One request by id, as stored, without regard to who asks: for deciding who may see an event about it. */
export function findStoredRequest(q: Queryable, id: string) {
  return q.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request, locked for this transaction, so a user's transition and a timer do not cross. */
export function lockRequest(tx: Tx, id: string) {
  return tx.selectFrom('requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** A new request under a number drawn at random (its reference tells nothing of the others); returns its id. */
export async function insertRequest(q: Queryable, values: Insertable<RequestsTable>): Promise<string> {
  const row = await withFreshNumber(() =>
    q
      .insertInto('requests')
      .values(values)
      .onConflict((conflict) => conflict.column('number').doNothing())
      .returning(['id'])
      .executeTakeFirst(),
  );
  return row.id;
}

export async function updateRequest(q: Queryable, id: string, values: Updateable<RequestsTable>) {
  await q.updateTable('requests').set(values).where('id', '=', id).execute();
}

// ---- history

/** A request's history; entries kept to one party only where `visible` (the internal-entry rule) admits them. */
export function historyOf(q: Queryable, requestId: string, visible?: Expression<SqlBool>) {
  let query = q.selectFrom('request_history').selectAll().where('request_id', '=', requestId);
  if (visible) query = query.where(visible);
  return query.orderBy('seq').execute();
}

export type StoredHistoryRow = Awaited<ReturnType<typeof historyOf>>[number];

/** A history entry as the timeline shows it: who acted and from which desk, named by the directory. */
export type HistoryRow = StoredHistoryRow & {
  actor_name: string | null;
  desk_code: string | null;
  desk_en: string | null;
  desk_ar: string | null;
  desk_he: string | null;
};

export interface HistoryEntry {
  kind: 'created' | 'transition' | 'escalation' | 'breach';
  action: string;
  from?: string | null;
  to?: string | null;
  /** Who acted; none for the system (a timer). */
  actor?: { userId: string; party: string | null } | null;
  deskId?: string | null;
  reason?: string | undefined;
  conditions?: string | undefined;
  detail?: string | null;
  /** Kept to this party (the drafting and review of an answer). */
  internalParty?: string | null;
  at: Date;
}

export async function addHistory(q: Queryable, requestId: string, entry: HistoryEntry) {
  await q
    .insertInto('request_history')
    .values({
      request_id: requestId,
      kind: entry.kind,
      action: entry.action,
      from_status: entry.from ?? null,
      to_status: entry.to ?? null,
      actor_id: entry.actor?.userId ?? null,
      actor_party: entry.actor?.party ?? null,
      desk_id: entry.deskId ?? null,
      reason: entry.reason ?? null,
      conditions: entry.conditions ?? null,
      detail: entry.detail ?? null,
      internal_party: entry.internalParty ?? null,
      at: entry.at,
    })
    .execute();
}

// ---- handovers

export async function insertHandover(q: Queryable, values: Insertable<RequestHandoversTable>) {
  await q.insertInto('request_handovers').values(values).execute();
}

/** Where, when and to whom the request's person was handed over (request-labels.ts names the place and recorder). */
export function storedHandoverOf(q: Queryable, requestId: string) {
  return q
    .selectFrom('request_handovers')
    .select(['place_id', 'at', 'received_by', 'condition', 'recorded_by'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export type HandoverRow = NonNullable<Awaited<ReturnType<typeof storedHandoverOf>>> & {
  recorder_name: string;
  place_code: string;
  place_en: string;
  place_ar: string;
  place_he: string;
};

// ---- durable deadlines

export type DeadlineRow = NonNullable<Awaited<ReturnType<typeof claimDueDeadline>>>;

/**
 * Takes the next due deadline and locks it for this transaction. Another
 * instance skips it (SKIP LOCKED) and takes the next one, so each fires once.
 */
export function claimDueDeadline(tx: Tx, now: Date) {
  return tx
    .selectFrom('request_deadlines')
    .selectAll()
    .where('fired_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function insertDeadlines(tx: Tx, rows: Insertable<RequestDeadlinesTable>[]) {
  if (rows.length > 0) await tx.insertInto('request_deadlines').values(rows).execute();
}

export async function markDeadlineFired(tx: Tx, id: string, now: Date, outcome: 'fired' | 'moot') {
  await tx.updateTable('request_deadlines').set({ fired_at: now, outcome }).where('id', '=', id).execute();
}

/**
 * Requests as other modules name them (a notification's line, an e-mail's
 * subject): number, type, priority and district, and nothing of their content;
 * only those `visible` admits (over `r`) when it is given.
 */
export function requestHeadlines(q: Queryable, visible?: Expression<SqlBool>) {
  const query = q
    .selectFrom('requests as r')
    .select(['r.id', 'r.number', 'r.type_code', 'r.priority', 'r.district_id']);
  return visible ? query.where(visible) : query;
}

/** True where the request `requestId` (a column reference) exists and passes `visible` (over `r`): a request's thread in channel search. */
export function requestPasses(requestId: string, visible: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from requests as r where r.id = ${sql.ref(requestId)} and ${visible})`;
}

/**
 * Safe returns for the statistics: of request types `types`, visible by
 * `visible` (over `r`), sent or ended in [from, to); with the handover time.
 */
export function safeReturnRows(
  q: Queryable,
  visible: Expression<SqlBool>,
  filter: { types: string[]; districtId: string | null; from: Date; to: Date },
) {
  let query = q
    .selectFrom('requests as r')
    .leftJoin('request_handovers as h', 'h.request_id', 'r.id')
    .select([
      'r.district_id',
      'r.from_party',
      'r.status',
      sql<Date>`r.submitted_at`.as('submitted_at'),
      'r.resolved_at',
      'h.at as handed_over_at',
    ])
    .where(visible)
    .where('r.type_code', 'in', filter.types)
    .where('r.submitted_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.submitted_at', '>=', filter.from), eb('r.submitted_at', '<', filter.to)]),
        eb.and([eb('r.resolved_at', '>=', filter.from), eb('r.resolved_at', '<', filter.to)]),
      ]),
    );
  if (filter.districtId) query = query.where('r.district_id', '=', filter.districtId);
  return query.execute();
}
