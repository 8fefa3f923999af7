import { badRequest } from '../../../../core/errors';
import type { Tx } from '../../../platform/db/database';
import { existingUserIds } from '../people.repository';
import { replaceGroupMembers } from '../places.repository';

/** Inside a group's change: its members become exactly these users, each of whom must exist. */
export async function setGroupMembers(tx: Tx, groupId: string, userIds: readonly string[]) {
  const unique = [...new Set(userIds)];
  if ((await existingUserIds(tx, unique)).length !== unique.length)
    throw badRequest('unknown_user', 'Some members are not users of Concord.');
  await replaceGroupMembers(tx, groupId, unique);
}
