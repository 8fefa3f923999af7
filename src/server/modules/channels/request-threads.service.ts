import type { Caller } from '../../platform/caller';
import type { Unit } from '../../platform/change';
import type { ChannelsContext } from './channels.context';
import { joinRequestThread } from './commands/join-request-thread';
import { openRequestThread } from './commands/open-request-thread';
import { postMessage } from './commands/post-message';
import { readableMessages, recordReads } from './messages.queries';
import type { MessageRow } from './messages.repository';

/** The messages of a request's thread as one reader may read them. */
export interface RequestThread {
  channelId: string;
  /** Whether the reader follows the thread in their channels (unread counts, mentions, alerts). */
  member: boolean;
  messages: MessageRow[];
}

/** More than any request's thread holds: the request page shows it whole. */
const THREAD_PAGE = 2_000;

export type RequestThreadsDeps = Pick<
  ChannelsContext,
  | 'db'
  | 'deployment'
  | 'change'
  | 'reads'
  | 'membership'
  | 'channels'
  | 'members'
  | 'messages'
  | 'details'
  | 'alerts'
  | 'options'
>;

/**
 * The thread of a coordination request (issue #5: "one thread per request"):
 * a channel of kind `request`, opened when the request is submitted; what the
 * requests module calls. The writes are commands (open-request-thread,
 * join-request-thread, post-message); this holds their dependencies.
 *
 * Who reads it is the request's rule, not a member list: whoever may read the
 * request reads its thread on the request's page (the requests module checks
 * that first), message by message under each message's own marking. Members
 * are those who follow it in their channels, with unread counts, mentions and
 * urgent alerts.
 */
export class RequestThreads {
  constructor(private readonly deps: RequestThreadsDeps) {}

  /** Opens the request's thread unless it has one; inside the transaction that submits the request. */
  open(unit: Pick<Unit, 'tx' | 'now' | 'emit'>, requestId: string, openedBy: string): Promise<string> {
    return openRequestThread(this.deps, unit, requestId, openedBy);
  }

  /**
   * The thread as `caller` may read it, for a request the caller was already
   * found to see. A read of messages marked above the lowest level is audited
   * as in any channel.
   */
  async read(caller: Caller, requestId: string): Promise<RequestThread | null> {
    const channel = await this.deps.channels.threadOf(requestId);
    if (!channel) return null;
    const [messages, membership] = await Promise.all([
      readableMessages(this.deps, caller, channel.id, { after: 0, limit: THREAD_PAGE }),
      this.deps.members.membership(channel.id, caller.actor.userId),
    ]);
    await recordReads(this.deps, caller, channel.id, messages, 'list');
    return { channelId: channel.id, member: membership !== undefined, messages };
  }

  /**
   * Writes in the request's thread for someone the requests module allowed
   * to: they join the thread first, and the message is posted once per
   * idempotency key, as in any channel.
   */
  async post(caller: Caller, requestId: string, input: { body: string; idempotencyKey: string }) {
    const channelId = await joinRequestThread(this.deps, caller, requestId);
    const { seq } = await postMessage(this.deps, caller, channelId, {
      body: input.body,
      idempotencyKey: input.idempotencyKey,
      urgent: false,
    });
    return { channelId, seq };
  }

  async messageId(channelId: string, seq: number): Promise<string> {
    const row = await this.deps.messages.messageRow(channelId, seq);
    return (row as NonNullable<typeof row>).id;
  }
}
