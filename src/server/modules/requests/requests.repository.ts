import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { RequestDeadlinesTable } from '../../platform/db/schema';
import { coordinatorParties, partyKind } from '../../platform/parties';

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
}

/** Kysely queries for requests. No policy here: the service passes the access rule's condition in. */
export class RequestsRepository {
  constructor(private readonly db: Db) {}

  /** Requests with what their views show (district, desk, requester), limited by `visible`. */
  list(
    visible: Expression<SqlBool>,
    filters: RequestFilters,
    page: { limit: number; offset: number } = { limit: 1, offset: 0 },
    db: Queryable = this.db,
  ) {
    let query = db
      .selectFrom('requests as r')
      .innerJoin('districts as d', 'd.id', 'r.district_id')
      .innerJoin('desks as k', 'k.id', 'r.receiving_desk_id')
      .innerJoin('users as u', 'u.id', 'r.requested_by')
      .selectAll('r')
      .select([
        'd.code as district_code',
        'd.name_en as district_en',
        'd.name_ar as district_ar',
        'd.name_he as district_he',
        'k.code as desk_code',
        'k.name_en as desk_en',
        'k.name_ar as desk_ar',
        'k.name_he as desk_he',
        'u.display_name as requester_name',
      ])
      .where(visible);
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
    if (filters.breached !== undefined)
      query = query.where(sql<SqlBool>`cardinality(r.breached) ${sql.raw(filters.breached ? '>' : '=')} 0`);
    // Most urgent first: the nearest unmet deadline, then the newest.
    return query
      .orderBy(sql`r.next_due_at asc nulls last`)
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }

  history(requestId: string) {
    return this.db
      .selectFrom('request_history as h')
      .leftJoin('users as u', 'u.id', 'h.actor_id')
      .leftJoin('desks as k', 'k.id', 'h.desk_id')
      .selectAll('h')
      .select([
        'u.display_name as actor_name',
        'k.code as desk_code',
        'k.name_en as desk_en',
        'k.name_ar as desk_ar',
        'k.name_he as desk_he',
      ])
      .where('h.request_id', '=', requestId)
      .orderBy('h.seq')
      .execute();
  }

