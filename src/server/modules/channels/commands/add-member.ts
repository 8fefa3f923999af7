import { badRequest, conflict, forbidden } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { activeUsersByIds } from '../../directory/directory-lookups.repository';
import type { ChannelsContext } from '../channels.context';
import { actionsOf, findChannel } from '../channels.queries';
import { closedError, refuseIfClosed, refuseUncleared } from './checks';

type Deps = Pick<ChannelsContext, 'db' | 'deployment' | 'change' | 'membership' | 'channels' | 'members'>;

/** Adds a member, who must be cleared for the channel's marking. */
export async function addMember(deps: Deps, caller: Caller, id: string, userId: string): Promise<void> {
  const row = await findChannel(deps, caller, id);
  refuseIfClosed(row);
  if (!actionsOf(caller, row).addMember)
    throw forbidden('may_not_add_member', 'Only the coordinator adds members to a crisis room or hotline.');
  const [user] = await activeUsersByIds(deps.db, [userId]);
  if (!user)
    throw badRequest('unknown_user', 'There is no such user.', [
      { path: 'body.userId', message: 'No such user' },
    ]);
  const marking = markingOfRow(row);
  await refuseUncleared(deps, deps.db, [userId], marking, () => 'body.userId');
  await deps.change(caller, 'channel.member-added', async ({ tx, now, audit, emit }) => {
    const locked = await deps.channels.lockChannel(tx, id);
    if (locked.status !== 'open') throw closedError();
    if (await deps.members.membership(id, userId, tx))
      throw conflict('already_member', `${user.display_name} is already a member of this channel.`);
    await deps.members.addMembers(tx, id, [userId], caller.actor.userId, now);
    audit({
      subject: { type: 'channel', id },
      details: { userId, username: user.username },
      marking,
    });
    emit({ type: 'channel.member_added', subjectType: 'channel', subjectId: id, data: { userId } });
  });
}
