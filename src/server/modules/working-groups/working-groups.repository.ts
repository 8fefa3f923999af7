import type { Db, Tx } from '../../platform/db/database';
import { directoryChannelId } from '../channels/directory-channel.repository';
import {
  addGroupMemberOnce,
  groupMemberRows,
  removeGroupMember,
  workingGroupRows,
} from '../directory/directory-lookups.repository';

/**
 * The working groups module's own rows (who leads each group), and the
 * directory's groups and members as this module reads them: the directory
 * stays the source of who belongs, asked through its functions.
 */

type Queryable = Db | Tx;

/** Working groups, by code; one when `id` is given (the directory's). */
export const workingGroups = (q: Queryable, id?: string) => workingGroupRows(q, id);
export type GroupRow = Awaited<ReturnType<typeof workingGroups>>[number];

/** Who leads these groups: chairs and secretaries. */
export function officesOf(q: Queryable, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('working_group_roles')
    .select(['group_id', 'user_id', 'role'])
    .where('group_id', 'in', [...groupIds])
    .execute();
}

/** The active members of these groups, with their party and office, by display name. */
export async function membersOf(q: Queryable, groupIds: readonly string[]) {
  const [members, offices] = await Promise.all([groupMemberRows(q, groupIds), officesOf(q, groupIds)]);
  return members.map((member) => ({
    ...member,
    office:
      offices.find((office) => office.group_id === member.group_id && office.user_id === member.id)?.role ??
      null,
  }));
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** The group's channel (opened from the directory), if there is one. */
export const channelOfGroup = (q: Queryable, groupId: string) => directoryChannelId(q, `group:${groupId}`);

export const addMember = addGroupMemberOnce;

/** Removes a member, and their office with them. */
export async function removeMember(q: Queryable, groupId: string, userId: string) {
  await q
    .deleteFrom('working_group_roles')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
  await removeGroupMember(q, groupId, userId);
}

/** Seeds who leads a group (from the deployment file). */
export async function insertOffice(
  q: Queryable,
  values: { group_id: string; user_id: string; role: 'chair' | 'secretary'; party: string },
) {
  await q.insertInto('working_group_roles').values(values).execute();
}
