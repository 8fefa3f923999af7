import { actorsOf } from '../../platform/actors';
import type { Caller } from '../../platform/caller';
import type { Change, Unit } from '../../platform/change';
import { markingOfRow, markingToColumns } from '../../platform/marked-records';
import { coordinatorParties } from '../../platform/parties';
import { requestReference } from '../notifications/reference';
import type { ChannelsService, MessageRow } from './channels.service';

/** The messages of a request's thread as one reader may read them. */
export interface RequestThread {
  channelId: string;
  /** Whether the reader follows the thread in their channels (unread counts, mentions, alerts). */
  member: boolean;
  messages: MessageRow[];
}

/** More than any request's thread holds: the request page shows it whole. */
const THREAD_PAGE = 2_000;

/**
 * The thread of a coordination request (issue #5: "one thread per request"):
 * a channel of kind `request`, opened when the request is submitted.
 *
 * Who reads it is the request's rule, not a member list: whoever may read the
 * request reads its thread on the request's page (the requests module checks
 * that first), message by message under each message's own marking. Members
 * are those who follow it in their channels, with unread counts, mentions and
 * urgent alerts: at first the submitter, the staff of the requesting and
 * receiving desks and the coordinator's duty officers, each only if cleared
 * for the request; then whoever writes in it.
 */
export class RequestThreads {
  constructor(
    private readonly change: Change,
    private readonly channels: ChannelsService,
  ) {}

  /** Opens the request's thread unless it has one; inside the transaction that submits the request. */
  async open(unit: Pick<Unit, 'tx' | 'now' | 'emit'>, requestId: string, openedBy: string): Promise<string> {
    const { tx, now } = unit;
    const existing = await this.channels.repo.threadOf(requestId, tx);
    if (existing) return existing.id;
    const request = await this.channels.repo.requestOf(requestId, tx);
    const marking = markingOfRow(request);
    const deskIds = [request.requesting_desk_id, request.receiving_desk_id].filter((id) => id !== null);
    const candidates = [
      openedBy,
      request.requested_by,
      ...(await this.channels.repo.deskMemberIds(deskIds, tx)),
      ...(await this.channels.repo.usersWithRole(await coordinatorParties(tx), 'duty-officer', tx)),
    ];
    const members = (await actorsOf(tx, candidates))
      .filter((actor) => this.channels.deployment.rule.canSee(actor, marking))
      .map((actor) => actor.userId);
    const { id } = await this.channels.repo.insertChannel(tx, {
      kind: 'request',
      name: `${requestReference(request.number)} · ${request.summary}`,
      request_id: requestId,
      created_by: openedBy,
      created_at: now,
      ...markingToColumns(marking),
    });
    await this.channels.repo.addMembers(tx, id, members, openedBy, now);
    // One event for all the first members (its audience is the members): submitting stays one short transaction.
    unit.emit({ type: 'channel.opened', subjectType: 'channel', subjectId: id });
    return id;
  }

  /**
   * The thread as `caller` may read it, for a request the caller was already
   * found to see. A read of messages marked above the lowest level is audited
   * as in any channel.
   */
  async read(caller: Caller, requestId: string): Promise<RequestThread | null> {
    const channel = await this.channels.repo.threadOf(requestId);
    if (!channel) return null;
    const [messages, membership] = await Promise.all([
      this.channels.repo.messages(channel.id, this.channels.deployment.rule.where(caller.actor, 'm'), {
        after: 0,
        limit: THREAD_PAGE,
      }),
      this.channels.repo.membership(channel.id, caller.actor.userId),
    ]);
    await this.channels.recordReads(caller, channel.id, messages, 'list');
    return { channelId: channel.id, member: membership !== undefined, messages };
  }

  /**
   * Writes in the request's thread for someone the requests module allowed
   * to: they join the thread first (a writer follows what they wrote in), and
   * the message is posted once per idempotency key, as in any channel.
   */
  async post(caller: Caller, requestId: string, input: { body: string; idempotencyKey: string }) {
    const channelId = await this.joined(caller, requestId);
    const { seq } = await this.channels.post(caller, channelId, {
      body: input.body,
      idempotencyKey: input.idempotencyKey,
      urgent: false,
    });
    return { channelId, seq };
  }

  async messageId(channelId: string, seq: number): Promise<string> {
    const row = await this.channels.repo.messageRow(channelId, seq);
    return (row as NonNullable<typeof row>).id;
  }

  private async joined(caller: Caller, requestId: string): Promise<string> {
    const userId = caller.actor.userId;
    return this.change(caller, 'channel.member-added', async (unit) => {
      const { tx, now } = unit;
      const channelId = await this.open(unit, requestId, userId);
      if (await this.channels.repo.membership(channelId, userId, tx)) return channelId;
      const channel = await this.channels.repo.lockChannel(tx, channelId);
      await this.channels.repo.addMembers(tx, channelId, [userId], userId, now);
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
}
