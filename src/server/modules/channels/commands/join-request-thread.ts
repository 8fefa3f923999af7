import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { type OpenThreadDeps, openRequestThread } from './open-request-thread';

type Deps = OpenThreadDeps & Pick<ChannelsContext, 'change'>;

/**
 * Someone the requests module allowed to write in a request's thread joins
 * it first (a writer follows what they wrote in), opening it if it is not
 * open yet. Answers the thread's channel id.
 */
export function joinRequestThread(deps: Deps, caller: Caller, requestId: string): Promise<string> {
  const userId = caller.actor.userId;
  return deps.change(caller, 'channel.member-added', async (unit) => {
    const { tx, now } = unit;
    const channelId = await openRequestThread(deps, unit, requestId, userId);
    if (await deps.members.membership(channelId, userId, tx)) return channelId;
    const channel = await deps.channels.lockChannel(tx, channelId);
    await deps.members.addMembers(tx, channelId, [userId], userId, now);
    unit.audit({
      subject: { type: 'channel', id: channelId },
      details: { userId, joinedByWriting: true, requestId },
      marking: markingOfRow(channel),
    });
    unit.emit({
      type: 'channel.member_added',
      subjectType: 'channel',
      subjectId: channelId,
      data: { userId },
    });
    return channelId;
  });
}
