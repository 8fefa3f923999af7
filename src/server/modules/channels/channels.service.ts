import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import {
  type ChannelKind,
  type ChannelStatus,
  channelActions,
  createRefusalOf,
} from '../../../core/channels/rules';
import type { createChannelSchema } from '../../../core/channels/schemas';
import type { Clock } from '../../../core/clock';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import { actorsOf } from '../../platform/actors';
import { auditActorOf, type Caller } from '../../platform/caller';
import { type Db, inTransaction, type Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventAppender, EventDraft } from '../../platform/event-draft';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { AuditService } from '../audit/audit.service';
import { ChannelsRepository } from './channels.repository';

export type ChannelRow = Awaited<ReturnType<ChannelsRepository['channelsOf']>>[number];

export interface ChannelsOptions {
  /** How long an urgent message waits for an acknowledgement before its recipients are alerted again. */
  urgentRealertSeconds: number;
}

/**
 * Channels and crisis rooms (issue #5). A channel is seen only by its members
 * who are cleared for its marking; to anyone else it does not exist (404).
 * Every change is audited and becomes a domain event in the same transaction;
 * who receives an event is decided when it is delivered (`audienceOf`), so a
 * removed member stops receiving at once, on every instance.
 */
export class ChannelsService {
  readonly repo: ChannelsRepository;

  constructor(
    protected readonly db: Db,
    protected readonly clock: Clock,
    readonly deployment: DeploymentContext,
    protected readonly audit: AuditService,
    protected readonly events: EventAppender,
    readonly options: ChannelsOptions,
  ) {
    this.repo = new ChannelsRepository(db);
  }

  // ---- who receives what

  /**
   * The audience of an event about a channel, read now: its current members
   * cleared for the channel and, for an event about a message, for that
   * message's marking. A member who was just removed still hears of their own
   * removal, nothing more.
   */
  async audienceOf(event: { type: string; subjectId: string; data: Record<string, unknown> }) {
    const rule = this.deployment.rule;
    const channel = await this.repo.channel(event.subjectId);
    if (!channel) return () => false;
    const members = new Set(await this.repo.memberIds(channel.id));
    const channelMarking = markingOfRow(channel);
    let messageMarking: Marking | null = null;
    if (typeof event.data.seq === 'number') {
      const message = await this.repo.messageRow(channel.id, event.data.seq);
      if (!message) return () => false;
      messageMarking = markingOfRow(message);
    }
    const removed = event.type === 'channel.member_removed' ? event.data.userId : null;
    return (viewer: { userId: string; actor: Actor }) =>
      (members.has(viewer.userId) || viewer.userId === removed) &&
      rule.canSee(viewer.actor, channelMarking) &&
      (messageMarking === null || rule.canSee(viewer.actor, messageMarking));
  }

  // ---- reading

  /** The channels the caller is a member of and may see, newest first, with unread counts. */
  list(caller: Caller): Promise<ChannelRow[]> {
    return this.repo.channelsOf(caller.actor.userId, this.visible(caller.actor), this.readable(caller.actor));
  }

  /** One channel of the caller's, or 404: a stranger learns nothing, not even that it exists. */
  async find(caller: Caller, id: string): Promise<ChannelRow> {
    const [row] = await this.repo.channelsOf(
      caller.actor.userId,
      this.visible(caller.actor),
      this.readable(caller.actor),
      id,
    );
    if (!row) throw notFound('channel_not_found', 'There is no such channel.');
    return row;
  }

  async detail(caller: Caller, id: string) {
    const row = await this.find(caller, id);
    return { row, members: await this.repo.members(id) };
  }

  actionsOf(caller: Caller, row: ChannelRow) {
    return channelActions(
      { kind: row.kind as ChannelKind, status: row.status as ChannelStatus, createdBy: row.created_by },
      { userId: caller.actor.userId, roles: caller.roles },
    );
  }

  /** Channels the actor may see: the access rule over the channel's marking (membership is joined in the query). */
  protected visible(actor: Actor) {
    return this.deployment.rule.where(actor, 'c');
  }

  /** Messages the actor may read: the access rule over each message's own marking. */
  protected readable(actor: Actor) {
    return this.deployment.rule.where(actor, 'm');
  }

  // ---- writing

  async create(caller: Caller, input: z.output<typeof createChannelSchema>): Promise<string> {
    const kind = input.kind;
    const refusal = createRefusalOf(kind, caller.actor.party, caller.roles);
    if (refusal === 'coordinator_only')
      throw forbidden('coordinator_only', 'Crisis rooms and hotlines are opened by the coordinator.');
    if (refusal)
      throw forbidden(
        'may_not_open_channel',
        'Only officers, supervisors and coordinators of a party open channels.',
      );
    const memberIds = [...new Set(input.memberIds)].filter((id) => id !== caller.actor.userId);
    const users = await this.repo.users(memberIds);
    const unknown = memberIds.filter((id) => !users.some((user) => user.id === id));
    if (unknown.length)
      throw badRequest(
        'unknown_user',
        `No such user: ${unknown.join(', ')}.`,
        unknown.map((id) => ({
          path: `body.memberIds.${input.memberIds.indexOf(id)}`,
          message: 'No such user',
        })),
      );
    const parties = [
      ...new Set([
        caller.actor.party as string,
        ...users.flatMap((user) => (user.party ? [user.party] : [])),
      ]),
    ];
    const lowest = this.deployment.scheme.levels[0]?.code ?? 'U';
    const marking = await resolveMarking(
      this.db,
      this.deployment,
      caller,
      {
        classification: input.marking?.classification ?? `(${lowest})`,
        parties: input.marking?.parties ?? parties,
        groups: input.marking?.groups ?? [],
      },
      'body.marking',
    );
    await this.refuseUncleared(
      this.db,
      memberIds,
      marking,
      (id) => `body.memberIds.${input.memberIds.indexOf(id)}`,
    );
    const now = this.clock.now();
    return inTransaction(this.db, async (tx) => {
      const { id } = await this.repo.insertChannel(tx, {
        kind,
        name: input.name,
        created_by: caller.actor.userId,
        created_at: now,
        ...markingToColumns(marking),
      });
      await this.repo.addMembers(tx, id, [caller.actor.userId, ...memberIds], caller.actor.userId, now);
      await this.audit.record(tx, {
        action: 'channel.created',
        actor: auditActorOf(caller),
        subject: { type: 'channel', id },
        ip: caller.ip,
        after: { kind, name: input.name, memberIds },
        details: { kind, members: memberIds.length + 1 },
        marking,
      });
      await this.appendAll(
        tx,
        memberIds.map((userId) => ({
          type: 'channel.member_added',
          subjectType: 'channel',
          subjectId: id,
          data: { userId },
        })),
      );
      return id;
    });
  }

