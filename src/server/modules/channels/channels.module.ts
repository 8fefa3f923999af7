import { createChannelSchema } from '../../../core/channels/schemas';
import type { Caller } from '../../platform/caller';
import type { NotificationsService } from '../notifications/notifications.service';
import { type ChannelsContext, channelsContext } from './channels.context';
import { audienceOf, presenceAudience } from './channels.queries';
import { createChannel } from './commands/create-channel';
import { ChannelAlerts } from './commands/fire-due-realerts';
import { presenceChanged } from './commands/presence-changed';
import { recordPresence } from './commands/record-presence';
import { searchMessages } from './message-search.queries';
import { RequestThreads } from './request-threads.service';

/**
 * The channels module as the app wires it: its context (repositories, rules,
 * envelope), and the few entry points other parts of the server call.
 */
export function createChannelsModule(
  deps: Parameters<typeof channelsContext>[0] & {
    /** The notifications module's entry point for re-alerts of urgent messages. */
    notifications: Pick<NotificationsService, 'notifyAboutMessage'>;
  },
) {
  const { notifications, ...rest } = deps;
  const ctx: ChannelsContext = channelsContext(rest);
  return {
    ctx,
    /** What the requests module calls: open, read and write a request's thread. */
    threads: new RequestThreads(ctx),
    /** What the requests module calls to open an incident's crisis room: a channel opened as by hand, by the same rules. */
    openCrisisRoom: (
      caller: Caller,
      input: {
        name: string;
        memberIds: string[];
        marking: { classification: string; parties: string[]; groups: string[] };
      },
    ) => createChannel(ctx, caller, createChannelSchema.parse({ kind: 'crisis', ...input })),
    /** Re-alerts of urgent messages until they are acknowledged. */
    alerts: new ChannelAlerts({ ...ctx, notifications }),
    /** Who receives an event about a channel (the membership rule, in memory). */
    audienceOf: (event: { type: string; subjectId: string; data: Record<string, unknown> }) =>
      audienceOf(ctx, event),
    presenceAudience: (event: { subjectId: string }) => presenceAudience(ctx, event),
    recordPresence: (userIds: readonly string[]) => recordPresence(ctx, userIds),
    presenceChanged: (userId: string, online: boolean) => presenceChanged(ctx, userId, online),
    /** Message hits for the search module. */
    search: (caller: Caller, input: Parameters<typeof searchMessages>[2]) =>
      searchMessages(ctx, caller, input),
  };
}
export type ChannelsModule = ReturnType<typeof createChannelsModule>;
