import type { ChannelsContext } from '../channels.context';

type Deps = Pick<ChannelsContext, 'change' | 'presence'>;

/**
 * Notes that these users are online (each instance, at each heartbeat, for
 * its live connections). Presence is not a record: no audit entry, no event.
 */
export async function recordPresence(deps: Deps, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await deps.change(null, 'presence.seen', ({ tx, now }) => deps.presence.seen(userIds, now, tx));
}
