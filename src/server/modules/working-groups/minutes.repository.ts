import type { MinutesSection, MinutesStatus } from '../../../core/minutes/minutes';
import type { Db, Tx } from '../../platform/db/database';
import { sectionsExtra } from './search.repository';

/** Kysely queries on minutes, their versions and signatures. No policy here. */

type Queryable = Db | Tx;

export function meetingOf(q: Queryable, meetingId: string) {
  return q.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingOf>>>;

export function minutesOf(q: Queryable, meetingId: string, lock = false) {
  const query = q.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export function versionOf(q: Queryable, meetingId: string, version: number) {
  return q
    .selectFrom('minutes_versions')
    .select(['version', 'sections', 'digest', 'written_by', 'written_at'])
    .where('meeting_id', '=', meetingId)
    .where('version', '=', version)
    .executeTakeFirst();
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof versionOf>>> & { writer_name: string };

export function versionsOf(q: Queryable, meetingId: string) {
  return q
    .selectFrom('minutes_versions')
    .select(['version', 'digest', 'written_by', 'written_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('version')
    .execute();
}

export function signaturesOf(q: Queryable, meetingId: string) {
  return q
    .selectFrom('minutes_signatures')
    .select(['version', 'party', 'user_id', 'digest', 'signed_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('signed_at')
    .execute();
}
export type SignatureRow = Awaited<ReturnType<typeof signaturesOf>>[number] & { signer_name: string };

/** The parties of the group that have a chair: each signs. */
export async function signingParties(q: Queryable, groupId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('working_group_roles')
    .select('party')
    .where('group_id', '=', groupId)
    .where('role', '=', 'chair')
    .orderBy('party')
    .execute();
  return rows.map((row) => row.party);
}

export async function writeVersion(
  tx: Tx,
  values: {
    meetingId: string;
    version: number;
    sections: MinutesSection[];
    digest: string;
    by: string;
    at: Date;
  },
  status: MinutesStatus,
) {
  if (values.version === 1)
    await tx
      .insertInto('minutes')
      .values({ meeting_id: values.meetingId, status, version: 1, updated_at: values.at })
      .execute();
  else
    await tx
      .updateTable('minutes')
      .set({ status, version: values.version, updated_at: values.at })
      .where('meeting_id', '=', values.meetingId)
      .execute();
  await tx
    .insertInto('minutes_versions')
    .values({
      meeting_id: values.meetingId,
      version: values.version,
      sections: JSON.stringify(values.sections),
      digest: values.digest,
      written_by: values.by,
      written_at: values.at,
      search_extra: sectionsExtra(values.sections),
    })
    .execute();
}

export async function setStatus(tx: Tx, meetingId: string, status: MinutesStatus, at: Date) {
  await tx
    .updateTable('minutes')
    .set({ status, updated_at: at })
    .where('meeting_id', '=', meetingId)
    .execute();
}

export async function insertSignature(
  tx: Tx,
  values: { meetingId: string; version: number; party: string; userId: string; digest: string; at: Date },
) {
  await tx
    .insertInto('minutes_signatures')
    .values({
      meeting_id: values.meetingId,
      version: values.version,
      party: values.party,
      user_id: values.userId,
      digest: values.digest,
      signed_at: values.at,
    })
    .execute();
}

/** The changes the chairs asked for, oldest first. */
export function changeRequestsOf(q: Queryable, meetingId: string) {
  return q
    .selectFrom('minutes_change_requests')
    .select(['id', 'version', 'party', 'user_id', 'note', 'created_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type ChangeRequestRow = Awaited<ReturnType<typeof changeRequestsOf>>[number] & {
  requester_name: string;
};

export async function insertChangeRequest(
  tx: Tx,
  values: { meetingId: string; version: number; party: string; userId: string; note: string; at: Date },
) {
  await tx
    .insertInto('minutes_change_requests')
    .values({
      meeting_id: values.meetingId,
      version: values.version,
      party: values.party,
      user_id: values.userId,
      note: values.note,
      created_at: values.at,
    })
    .execute();
}
