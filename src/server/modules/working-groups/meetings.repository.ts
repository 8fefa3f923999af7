import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { hebrewVariants } from '../../../core/search/search-text';
import type { Db, Tx } from '../../platform/db/database';
import type {
  MeetingAgendaItemsTable,
  MeetingAttendance,
  MeetingInvitationsTable,
  MeetingResponse,
  MeetingsTable,
} from '../../platform/db/schema';
import { peopleWithAddresses } from '../directory/directory-lookups.repository';
import { indexMeeting } from './search.repository';

/**
 * Kysely queries on meetings, their agenda and invitations, and the calendar
 * feeds' secrets. No policy here: the queries and commands decide who sees
 * and changes what.
 */

type Queryable = Db | Tx;

const MEETING_COLUMNS = [
  'm.id',
  'm.group_id',
  'm.title',
  'm.starts_at',
  'm.ends_at',
  'm.time_zone',
  'm.place',
  'm.call_link',
  'm.status',
  'm.sequence',
  'm.created_by',
  'm.created_at',
  'm.updated_at',
  'm.marking_level',
  'm.marking_caveats',
  'm.marking_rel_to',
  'm.marking_parties',
  'm.marking_groups',
] as const;

function meetingsQuery(q: Queryable) {
  return q.selectFrom('meetings as m').select(MEETING_COLUMNS);
}

export async function meetingById(q: Queryable, id: string, lock = false) {
  let query = meetingsQuery(q).where('m.id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingById>>>;

/** The meetings of these groups, by start. */
export function meetingsOfGroups(q: Queryable, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([] as MeetingRow[]);
  return meetingsQuery(q)
    .where('m.group_id', 'in', [...groupIds])
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
}

export async function insertMeeting(tx: Tx, row: Insertable<MeetingsTable>): Promise<string> {
  const { id } = await tx
    .insertInto('meetings')
    .values({ ...row, search_extra: hebrewVariants(row.title) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateMeeting(tx: Tx, id: string, set: Updateable<MeetingsTable>) {
  await tx.updateTable('meetings').set(set).where('id', '=', id).execute();
  if (set.title !== undefined) await indexMeeting(tx, id);
}

export async function agendaOf(q: Queryable, meetingId: string) {
  const items = await q
    .selectFrom('meeting_agenda_items')
    .select(['id', 'position', 'title', 'notes', 'owner_id'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  const people = await namedPeople(
    q,
    items.flatMap((item) => (item.owner_id ? [item.owner_id] : [])),
  );
  return items.map((item) => {
    const owner = item.owner_id ? people.get(item.owner_id) : undefined;
    return { ...item, owner_name: owner?.display_name ?? null, owner_username: owner?.username ?? null };
  });
}
export type AgendaRow = Awaited<ReturnType<typeof agendaOf>>[number];

export async function replaceAgenda(
  tx: Tx,
  meetingId: string,
  items: Omit<Insertable<MeetingAgendaItemsTable>, 'meeting_id'>[],
) {
  await tx.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (items.length)
    await tx
      .insertInto('meeting_agenda_items')
      .values(items.map((item) => ({ ...item, meeting_id: meetingId })))
      .execute();
  await indexMeeting(tx, meetingId);
}

export async function invitationsOf(q: Queryable, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  const invitations = await q
    .selectFrom('meeting_invitations')
    .select(['meeting_id', 'user_id', 'party', 'response', 'attendance'])
    .where('meeting_id', 'in', [...meetingIds])
    .execute();
  const people = await namedPeople(
    q,
    invitations.map((invitation) => invitation.user_id),
  );
  return invitations
    .flatMap((invitation) => {
      const person = people.get(invitation.user_id);
      return person
        ? [
            {
              ...invitation,
              display_name: person.display_name,
              username: person.username,
              email: person.email,
            },
          ]
        : [];
    })
    .sort(
      (a, b) => (a.party ?? '').localeCompare(b.party ?? '') || a.display_name.localeCompare(b.display_name),
    );
}

/** People by id with their names and address, as the directory keeps them. */
async function namedPeople(q: Queryable, ids: readonly string[]) {
  return new Map((await peopleWithAddresses(q, ids)).map((person) => [person.id, person]));
}
export type InvitationRow = Awaited<ReturnType<typeof invitationsOf>>[number];

export async function insertInvitations(tx: Tx, rows: Insertable<MeetingInvitationsTable>[]) {
  if (rows.length)
    await tx
      .insertInto('meeting_invitations')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function setResponse(
  tx: Tx,
  meetingId: string,
  userId: string,
  response: MeetingResponse,
  at: Date,
) {
  const result = await tx
    .updateTable('meeting_invitations')
    .set({ response, responded_at: at })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setAttendance(
  tx: Tx,
  meetingId: string,
  userId: string,
  attendance: MeetingAttendance | null,
) {
  await tx
    .updateTable('meeting_invitations')
    .set({ attendance })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}

/** Whose calendar secret this digest is. */
export async function calendarTokenOwner(q: Queryable, tokenHash: string) {
  const row = await q
    .selectFrom('calendar_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export function calendarTokenOf(q: Queryable, userId: string) {
  return q
    .selectFrom('calendar_tokens')
    .select(['created_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function putCalendarToken(tx: Tx, userId: string, tokenHash: string, at: Date) {
  await tx
    .insertInto('calendar_tokens')
    .values({ user_id: userId, token_hash: tokenHash, created_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: at }))
    .execute();
}

export async function deleteCalendarToken(tx: Tx, userId: string) {
  const result = await tx.deleteFrom('calendar_tokens').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Meetings with their group's marking as the marking columns (over alias
 * `g`), for the condition `visible` (whoever may know the meeting exists),
 * and the meeting's own marking beside it (whoever may read its title).
 */
export function meetingHeadlines(q: Queryable, visible: Expression<SqlBool>, lowest: string) {
  const withGroup = q
    .selectFrom('meetings as m')
    .innerJoin('groups as gr', 'gr.id', 'm.group_id')
    .select([
      'm.id',
      'm.title',
      'gr.code as group_code',
      'm.marking_level as meeting_level',
      'm.marking_caveats as meeting_caveats',
      'm.marking_rel_to as meeting_rel_to',
      'm.marking_parties as meeting_parties',
      'm.marking_groups as meeting_groups',
      // The group's own marking (groupMarking): its level, or the scheme's lowest when it has none.
      sql<string>`coalesce(gr.level, ${lowest}::text)`.as('marking_level'),
      sql<string[]>`'{}'::text[]`.as('marking_caveats'),
      sql<string[] | null>`null::text[]`.as('marking_rel_to'),
      'gr.parties as marking_parties',
      sql<string[]>`array[gr.code]::text[]`.as('marking_groups'),
    ]);
  return q.selectFrom(withGroup.as('g')).selectAll('g').where(visible);
}
