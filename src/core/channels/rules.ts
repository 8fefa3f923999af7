import { COORDINATING_ROLES } from '../identity/roles';
import type { Role } from '../identity/schemas';

/**
 * Pure rules of channels and crisis rooms (issue #5): who opens which kind,
 * who manages members, what a closed room allows, and how mentions are read
 * from a message.
 */

export const CHANNEL_KINDS = ['standing', 'request', 'working_group', 'crisis', 'hotline'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_STATUSES = ['open', 'closed'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** Crisis rooms and hotlines belong to the coordinator: only its people open and manage them. */
export const coordinatorOnly = (kind: ChannelKind): boolean => kind === 'crisis' || kind === 'hotline';

export type CreateRefusal = 'no_party' | 'not_coordinating' | 'coordinator_only';

/** Why `roles` may not open a channel of `kind`, or null when they may. */
export function createRefusalOf(
  kind: ChannelKind,
  party: string | null,
  roles: readonly Role[],
): CreateRefusal | null {
  if (party === null) return 'no_party';
  if (coordinatorOnly(kind)) return roles.includes('coordinator') ? null : 'coordinator_only';
  return roles.some((role) => COORDINATING_ROLES.includes(role)) ? null : 'not_coordinating';
}

export interface ChannelFacts {
  kind: ChannelKind;
  status: ChannelStatus;
  createdBy: string | null;
}

export interface MemberFacts {
  userId: string;
  roles: readonly Role[];
}

/** What a member may do in a channel; the presenter hands this to clients as `actions`. */
export function channelActions(channel: ChannelFacts, member: MemberFacts) {
  const open = channel.status === 'open';
  const manages = coordinatorOnly(channel.kind)
    ? member.roles.includes('coordinator')
    : member.roles.includes('coordinator') ||
      channel.createdBy === member.userId ||
      member.roles.includes('supervisor');
  return {
    post: open,
    addMember: open && (manages || !coordinatorOnly(channel.kind)),
    // A request's thread is followed, not managed: its members are the request's people, each leaves on their own.
    removeMember: open && manages && channel.kind !== 'request',
    close: open && channel.kind === 'crisis' && member.roles.includes('coordinator'),
  };
}
export type ChannelActions = ReturnType<typeof channelActions>;

/** A username as the directory writes them: letters, digits, dots, dashes and underscores. */
const MENTION = /(^|[^\p{L}\p{N}_.@-])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/giu;

/**
 * The usernames a message mentions (`@coord.duty`), lower-cased, each once,
 * in the order they first appear. A trailing full stop ends the sentence, not
 * the name; an e-mail address is not a mention.
 */
export function parseMentions(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(MENTION)) {
    const name = (match[2] ?? '').toLowerCase();
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

/** How many seconds until an unacknowledged urgent message is alerted again. */
export const DEFAULT_URGENT_REALERT_SECONDS = 300;

/** What the rules of a message need to know of it. */
export interface MessageFacts {
  authorId: string;
  urgent: boolean;
  deleted: boolean;
  /** Shared as information already (issue 17). */
  shared?: boolean;
  /** In a working group's channel: only there is a message shared as information. */
  groupChannel?: boolean;
}

export type MessageRefusal =
  | 'channel_closed'
  | 'message_not_found'
  | 'not_your_message'
  | 'message_deleted'
  | 'not_urgent'
  | 'own_message'
  | 'not_a_group_channel'
  | 'message_shared';

/**
 * What one may do with a message: change it (edit, delete, attach a file),
 * acknowledge it, or share it as information (counted on the exchange ledger).
 */
export type MessageAction = 'change' | 'acknowledge' | 'share';

type MessageCheck = readonly [MessageRefusal, (message: MessageFacts, userId: string) => boolean];

/**
 * Each action's conditions, in the order the checks answer, as data: its
 * author changes a message while it lasts; someone else acknowledges an
 * urgent one. Both need the channel open and a message the caller may read.
 */
const MESSAGE_POLICY: Record<MessageAction, readonly MessageCheck[]> = {
  change: [
    ['not_your_message', (message, userId) => message.authorId === userId],
    ['message_deleted', (message) => !message.deleted],
  ],
  acknowledge: [
    ['not_urgent', (message) => message.urgent],
    ['message_deleted', (message) => !message.deleted],
    ['own_message', (message, userId) => message.authorId !== userId],
  ],
  share: [
    ['not_your_message', (message, userId) => message.authorId === userId],
    ['message_deleted', (message) => !message.deleted],
    ['not_a_group_channel', (message) => message.groupChannel === true],
    ['message_shared', (message) => message.shared !== true],
  ],
};

/**
 * Why `userId` may not take `action` on a message, the first condition that
 * fails; null when they may. A message the caller may not read is `undefined`.
 */
export function messageRefusalOf(
  action: MessageAction,
  channel: { status: ChannelStatus | string },
  message: MessageFacts | undefined,
  userId: string,
): MessageRefusal | null {
  if (channel.status !== 'open') return 'channel_closed';
  if (!message) return 'message_not_found';
  return MESSAGE_POLICY[action].find(([, holds]) => !holds(message, userId))?.[0] ?? null;
}

/** What a reader may do with a message now; the presenter hands this to clients as `actions`. */
export function messageActions(
  channel: { status: ChannelStatus | string },
  message: MessageFacts,
  userId: string,
) {
  const own = messageRefusalOf('change', channel, message, userId) === null;
  return {
    edit: own,
    delete: own,
    attach: own,
    acknowledge: messageRefusalOf('acknowledge', channel, message, userId) === null,
    share: messageRefusalOf('share', channel, message, userId) === null,
  };
}
export type MessageActions = ReturnType<typeof messageActions>;