  async addMember(caller: Caller, id: string, userId: string): Promise<void> {
    const row = await this.find(caller, id);
    this.refuseIfClosed(row);
    if (!this.actionsOf(caller, row).addMember)
      throw forbidden('may_not_add_member', 'Only the coordinator adds members to a crisis room or hotline.');
    const [user] = await this.repo.users([userId]);
    if (!user)
      throw badRequest('unknown_user', 'There is no such user.', [
        { path: 'body.userId', message: 'No such user' },
      ]);
    const marking = markingOfRow(row);
    await this.refuseUncleared(this.db, [userId], marking, () => 'body.userId');
    await inTransaction(this.db, async (tx) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      if (await this.repo.membership(id, userId, tx))
        throw conflict('already_member', `${user.display_name} is already a member of this channel.`);
      await this.repo.addMembers(tx, id, [userId], caller.actor.userId, this.clock.now());
      await this.audit.record(tx, {
        action: 'channel.member-added',
        actor: auditActorOf(caller),
        subject: { type: 'channel', id },
        ip: caller.ip,
        details: { userId, username: user.username },
        marking,
      });
      await this.events.append(tx, {
        type: 'channel.member_added',
        subjectType: 'channel',
        subjectId: id,
        data: { userId },
      });
    });
  }

  /** A manager removes anyone; every member may leave. */
  async removeMember(caller: Caller, id: string, userId: string): Promise<void> {
    const row = await this.find(caller, id);
    this.refuseIfClosed(row);
    const leaving = userId === caller.actor.userId;
    if (!leaving && !this.actionsOf(caller, row).removeMember)
      throw forbidden('may_not_remove_member', 'Only those who manage the channel remove its members.');
    await inTransaction(this.db, async (tx) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      if (!(await this.repo.removeMember(tx, id, userId)))
        throw notFound('member_not_found', 'That user is not a member of this channel.');
      await this.audit.record(tx, {
        action: 'channel.member-removed',
        actor: auditActorOf(caller),
        subject: { type: 'channel', id },
        ip: caller.ip,
        details: { userId, left: leaving },
        marking: markingOfRow(row),
      });
      await this.events.append(tx, {
        type: 'channel.member_removed',
        subjectType: 'channel',
        subjectId: id,
        data: { userId },
      });
    });
  }

  /** Closes a crisis room: from then on it is read-only, kept as the record of the escalation. */
  async close(caller: Caller, id: string): Promise<void> {
    const row = await this.find(caller, id);
    this.refuseIfClosed(row);
    if (row.kind !== 'crisis') throw conflict('not_closable', 'Only a crisis room is closed.');
    if (!this.actionsOf(caller, row).close)
      throw forbidden('may_not_close', "Only the coordinator's people close a crisis room.");
    await inTransaction(this.db, async (tx) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      await this.repo.close(tx, id, caller.actor.userId, this.clock.now());
      await this.audit.record(tx, {
        action: 'channel.closed',
        actor: auditActorOf(caller),
        subject: { type: 'channel', id },
        ip: caller.ip,
        marking: markingOfRow(row),
      });
      await this.events.append(tx, { type: 'channel.closed', subjectType: 'channel', subjectId: id });
    });
  }

  // ---- the pieces

  /** Nobody joins a channel they could not read: the refusal names who and why. */
  protected async refuseUncleared(
    q: Db | Tx,
    userIds: readonly string[],
    marking: Marking,
    pathOf: (userId: string) => string,
  ) {
    const actors = await actorsOf(q, userIds);
    const uncleared = actors.filter((actor) => !this.deployment.rule.canSee(actor, marking));
    if (uncleared.length === 0) return;
    const users = await this.repo.users(
      uncleared.map((actor) => actor.userId),
      q,
    );
    const names = users.map((user) => user.username).join(', ');
    throw badRequest(
      'member_not_cleared',
      `${names} may not see what is marked as this channel is (clearance, party, releasability or groups): they cannot be a member.`,
      uncleared.map((actor) => ({
        path: pathOf(actor.userId),
        message: 'Not cleared for the channel marking',
      })),
    );
  }

  protected refuseIfClosed(row: { status: string }) {
    if (row.status !== 'open') throw this.closedError();
  }

  protected closedError() {
    return conflict('channel_closed', 'This crisis room is closed: it is kept read-only.');
  }

  protected async appendAll(tx: Tx, drafts: readonly EventDraft[]) {
    for (const draft of drafts) await this.events.append(tx, draft);
  }
}
