import { forbidden, notFound } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { actionsOf, findChannel } from '../channels.queries';
import { closedError, refuseIfClosed } from './checks';

type Deps = Pick<ChannelsContext, 'change' | 'membership' | 'channels' | 'members'>;

/** A manager removes anyone; every member may leave. */
export async function removeMember(deps: Deps, caller: Caller, id: string, userId: string): Promise<void> {
  const row = await findChannel(deps, caller, id);
  refuseIfClosed(row);
  const leaving = userId === caller.actor.userId;
  if (!leaving && !actionsOf(caller, row).removeMember)
    throw forbidden('may_not_remove_member', 'Only those who manage the channel remove its members.');
  await deps.change(caller, 'channel.member-removed', async ({ tx, audit, emit }) => {
    const locked = await deps.channels.lockChannel(tx, id);
    if (locked.status !== 'open') throw closedError();
    if (!(await deps.members.removeMember(tx, id, userId)))
      throw notFound('member_not_found', 'That user is not a member of this channel.');
    audit({
      subject: { type: 'channel', id },
      details: { userId, left: leaving },
      marking: markingOfRow(row),
    });
    emit({ type: 'channel.member_removed', subjectType: 'channel', subjectId: id, data: { userId } });
  });
}
