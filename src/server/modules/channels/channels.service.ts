import type { Expression, SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import {
  type ChannelKind,
  type ChannelStatus,
  channelActions,
  createRefusalOf,
  parseMentions,
} from '../../../core/channels/rules';
import type {
  createChannelSchema,
  listMessagesQuerySchema,
  postMessageSchema,
  searchMessagesQuerySchema,
} from '../../../core/channels/schemas';
import type { Clock } from '../../../core/clock';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { combineMarkings, type Marking, sameMarking } from '../../../core/marking/marking';
import { hebrewVariants, queryTerms } from '../../../core/search/search-text';
import { actorsOf } from '../../platform/actors';
import { checkedFile } from '../../platform/attachments';
import type { Caller } from '../../platform/caller';
import type { Change, Unit } from '../../platform/change';
import { constraintViolation } from '../../platform/db/constraints';
import type { Db, Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { ReadAudit } from '../../platform/read-audit';
import { highlighted, START, STOP, tsquery } from '../search/search.service';
import { ChannelsRepository, num } from './channels.repository';

export type ChannelRow = Awaited<ReturnType<ChannelsRepository['channelsOf']>>[number];
export type ChannelAccess = NonNullable<Awaited<ReturnType<ChannelsRepository['accessible']>>>;

export type MessageRow = Awaited<ReturnType<ChannelsRepository['messages']>>[number];
type Person = { id: string; username: string; display_name: string; party: string | null };

/** A message as the caller may see it, with what the presenter shows beside it. */
export interface MessageView {
  row: MessageRow;
  mentions: string[];
  attachments: Array<{ id: string; filename: string; media_type: string; size: number; sha256: string }>;
  acknowledgedByMe: boolean;
  /** Only for the author of an urgent message. */
  acknowledgements: { acknowledged: Array<Person & { at: Date }>; pending: Person[] } | null;
}

export interface ChannelsOptions {
  /** How long an urgent message waits for an acknowledgement before its recipients are alerted again. */
  urgentRealertSeconds: number;
  /** Someone seen on a live connection (by any instance) this recently counts as online. */
  presenceWindowMs: number;
  /** The users with a live connection to this instance now. */
  onlineHere: () => readonly string[];
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
    protected readonly change: Change,
    protected readonly reads: ReadAudit,
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
  async find(caller: Caller, id: string): Promise<ChannelAccess> {
    const row = await this.repo.accessible(caller.actor.userId, this.visible(caller.actor), id);
    if (!row) throw notFound('channel_not_found', 'There is no such channel.');
    return row;
  }

  /** One channel of the caller's with their unread counts, or 404. */
  async summary(caller: Caller, id: string): Promise<ChannelRow> {
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
    const row = await this.summary(caller, id);
    return { row, members: await this.repo.members(id) };
  }

  actionsOf(caller: Caller, row: ChannelAccess) {
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
    if (kind === 'request')
      throw badRequest(
        'thread_opens_with_request',
        "A request's thread opens when the request is submitted.",
        [{ path: 'body.kind', message: 'Opened with its request, not by hand' }],
      );
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
    const lowest = this.deployment.lowest;
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
    return this.change(caller, 'channel.created', async ({ tx, now, audit, emit }) => {
      const { id } = await this.repo.insertChannel(tx, {
        kind,
        name: input.name,
        created_by: caller.actor.userId,
        created_at: now,
        ...markingToColumns(marking),
      });
      await this.repo.addMembers(tx, id, [caller.actor.userId, ...memberIds], caller.actor.userId, now);
      audit({
        subject: { type: 'channel', id },
        after: { kind, name: input.name, memberIds },
        details: { kind, members: memberIds.length + 1 },
        marking,
      });
      emit(
        ...memberIds.map((userId) => ({
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
    await this.change(caller, 'channel.member-added', async ({ tx, now, audit, emit }) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      if (await this.repo.membership(id, userId, tx))
        throw conflict('already_member', `${user.display_name} is already a member of this channel.`);
      await this.repo.addMembers(tx, id, [userId], caller.actor.userId, now);
      audit({
        subject: { type: 'channel', id },
        details: { userId, username: user.username },
        marking,
      });
      emit({
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
    await this.change(caller, 'channel.member-removed', async ({ tx, audit, emit }) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      if (!(await this.repo.removeMember(tx, id, userId)))
        throw notFound('member_not_found', 'That user is not a member of this channel.');
      audit({
        subject: { type: 'channel', id },
        details: { userId, left: leaving },
        marking: markingOfRow(row),
      });
      emit({
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
    await this.change(caller, 'channel.closed', async ({ tx, now, audit, emit }) => {
      const locked = await this.repo.lockChannel(tx, id);
      if (locked.status !== 'open') throw this.closedError();
      await this.repo.close(tx, id, caller.actor.userId, now);
      audit({
        subject: { type: 'channel', id },
        marking: markingOfRow(row),
      });
      emit({ type: 'channel.closed', subjectType: 'channel', subjectId: id });
    });
  }

  // ---- messages

  /** Messages after `after`, in sequence order, those the caller may read (a higher-marked one is skipped). */
  async messages(caller: Caller, id: string, query: z.output<typeof listMessagesQuerySchema>) {
    const row = await this.find(caller, id);
    const rows = await this.repo.messages(id, this.readable(caller.actor), {
      after: query.after,
      limit: query.limit,
    });
    await this.recordReads(caller, id, rows, 'list');
    return { row, items: await this.decorate(caller, rows) };
  }

  /** One message, as `message`, for someone reading it: a read above the lowest level is audited. */
  async read(caller: Caller, id: string, seq: number): Promise<MessageView> {
    const view = await this.message(caller, id, seq);
    await this.recordReads(caller, id, [view.row], 'id');
    return view;
  }

  /** One message the caller may read, or 404. */
  async message(caller: Caller, id: string, seq: number): Promise<MessageView> {
    await this.find(caller, id);
    const [view] = await this.decorate(caller, await this.readableMessage(caller, id, seq));
    if (!view) throw notFound('message_not_found', 'There is no such message.');
    return view;
  }

  /**
   * Posts a message once: the same idempotency key from the same author in
   * the same channel answers the message it already posted (`created` false).
   */
  async post(
    caller: Caller,
    id: string,
    input: z.output<typeof postMessageSchema>,
  ): Promise<{ seq: number; created: boolean }> {
    const row = await this.find(caller, id);
    const posted = await this.repo.messageByKey(id, caller.actor.userId, input.idempotencyKey);
    if (posted) return { seq: num(posted.seq), created: false };
    this.refuseIfClosed(row);
    if (input.replyTo !== undefined && (await this.readableMessage(caller, id, input.replyTo)).length === 0)
      throw badRequest('unknown_reply', 'There is no such message to reply to in this channel.', [
        { path: 'body.replyTo', message: 'No such message' },
      ]);
    const marking = await this.messageMarking(caller, row, input.marking);
    const mentioned = await this.mentionable(id, input.body, marking);
    try {
      const seq = await this.change(caller, 'channel.message-posted', async (unit) => {
        const { tx, now, audit, emit } = unit;
        const seq = await this.repo.allocateSeq(tx, id);
        if (seq === undefined) throw this.closedError();
        const message = await this.repo.insertMessage(tx, {
          channel_id: id,
          seq,
          author_id: caller.actor.userId,
          idempotency_key: input.idempotencyKey,
          body: input.body,
          search_extra: hebrewVariants(input.body),
          urgent: input.urgent,
          reply_to_seq: input.replyTo ?? null,
          created_at: now,
          ...markingToColumns(marking),
        });
        await this.repo.addMentions(tx, message.id, mentioned);
        if (input.urgent)
          await this.repo.scheduleAlert(
            tx,
            message.id,
            new Date(now.getTime() + this.options.urgentRealertSeconds * 1000),
          );
        audit({
          subject: { type: 'channel', id },
          after: { body: input.body },
          details: { seq, urgent: input.urgent, mentions: mentioned.length },
          marking,
        });
        await this.tellRequest(unit, row, { seq, change: 'posted' }, marking);
        emit({
          type: 'message.created',
          subjectType: 'channel',
          subjectId: id,
          data: { seq, urgent: input.urgent, authorId: caller.actor.userId },
        });
        return seq;
      });
      return { seq, created: true };
    } catch (error) {
      // The same key sent twice at once: the second lost the race and answers the first.
      if (constraintViolation(error)?.constraint === 'channel_messages_idempotency') {
        const first = await this.repo.messageByKey(id, caller.actor.userId, input.idempotencyKey);
        if (first) return { seq: num(first.seq), created: false };
      }
      throw error;
    }
  }

  /** The author rewrites their message; what it said before is kept in its history. */
  async edit(caller: Caller, id: string, seq: number, body: string): Promise<void> {
    const row = await this.find(caller, id);
    const message = await this.ownMessage(caller, row, seq);
    const marking = markingOfRow(message);
    const mentioned = await this.mentionable(id, body, marking);
    await this.change(caller, 'channel.message-edited', async (unit) => {
      const { tx, now, audit, emit } = unit;
      const locked = await this.repo.lockMessage(tx, message.id);
      if (locked.deleted_at || locked.body === null) throw this.deletedError();
      await this.repo.edit(
        tx,
        { id: locked.id, body: locked.body, writtenAt: locked.edited_at ?? locked.created_at },
        body,
        hebrewVariants(body),
        now,
      );
      await this.repo.addMentions(tx, locked.id, mentioned);
      audit({
        subject: { type: 'channel', id },
        before: { body: locked.body },
        after: { body },
        details: { seq },
        marking,
      });
      await this.tellRequest(unit, row, { seq, change: 'edited' }, marking);
      emit({
        type: 'message.updated',
        subjectType: 'channel',
        subjectId: id,
        data: { seq, change: 'edited' },
      });
    });
  }

  /** Deletes a message's words: a tombstone keeps its place in the sequence. */
  async remove(caller: Caller, id: string, seq: number): Promise<void> {
    const row = await this.find(caller, id);
    const message = await this.ownMessage(caller, row, seq);
    await this.change(caller, 'channel.message-deleted', async (unit) => {
      const { tx, now, audit, emit } = unit;
      const locked = await this.repo.lockMessage(tx, message.id);
      if (locked.deleted_at) throw this.deletedError();
      await this.repo.tombstone(tx, locked.id, caller.actor.userId, now);
      audit({
        subject: { type: 'channel', id },
        before: { body: locked.body },
        details: { seq },
        marking: markingOfRow(locked),
      });
      await this.tellRequest(unit, row, { seq, change: 'deleted' }, markingOfRow(locked));
      emit({
        type: 'message.updated',
        subjectType: 'channel',
        subjectId: id,
        data: { seq, change: 'deleted' },
      });
    });
  }

  /** Every version of a message the caller may read, oldest first; the last is the current text. */
  async history(caller: Caller, id: string, seq: number) {
    const { row } = await this.read(caller, id, seq);
    if (row.body === null) return [];
    const edits = await this.repo.edits(row.id);
    return [
      ...edits.map((edit) => ({
        body: edit.body,
        writtenAt: edit.written_at,
        replacedAt: edit.replaced_at as Date | null,
      })),
      { body: row.body, writtenAt: row.edited_at ?? row.created_at, replacedAt: null },
    ];
  }

  /** A recipient confirms they saw an urgent message; its author sees who has and who has not. */
  async acknowledge(caller: Caller, id: string, seq: number): Promise<void> {
    const row = await this.find(caller, id);
    this.refuseIfClosed(row);
    const { row: message } = await this.message(caller, id, seq);
    if (!message.urgent) throw conflict('not_urgent', 'Only urgent messages are acknowledged.');
    if (message.deleted_at) throw this.deletedError();
    if (message.author_id === caller.actor.userId)
      throw conflict('own_message', 'The author does not acknowledge their own message.');
    await this.change(caller, 'channel.message-acknowledged', async ({ tx, now, audit, emit }) => {
      if (!(await this.repo.acknowledge(tx, message.id, caller.actor.userId, now))) return;
      audit({
        subject: { type: 'channel', id },
        details: { seq },
        marking: markingOfRow(message),
      });
      emit({
        type: 'message.acknowledged',
        subjectType: 'channel',
        subjectId: id,
        data: { seq, userId: caller.actor.userId },
      });
    });
  }

  /** Moves the caller's read position forward (never back, never past the newest message). */
  async markRead(caller: Caller, id: string, seq: number): Promise<void> {
    const row = await this.find(caller, id);
    await this.repo.setReadPosition(id, caller.actor.userId, Math.min(seq, num(row.last_seq)));
  }

  /**
   * Full-text search (English, Arabic and Hebrew, as for reports) over the
   * messages the caller may read in their channels: a word found only in a
   * message above their clearance gives no hit and no snippet.
   */
  async search(
    caller: Caller,
    input: z.output<typeof searchMessagesQuerySchema> & {
      from?: string;
      to?: string;
      level?: string;
      /** Requests the caller may read (over `r`): their threads are searched too, followed or not. */
      threadsVisible?: Expression<SqlBool>;
    },
  ) {
    if (input.channelId) await this.find(caller, input.channelId);
    const terms = queryTerms(input.q);
    if (terms.length === 0) return [];
    const rows = await this.repo.search(
      caller.actor.userId,
      this.visible(caller.actor),
      this.readable(caller.actor),
      tsquery(terms),
      `StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`,
      {
        channelId: input.channelId,
        limit: input.limit,
        from: input.from,
        to: input.to,
        level: input.level,
        timeZone: this.deployment.deployment.timeZone,
        threadsVisible: input.threadsVisible,
      },
    );
    return rows.map((row) => ({ row, ...highlighted(row.headline) }));
  }

  // ---- attachments

  /**
   * Attaches a file to the caller's own message; it is read by whoever may
   * read the message. Its type is sniffed from the bytes, as for requests.
   */
  async attach(caller: Caller, id: string, seq: number, file: { filename: string; bytes: Buffer }) {
    const row = await this.find(caller, id);
    const message = await this.ownMessage(caller, row, seq);
    const { filename, mediaType, sha256 } = await checkedFile(file);
    return this.change(caller, 'channel.message-attached', async ({ tx, now, audit, emit }) => {
      const locked = await this.repo.lockMessage(tx, message.id);
      if (locked.deleted_at) throw this.deletedError();
      const attachment = await this.repo.insertAttachment(tx, {
        message_id: message.id,
        uploaded_by: caller.actor.userId,
        filename,
        media_type: mediaType,
        size: file.bytes.length,
        sha256,
        content: file.bytes,
        created_at: now,
      });
      audit({
        subject: { type: 'channel', id },
        details: { seq, attachmentId: attachment.id, mediaType, size: file.bytes.length, sha256 },
        marking: markingOfRow(message),
      });
      emit({
        type: 'message.updated',
        subjectType: 'channel',
        subjectId: id,
        data: { seq, change: 'attached', attachmentId: attachment.id },
      });
      return attachment.id;
    });
  }

  /** One file of a message the caller may read, with its bytes; 404 otherwise. */
  async attachment(caller: Caller, id: string, seq: number, attachmentId: string) {
    const { row } = await this.read(caller, id, seq);
    const file = await this.repo.attachmentContent(row.id, attachmentId);
    if (!file) throw notFound('attachment_not_found', 'There is no such attachment.');
    return { ...file, content: Buffer.from(file.content) };
  }

  // ---- presence

  /** Notes that these users are online (each instance, at each heartbeat, for its live connections). */
  recordPresence(userIds: readonly string[]): Promise<void> {
    return this.repo.seen(userIds, this.clock.now());
  }

  /**
   * A user came online on this instance or left it: written down at once and
   * told (`presence.changed`, the user's id only) to everyone who shares a
   * channel with them, whose pages then read the presence again.
   */
  async presenceChanged(userId: string, online: boolean): Promise<void> {
    // Presence is not a record: the change writes no audit entry, only the event.
    await this.change(null, 'presence.changed', async ({ tx, now, emit }) => {
      if (online) await this.repo.seen([userId], now, tx);
      else await this.repo.unseen(tx, userId);
      emit({ type: 'presence.changed', subjectType: 'presence', subjectId: userId });
    });
  }

  /** Who hears of a user's presence: the members of the channels they are in. */
  async presenceAudience(event: { subjectId: string }) {
    const fellows = new Set(await this.repo.fellowMemberIds(event.subjectId));
    return (viewer: { userId: string }) => fellows.has(viewer.userId) && viewer.userId !== event.subjectId;
  }

  /** The channel's members: who is online (on any instance) and who is on a duty shift now. */
  async presence(caller: Caller, id: string) {
    await this.find(caller, id);
    const members = await this.repo.members(id);
    const ids = members.map((member) => member.id);
    const now = this.clock.now();
    const [seen, onDuty] = await Promise.all([
      this.repo.seenSince(ids, new Date(now.getTime() - this.options.presenceWindowMs)),
      this.repo.onDuty(ids, now),
    ]);
    const online = new Set([...seen, ...this.options.onlineHere()]);
    const duty = new Set(onDuty);
    return members.map((member) => ({ member, online: online.has(member.id), onDuty: duty.has(member.id) }));
  }

  private readableMessage(caller: Caller, id: string, seq: number) {
    return this.repo.messages(id, this.readable(caller.actor), { seq });
  }

  /** A message of the caller's own that can still change. */
  private async ownMessage(caller: Caller, row: ChannelAccess, seq: number): Promise<MessageRow> {
    this.refuseIfClosed(row);
    const [message] = await this.readableMessage(caller, row.id, seq);
    if (!message) throw notFound('message_not_found', 'There is no such message.');
    if (message.author_id !== caller.actor.userId)
      throw forbidden('not_your_message', 'Only its author changes a message.');
    if (message.deleted_at) throw this.deletedError();
    return message;
  }

  /**
   * A message is marked as its channel is, or higher: the author's marking is
   * combined with the channel's (highest level, every caveat and group, only
   * the parties and nationalities both allow), never lower.
   */
  private async messageMarking(
    caller: Caller,
    row: ChannelAccess,
    input: z.output<typeof postMessageSchema>['marking'],
  ): Promise<Marking> {
    const channelMarking = markingOfRow(row);
    if (!input) return channelMarking;
    const asked = await resolveMarking(
      this.db,
      this.deployment,
      caller,
      {
        classification: input.classification,
        parties: input.parties ?? channelMarking.parties,
        groups: input.groups,
      },
      'body.marking',
    );
    const marking = combineMarkings(this.deployment.scheme, [channelMarking, asked]);
    if (!this.deployment.rule.canSee(caller.actor, marking))
      throw badRequest(
        'marking_hides_from_author',
        'With this marking you could not read the message yourself.',
      );
    return marking;
  }

  /** The members a message mentions who may read it; anyone else's name stays plain text. */
  private async mentionable(channelId: string, body: string, marking: Marking): Promise<string[]> {
    const usernames = parseMentions(body);
    if (usernames.length === 0) return [];
    const members = new Set(await this.repo.memberIds(channelId));
    const named = (await this.repo.usersByUsername(usernames)).filter((user) => members.has(user.id));
    const actors = await actorsOf(
      this.db,
      named.map((user) => user.id),
    );
    return actors.filter((actor) => this.deployment.rule.canSee(actor, marking)).map((actor) => actor.userId);
  }

  private async decorate(caller: Caller, rows: MessageRow[]): Promise<MessageView[]> {
    const ids = rows.map((row) => row.id);
    const me = caller.actor.userId;
    const [mentions, acknowledgements, attachments] = await Promise.all([
      this.repo.mentionsOf(ids),
      this.repo.acknowledgements(ids),
      this.repo.attachmentsOf(ids),
    ]);
    const authored = rows.filter((row) => row.urgent && row.author_id === me && !row.deleted_at);
    const channelId = rows[0]?.channel_id;
    const members = authored.length && channelId ? await this.repo.members(channelId) : [];
    const actors = await actorsOf(
      this.db,
      members.map((member) => member.id),
    );
    return rows.map((row) => {
      const acks = acknowledgements.filter((ack) => ack.message_id === row.id);
      let tally: MessageView['acknowledgements'] = null;
      if (authored.includes(row)) {
        const marking = markingOfRow(row);
        const done = new Set(acks.map((ack) => ack.user_id));
        const cleared = new Set(
          actors.filter((actor) => this.deployment.rule.canSee(actor, marking)).map((actor) => actor.userId),
        );
        tally = {
          acknowledged: acks.map((ack) => ({
            id: ack.user_id,
            username: ack.username,
            display_name: ack.display_name,
            party: ack.party,
            at: ack.acknowledged_at,
          })),
          pending: members.filter(
            (member) => member.id !== me && cleared.has(member.id) && !done.has(member.id),
          ),
        };
      }
      return {
        row,
        mentions: mentions
          .filter((mention) => mention.message_id === row.id)
          .map((mention) => mention.username),
        attachments: attachments.filter((file) => file.message_id === row.id),
        acknowledgedByMe: acks.some((ack) => ack.user_id === me),
        acknowledgements: tally,
      };
    });
  }

  /**
   * Reads of messages marked above the lowest level are audited, as for the
   * other marked records: one entry per message read by its number, one per
   * page of a list (marked with the combination of what it held).
   */
  recordReads(caller: Caller, channelId: string, rows: readonly MessageRow[], by: 'id' | 'list') {
    return this.reads.many(
      caller,
      { type: 'channel', id: channelId },
      rows.map((row) => ({ id: num(row.seq), marking: markingOfRow(row) })),
      { action: by === 'id' ? 'record.read' : 'record.listed', key: 'seqs' },
    );
  }

  /**
   * A message in a request's thread is news of the request too: its lists
   * sort by activity, and its page refreshes for everyone who may read the
   * request, members of the thread or not. A message marked above the
   * request tells the request's readers nothing, not even that it exists.
   */
  private async tellRequest(
    { tx, now, emit }: Unit,
    row: ChannelAccess,
    data: { seq: number; change: 'posted' | 'edited' | 'deleted' },
    marking: Marking,
  ) {
    if (!row.request_id) return;
    await this.repo.touchRequest(tx, row.request_id, now);
    if (!sameMarking(marking, markingOfRow(row))) return;
    emit({
      type: 'request.commented',
      subjectType: 'request',
      subjectId: row.request_id,
      data: { channelId: row.id, ...data },
    });
  }

  protected deletedError() {
    return conflict('message_deleted', 'This message was deleted.');
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
}
