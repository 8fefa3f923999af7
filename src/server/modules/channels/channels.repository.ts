import { type Expression, type Insertable, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { ChannelAttachmentsTable, MarkingColumns } from '../../platform/db/schema';

type Queryable = Db | Tx;

export interface NewChannel extends MarkingColumns {
  kind: string;
  directory_key?: string | null;
  request_id?: string | null;
  name: string;
  created_by: string;
  created_at: Date;
}

export interface NewMessage extends MarkingColumns {
  channel_id: string;
  seq: number;
  author_id: string;
  idempotency_key: string;
  body: string;
  search_extra: string;
  urgent: boolean;
  reply_to_seq: number | null;
  created_at: Date;
}

/** A message's columns as the app reads them: everything but the search index's document. */
const MESSAGE_COLUMNS = [
  'm.id',
  'm.channel_id',
  'm.seq',
  'm.author_id',
  'm.idempotency_key',
  'm.body',
  'm.search_extra',
  'm.urgent',
  'm.reply_to_seq',
  'm.created_at',
  'm.edited_at',
  'm.deleted_at',
  'm.deleted_by',
  'm.marking_level',
  'm.marking_caveats',
  'm.marking_rel_to',
  'm.marking_parties',
  'm.marking_groups',
] as const;

/** bigint: `pg` reads it as a string, PGlite as a number. */
export const num = (value: string | number | null | undefined): number => Number(value ?? 0);

/** Kysely queries for channels and their messages. No policy here: the service passes the access rule's conditions in. */
export class ChannelsRepository {
  constructor(private readonly db: Db) {}

  channel(id: string, q: Queryable = this.db) {
    return q.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Locks the channel row until the transaction ends (membership changes and closing queue on it). */
  lockChannel(tx: Tx, id: string) {
    return tx.selectFrom('channels').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  }

  membership(channelId: string, userId: string, q: Queryable = this.db) {
    return q
      .selectFrom('channel_members')
      .selectAll()
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /**
   * The channels `userId` is a member of and may see (`visible` over `c`),
   * with their unread messages and unread mentions among the messages
   * `readable` (over `m`) lets them read, most recently active first.
   */
  channelsOf(
    userId: string,
    visible: Expression<SqlBool>,
    readable: Expression<SqlBool>,
    channelId?: string,
  ) {
    let query = this.db
      .selectFrom('channels as c')
      .innerJoin('channel_members as cm', (join) =>
        join.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
      )
      .selectAll('c')
      .select((eb) => [
        'cm.last_read_seq',
        eb
          .selectFrom('channel_members as all_members')
          .whereRef('all_members.channel_id', '=', 'c.id')
          .select(eb.fn.countAll<string>().as('n'))
          .as('member_count'),
        eb
          .selectFrom('channel_messages as m')
          .whereRef('m.channel_id', '=', 'c.id')
          .whereRef('m.seq', '>', 'cm.last_read_seq')
          .where('m.author_id', '<>', userId)
          .where('m.deleted_at', 'is', null)
          .where(readable)
          .select(eb.fn.countAll<string>().as('n'))
          .as('unread'),
        eb
          .selectFrom('channel_messages as m')
          .innerJoin('channel_mentions as mm', (join) =>
            join.onRef('mm.message_id', '=', 'm.id').on('mm.user_id', '=', userId),
          )
          .whereRef('m.channel_id', '=', 'c.id')
          .whereRef('m.seq', '>', 'cm.last_read_seq')
          .where('m.deleted_at', 'is', null)
          .where(readable)
          .select(eb.fn.countAll<string>().as('n'))
          .as('mentions'),
        // When the newest message they may read was written (or the channel opened): the list's order.
        eb.fn
          .coalesce(
            eb
              .selectFrom('channel_messages as m')
              .whereRef('m.channel_id', '=', 'c.id')
              .where(readable)
              .select('m.created_at')
              .orderBy('m.seq', 'desc')
              .limit(1),
            'c.created_at',
          )
          .as('active_at'),
      ])
      .where(visible);
    if (channelId) query = query.where('c.id', '=', channelId);
    return query.orderBy('active_at', 'desc').orderBy('c.id').execute();
  }

  /**
   * One channel if `userId` is a member and may see it (`visible` over `c`),
   * without the counts: what every action checks first, at the cost of one
   * indexed lookup however long the channel.
   */
  accessible(userId: string, visible: Expression<SqlBool>, channelId: string) {
    return this.db
      .selectFrom('channels as c')
      .innerJoin('channel_members as cm', (join) =>
        join.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
      )
      .selectAll('c')
      .select('cm.last_read_seq')
      .where('c.id', '=', channelId)
      .where(visible)
      .executeTakeFirst();
  }

  members(channelId: string, q: Queryable = this.db) {
    return q
      .selectFrom('channel_members as cm')
      .innerJoin('users as u', 'u.id', 'cm.user_id')
      .leftJoin('parties as p', 'p.id', 'u.party_id')
      .select(['u.id', 'u.username', 'u.display_name', 'p.code as party', 'cm.last_read_seq'])
      .where('cm.channel_id', '=', channelId)
      .orderBy('u.username')
      .execute();
  }

  async memberIds(channelId: string, q: Queryable = this.db): Promise<string[]> {
    const rows = await q
      .selectFrom('channel_members')
      .select('user_id')
      .where('channel_id', '=', channelId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** Users by id, with their party and roles; the disabled are left out. */
  users(ids: readonly string[], q: Queryable = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('users as u')
      .leftJoin('parties as p', 'p.id', 'u.party_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'p.code as party'])
      .where('u.id', 'in', [...ids])
      .where('u.disabled_at', 'is', null)
      .execute();
  }

  usersByUsername(usernames: readonly string[], q: Queryable = this.db) {
    if (usernames.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('users')
      .select(['id', 'username'])
      .where(sql<string>`lower(username)`, 'in', [...usernames])
      .execute();
  }

  insertChannel(tx: Tx, channel: NewChannel) {
    return tx
      .insertInto('channels')
      .values({ ...channel, status: 'open' })
      .returning(['id'])
      .executeTakeFirstOrThrow();
  }

  async addMembers(tx: Tx, channelId: string, userIds: readonly string[], addedBy: string, at: Date) {
    if (userIds.length === 0) return;
    await tx
      .insertInto('channel_members')
      .values(
        userIds.map((userId) => ({
          channel_id: channelId,
          user_id: userId,
          added_by: addedBy,
          added_at: at,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeMember(tx: Tx, channelId: string, userId: string): Promise<boolean> {
    const result = await tx
      .deleteFrom('channel_members')
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  close(tx: Tx, channelId: string, userId: string, at: Date) {
    return tx
      .updateTable('channels')
      .set({ status: 'closed', closed_by: userId, closed_at: at })
      .where('id', '=', channelId)
      .execute();
  }

  /** The next sequence number of an open channel, drawn inside the posting transaction; undefined when closed. */
  async allocateSeq(tx: Tx, channelId: string): Promise<number | undefined> {
    const row = await tx
      .updateTable('channels')
      .set({ last_seq: sql`last_seq + 1` })
      .where('id', '=', channelId)
      .where('status', '=', 'open')
      .returning('last_seq')
      .executeTakeFirst();
    return row ? num(row.last_seq) : undefined;
  }

  insertMessage(tx: Tx, message: NewMessage) {
    return tx
      .insertInto('channel_messages')
      .values(message)
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow();
  }

  messageByKey(channelId: string, authorId: string, key: string) {
    return this.db
      .selectFrom('channel_messages')
      .select(['seq'])
      .where('channel_id', '=', channelId)
      .where('author_id', '=', authorId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** Messages of a channel with their authors, in sequence order, limited by `readable` (over `m`). */
  messages(
    channelId: string,
    readable: Expression<SqlBool>,
    page: { after?: number; limit?: number; seq?: number },
    q: Queryable = this.db,
  ) {
    let query = q
      .selectFrom('channel_messages as m')
      .innerJoin('users as u', 'u.id', 'm.author_id')
      .leftJoin('parties as p', 'p.id', 'u.party_id')
      .select(MESSAGE_COLUMNS)
      .select(['u.username as author_username', 'u.display_name as author_name', 'p.code as author_party'])
      .where('m.channel_id', '=', channelId)
      .where(readable);
    if (page.seq !== undefined) query = query.where('m.seq', '=', page.seq);
    if (page.after !== undefined) query = query.where('m.seq', '>', page.after);
    return query
      .orderBy('m.seq')
      .limit(page.limit ?? 1)
      .execute();
  }

  /** The raw message row (for audiences resolved outside any caller). */
  messageRow(channelId: string, seq: number, q: Queryable = this.db) {
    return q
      .selectFrom('channel_messages')
      .selectAll()
      .where('channel_id', '=', channelId)
      .where('seq', '=', seq)
      .executeTakeFirst();
  }

  lockMessage(tx: Tx, id: string) {
    return tx
      .selectFrom('channel_messages')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }

  async mentionsOf(messageIds: readonly string[]) {
    if (messageIds.length === 0) return [];
    return this.db
      .selectFrom('channel_mentions as mm')
      .innerJoin('users as u', 'u.id', 'mm.user_id')
      .select(['mm.message_id', 'u.username'])
      .where('mm.message_id', 'in', [...messageIds])
      .orderBy('u.username')
      .execute();
  }

  async addMentions(tx: Tx, messageId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return;
    await tx
      .insertInto('channel_mentions')
      .values(userIds.map((userId) => ({ message_id: messageId, user_id: userId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  acknowledgements(messageIds: readonly string[]) {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('channel_acknowledgements as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('parties as p', 'p.id', 'u.party_id')
      .select([
        'a.message_id',
        'a.user_id',
        'a.acknowledged_at',
        'u.username',
        'u.display_name',
        'p.code as party',
      ])
      .where('a.message_id', 'in', [...messageIds])
      .orderBy('a.acknowledged_at')
      .execute();
  }

  /** True when this is the user's first acknowledgement of the message. */
  async acknowledge(tx: Tx, messageId: string, userId: string, at: Date): Promise<boolean> {
    const rows = await tx
      .insertInto('channel_acknowledgements')
      .values({ message_id: messageId, user_id: userId, acknowledged_at: at })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .execute();
    return rows.length > 0;
  }

  async edit(
    tx: Tx,
    message: { id: string; body: string; writtenAt: Date },
    body: string,
    searchExtra: string,
    at: Date,
  ) {
    await tx
      .insertInto('channel_message_edits')
      .values({ message_id: message.id, body: message.body, written_at: message.writtenAt, replaced_at: at })
      .execute();
    await tx
      .updateTable('channel_messages')
      .set({ body, search_extra: searchExtra, edited_at: at })
      .where('id', '=', message.id)
      .execute();
  }

  /** The tombstone: the message keeps its place and marking, loses its words and their history. */
  async tombstone(tx: Tx, messageId: string, userId: string, at: Date) {
    await tx.deleteFrom('channel_message_edits').where('message_id', '=', messageId).execute();
    await tx.deleteFrom('channel_mentions').where('message_id', '=', messageId).execute();
    await tx.deleteFrom('channel_attachments').where('message_id', '=', messageId).execute();
    await tx
      .updateTable('channel_messages')
      .set({ body: null, search_extra: '', deleted_at: at, deleted_by: userId })
      .where('id', '=', messageId)
      .execute();
  }

  edits(messageId: string) {
    return this.db
      .selectFrom('channel_message_edits')
      .selectAll()
      .where('message_id', '=', messageId)
      .orderBy('written_at')
      .orderBy('replaced_at')
      .execute();
  }

  async setReadPosition(channelId: string, userId: string, seq: number) {
    await this.db
      .updateTable('channel_members')
      .set({ last_read_seq: sql`greatest(last_read_seq, ${seq})` })
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * Messages matching `query` (a tsquery) in the channels `userId` is a member
   * of, limited by `visible` (over `c`) and `readable` (over `m`); deleted
   * ones have no words left to find.
   */
  search(
    userId: string,
    visible: Expression<SqlBool>,
    readable: Expression<SqlBool>,
    query: RawBuilder<unknown>,
    headline: string,
    filters: {
      channelId?: string;
      limit: number;
      /** Days as the deployment counts them, in its time zone. */
      from?: string;
      to?: string;
      timeZone?: string;
      level?: string;
      /** Requests (over `r`) whose threads are searched for non-members too. */
      threadsVisible?: Expression<SqlBool>;
    },
  ) {
    const document = sql`m.search_document`;
    const threadsVisible = filters.threadsVisible;
    let select = this.db
      .selectFrom('channel_messages as m')
      .innerJoin('channels as c', 'c.id', 'm.channel_id')
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('channel_members as cm')
              .select('cm.user_id')
              .whereRef('cm.channel_id', '=', 'c.id')
              .where('cm.user_id', '=', userId),
          ),
          ...(threadsVisible
            ? [
                eb.exists(
                  eb
                    .selectFrom('requests as r')
                    .select('r.id')
                    .whereRef('r.id', '=', 'c.request_id')
                    .where(threadsVisible),
                ),
              ]
            : []),
        ]),
      )
      .innerJoin('users as u', 'u.id', 'm.author_id')
      .leftJoin('parties as p', 'p.id', 'u.party_id')
      .select(MESSAGE_COLUMNS)
      .select([
        'c.name as channel_name',
        'c.kind as channel_kind',
        'c.request_id',
        'u.username as author_username',
        'u.display_name as author_name',
        'p.code as author_party',
        sql<number>`ts_rank(${document}, ${query})`.as('rank'),
        sql<string>`ts_headline('simple', m.body, ${query}, ${headline})`.as('headline'),
      ])
      .where('m.deleted_at', 'is', null)
      .where(sql<SqlBool>`${document} @@ ${query}`)
      .where(visible)
      .where(readable);
    if (filters.channelId) select = select.where('m.channel_id', '=', filters.channelId);
    if (filters.level) select = select.where('m.marking_level', '=', filters.level);
    const day = sql<string>`(m.created_at at time zone ${filters.timeZone ?? 'UTC'})::date`;
    if (filters.from) select = select.where(day, '>=', filters.from);
    if (filters.to) select = select.where(day, '<=', filters.to);
    return select.orderBy('rank', 'desc').orderBy('m.created_at', 'desc').limit(filters.limit).execute();
  }

  // ---- standing channels between paired desks

  /** Each pair of counterpart desks once, with the parties they belong to. */
  deskPairs() {
    return this.db
      .selectFrom('desks as a')
      .innerJoin('desks as b', 'b.id', 'a.counterpart_id')
      .innerJoin('parties as pa', 'pa.id', 'a.party_id')
      .innerJoin('parties as pb', 'pb.id', 'b.party_id')
      .select([
        'a.id as a_id',
        'a.name_en as a_name',
        'pa.code as a_party',
        'b.id as b_id',
        'b.name_en as b_name',
        'pb.code as b_party',
      ])
      .where(sql<SqlBool>`a.id::text < b.id::text`)
      .orderBy('a.code')
      .execute();
  }

  async deskMemberIds(deskIds: readonly string[], q: Queryable = this.db): Promise<string[]> {
    const rows = await q
      .selectFrom('desk_members as dm')
      .innerJoin('users as u', 'u.id', 'dm.user_id')
      .select('dm.user_id')
      .distinct()
      .where('dm.desk_id', 'in', [...deskIds])
      .where('u.disabled_at', 'is', null)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** The thread of a request (see request-threads.service.ts). */
  threadOf(requestId: string, q: Queryable = this.db) {
    return q.selectFrom('channels').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  }

  /** The request a thread is opened for: its parties' desks, marking, reference and summary. */
  requestOf(requestId: string, q: Queryable = this.db) {
    return q.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  }

  /** A request written in: its lists sort by activity. */
  async touchRequest(tx: Tx, requestId: string, at: Date) {
    await tx.updateTable('requests').set({ updated_at: at }).where('id', '=', requestId).execute();
  }

  channelOfDirectoryKey(tx: Tx, key: string) {
    return tx
      .selectFrom('channels')
      .selectAll()
      .where('directory_key', '=', key)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The parties proper (not the coordinator), by code. */
  parties() {
    return this.db
      .selectFrom('parties')
      .select(['code', 'name_en'])
      .where('kind', '=', 'party')
      .orderBy('code')
      .execute();
  }

  /** The directory's working groups, with their members still in use. */
  workingGroups() {
    return this.db
      .selectFrom('groups as g')
      .select((eb) => [
        'g.id',
        'g.name_en',
        'g.parties',
        eb
          .fn<string[]>('array', [
            eb
              .selectFrom('group_members as gm')
              .innerJoin('users as u', 'u.id', 'gm.user_id')
              .select('gm.user_id')
              .whereRef('gm.group_id', '=', 'g.id')
              .where('u.disabled_at', 'is', null),
          ])
          .as('member_ids'),
      ])
      .where('g.kind', '=', 'working-group')
      .orderBy('g.code')
      .execute();
  }

  /** Users of these parties who hold `role`, still in use. */
  async usersWithRole(
    partyCodes: readonly string[],
    role: string,
    q: Queryable = this.db,
  ): Promise<string[]> {
    if (partyCodes.length === 0) return [];
    const rows = await q
      .selectFrom('users as u')
      .innerJoin('parties as p', 'p.id', 'u.party_id')
      .select('u.id')
      .where('p.code', 'in', [...partyCodes])
      .where(sql<SqlBool>`${role}::text = any(u.roles)`)
      .where('u.disabled_at', 'is', null)
      .orderBy('u.username')
      .execute();
    return rows.map((row) => row.id);
  }

  // ---- attachments

  insertAttachment(tx: Tx, file: Insertable<ChannelAttachmentsTable>) {
    return tx.insertInto('channel_attachments').values(file).returning(['id']).executeTakeFirstOrThrow();
  }

  /** What the message views list: no content. */
  attachmentsOf(messageIds: readonly string[]) {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('channel_attachments')
      .select(['id', 'message_id', 'filename', 'media_type', 'size', 'sha256', 'created_at'])
      .where('message_id', 'in', [...messageIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  attachmentContent(messageId: string, attachmentId: string) {
    return this.db
      .selectFrom('channel_attachments')
      .select(['filename', 'media_type', 'content'])
      .where('message_id', '=', messageId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
  }

  // ---- presence

  async seen(userIds: readonly string[], at: Date, q: Queryable = this.db) {
    if (userIds.length === 0) return;
    await q
      .insertInto('user_presence')
      .values(userIds.map((userId) => ({ user_id: userId, last_seen_at: at })))
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_seen_at: at }))
      .execute();
  }

  /** The user's last connection here closed: not seen any more (another instance still holding one says so at its next heartbeat). */
  async unseen(tx: Tx, userId: string) {
    await tx
      .updateTable('user_presence')
      .set({ last_seen_at: new Date(0) })
      .where('user_id', '=', userId)
      .execute();
  }

  /** Everyone who shares a channel with `userId`, themselves included: who sees their presence. */
  async fellowMemberIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('channel_members as mine')
      .innerJoin('channel_members as other', 'other.channel_id', 'mine.channel_id')
      .select('other.user_id')
      .distinct()
      .where('mine.user_id', '=', userId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** Of `userIds`, those seen on a live connection since `since`. */
  async seenSince(userIds: readonly string[], since: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('user_presence')
      .select('user_id')
      .where('user_id', 'in', [...userIds])
      .where('last_seen_at', '>=', since)
      .execute();
    return rows.map((row) => row.user_id);
  }

  /** Of `userIds`, those on a duty shift at `now` (at any desk). */
  async onDuty(userIds: readonly string[], now: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('duty_shifts')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', [...userIds])
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now)
      .execute();
    return rows.map((row) => row.user_id);
  }

  // ---- re-alert timers

  scheduleAlert(tx: Tx, messageId: string, dueAt: Date) {
    return tx.insertInto('channel_alerts').values({ message_id: messageId, due_at: dueAt }).execute();
  }

  /** One due timer, locked until the transaction ends; another instance skips it. */
  claimDueAlert(tx: Tx, now: Date) {
    return tx
      .selectFrom('channel_alerts')
      .selectAll()
      .where('fired_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  finishAlert(tx: Tx, id: string, at: Date, outcome: string) {
    return tx.updateTable('channel_alerts').set({ fired_at: at, outcome }).where('id', '=', id).execute();
  }

  messageById(tx: Tx, id: string) {
    return tx.selectFrom('channel_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async acknowledgedBy(tx: Tx, messageId: string): Promise<string[]> {
    const rows = await tx
      .selectFrom('channel_acknowledgements')
      .select('user_id')
      .where('message_id', '=', messageId)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
