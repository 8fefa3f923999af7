import type { ChannelsContext } from '../channels.context';

type Deps = Pick<ChannelsContext, 'change' | 'presence'>;

/**
 * A user came online on this instance or left it: written down at once and
 * told (`presence.changed`, the user's id only) to everyone who shares a
 * channel with them, whose pages then read the presence again.
 */
export async function presenceChanged(deps: Deps, userId: string, online: boolean): Promise<void> {
  // Presence is not a record: the change writes no audit entry, only the event.
  await deps.change(null, 'presence.changed', async ({ tx, now, emit }) => {
    if (online) await deps.presence.seen([userId], now, tx);
    else await deps.presence.unseen(tx, userId);
    emit({ type: 'presence.changed', subjectType: 'presence', subjectId: userId });
  });
}
