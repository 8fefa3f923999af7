import type { Caller } from '../../../platform/caller';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { num } from '../channels.repository';

type Deps = Pick<ChannelsContext, 'change' | 'membership' | 'channels' | 'members'>;

/** Moves the caller's read position forward (never back, never past the newest message). Not audited. */
export async function markRead(deps: Deps, caller: Caller, id: string, seq: number): Promise<void> {
  const row = await findChannel(deps, caller, id);
  await deps.change(caller, 'channel.read', ({ tx }) =>
    deps.members.setReadPosition(tx, id, caller.actor.userId, Math.min(seq, num(row.last_seq))),
  );
}