  /** The internal notes of `party` on the request (the rest of the thread is the request's channel). */
  internalNotes(requestId: string, party: string | null) {
    return this.db
      .selectFrom('request_comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select('u.display_name as author_name')
      .where('c.request_id', '=', requestId)
      .where('c.internal_party', '=', party ?? '')
      .orderBy('c.seq')
      .execute();
  }

  /** Attachments as `party` may see them (internal ones of that party only), without their content. */
  attachments(requestId: string, party: string | null, attachmentId?: string) {
    let query = this.db
      .selectFrom('request_attachments as a')
      .innerJoin('users as u', 'u.id', 'a.uploaded_by')
      .select([
        'a.id',
        'a.request_id',
        'a.filename',
        'a.media_type',
        'a.size',
        'a.sha256',
        'a.uploaded_by',
        'a.uploader_party',
        'a.internal_party',
        'a.created_at',
        'u.display_name as uploader_name',
      ])
      .where('a.request_id', '=', requestId)
      .where((eb) => eb.or([eb('a.internal_party', 'is', null), eb('a.internal_party', '=', party ?? '')]));
    if (attachmentId) query = query.where('a.id', '=', attachmentId);
    return query.orderBy('a.created_at').orderBy('a.filename').execute();
  }

  async attachmentContent(attachmentId: string): Promise<Buffer> {
    const row = await this.db
      .selectFrom('request_attachments')
      .select('content')
      .where('id', '=', attachmentId)
      .executeTakeFirstOrThrow();
    return Buffer.from(row.content);
  }

  /** Requests linked to `requestId`, either way round, limited by `visible` (over alias `r`). */
  links(requestId: string, visible: Expression<SqlBool>) {
    return this.db
      .selectFrom('request_links as l')
      .innerJoin('requests as r', (join) =>
        join.on(
          sql<SqlBool>`(l.request_id = ${requestId} and r.id = l.linked_id) or (l.linked_id = ${requestId} and r.id = l.request_id)`,
        ),
      )
      .select(['r.id', 'r.number', 'r.type_code', 'r.status', 'r.summary'])
      .where(visible)
      .orderBy('r.number')
      .execute();
  }

  /** The district (or the district an area lies in) whose desks receive requests for `districtId`. */
  async placeOf(districtId: string) {
    const place = await this.db
      .selectFrom('districts')
      .selectAll()
      .where('id', '=', districtId)
      .executeTakeFirst();
    if (!place?.parent_id) return place ? { place, deskDistrictIds: [place.id] } : null;
    return { place, deskDistrictIds: [place.id, place.parent_id] };
  }

  desksIn(districtIds: string[]) {
    return this.db
      .selectFrom('desks')
      .innerJoin('parties', 'parties.id', 'desks.party_id')
      .select([
        'desks.id',
        'desks.code',
        'desks.district_id',
        'desks.counterpart_id',
        'parties.code as party_code',
        'parties.kind',
      ])
      .where('desks.district_id', 'in', districtIds)
      .execute();
  }

  async deskIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('desk_members')
      .select('desk_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((row) => row.desk_id);
  }

  coordinatorParties = () => coordinatorParties(this.db);
  partyKind = (code: string) => partyKind(this.db, code);

  /** Everyone who staffs the desk. */
  async deskMemberIds(deskId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('desk_members')
      .select('user_id')
      .where('desk_id', '=', deskId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** One request by id, as stored, without regard to who asks: for deciding who may see an event about it. */
  findRaw(id: string) {
    return this.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // ---- people to alert

  /** Officers on duty at the desk now; if nobody is rostered, everyone who staffs it. */
  async deskOfficers(tx: Queryable, deskId: string, now: Date): Promise<string[]> {
    const onDuty = await tx
      .selectFrom('duty_shifts as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('u.id')
      .where('s.desk_id', '=', deskId)
      .where('s.starts_at', '<=', now)
      .where('s.ends_at', '>', now)
      .where('u.disabled_at', 'is', null)
      .execute();
    if (onDuty.length) return unique(onDuty.map((row) => row.id));
    const members = await tx
      .selectFrom('desk_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.id')
      .where('m.desk_id', '=', deskId)
      .where('u.disabled_at', 'is', null)
      .execute();
    return members.map((row) => row.id);
  }

  /** The coordinator's duty officers on duty now; if none is rostered, every coordinator duty officer. */
  async coordinatorDutyOfficers(tx: Queryable, now: Date): Promise<string[]> {
    const base = tx
      .selectFrom('users as u')
      .innerJoin('parties as p', 'p.id', 'u.party_id')
      .select('u.id')
      .where('p.kind', '=', 'coordinator')
      .where(sql<SqlBool>`'duty-officer' = any(u.roles)`)
      .where('u.disabled_at', 'is', null);
    const onDuty = await base
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('duty_shifts as s')
            .select('s.id')
            .whereRef('s.user_id', '=', 'u.id')
            .where('s.starts_at', '<=', now)
            .where('s.ends_at', '>', now),
        ),
      )
      .execute();
    return (onDuty.length ? onDuty : await base.execute()).map((row) => row.id);
  }

  // ---- durable deadlines

  /**
   * Takes the next due deadline and locks it for this transaction. Another
   * instance skips it (SKIP LOCKED) and takes the next one, so each fires once.
   */
  claimDue(tx: Tx, now: Date): Promise<Selectable<RequestDeadlinesTable> | undefined> {
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

  /** The request a deadline belongs to, locked, so a user's transition and the timer do not cross. */
  lockRequest(tx: Tx, id: string) {
    return tx.selectFrom('requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  }
}

const unique = (ids: string[]) => [...new Set(ids)];

// ---- for the channels module (a request's thread)

/** One request's row as stored, read inside the caller's transaction (to open its thread). */
export function requestRowOf(q: Queryable, id: string) {
  return q.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A request written in (in its thread): its lists sort by activity. */
export async function touchRequest(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('requests').set({ updated_at: at }).where('id', '=', id).execute();
}

/** True where the request `requestId` (a column reference) exists and passes `visible` (over `r`). */
export function requestPasses(requestId: string, visible: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from requests as r where r.id = ${sql.ref(requestId)} and ${visible})`;
}
