import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { MessageActions } from '../../../core/channels/rules';
import type { Db, Tx } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { PersonNameRow } from '../directory/directory-lookups.repository';
import type { Queryable } from './channels.repository';
import type { AttachmentRow } from './message-details.repository';

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
  'm.shared_at',
  'm.marking_level',
  'm.marking_caveats',
  'm.marking_rel_to',
  'm.marking_parties',
  'm.marking_groups',
] as const;

/**
 * Messages as other modules name them (a notification's line): channel,
 * sequence number and the channel's name; only messages not deleted, in
 * channels `userId` belongs to, that `visibleChannel` (over `c`) and
 * `visibleMessage` (over `m`) admit.
 */
export function messageHeadlines(
  q: Queryable,
  userId: string,
  visibleChannel: Expression<SqlBool>,
  visibleMessage: Expression<SqlBool>,
) {
  return q
    .selectFrom('channel_messages as m')
    .innerJoin('channels as c', 'c.id', 'm.channel_id')
    .innerJoin('channel_members as cm', (join) =>
      join.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
    )
    .select(['c.id as channel_id', 'm.seq', 'c.name'])
    .where('m.deleted_at', 'is', null)
    .where(visibleChannel)
    .where(visibleMessage);
}

/** Kysely queries on messages and their edits. No policy here: `readable` and `visible` are passed in. */
export class MessagesRepository {
  constructor(private readonly db: Db) {}

  /** The newest sequence number among the channel's messages `readable` admits (over `m`); 0 when none. */
  async lastReadableSeq(channelId: string, readable: Expression<SqlBool>): Promise<number> {
    const row = await this.db
      .selectFrom('channel_messages as m')
      .select((eb) => eb.fn.max('m.seq').as('seq'))
      .where('m.channel_id', '=', channelId)
      .where(readable)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** Messages of a channel in sequence order, limited by `readable` (over `m`). */
  messages(
    channelId: string,
    readable: Expression<SqlBool>,
    page: { after?: number; limit?: number; seq?: number },
    q: Queryable = this.db,
  ) {
    let query = q
      .selectFrom('channel_messages as m')
      .select(MESSAGE_COLUMNS)
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

  messageById(tx: Tx, id: string) {
    return tx.selectFrom('channel_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  lockMessage(tx: Tx, id: string) {
    return tx
      .selectFrom('channel_messages')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
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

  insertMessage(tx: Tx, message: NewMessage) {
    return tx
      .insertInto('channel_messages')
      .values(message)
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow();
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

  /** Marks a message shared as information, once: false when it was already. */
  async markShared(tx: Tx, messageId: string, userId: string, at: Date): Promise<boolean> {
    const result = await tx
      .updateTable('channel_messages')
      .set({ shared_at: at, shared_by: userId })
      .where('id', '=', messageId)
      .where('shared_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Messages matching `query` (a tsquery) that `visible` admits (over `c`,
   * the channel, and `m`, the message); deleted ones have no words left to find.
   */
  search(
    visible: Expression<SqlBool>,
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
    },
  ) {
    const document = sql`m.search_document`;
    let select = this.db
      .selectFrom('channel_messages as m')
      .innerJoin('channels as c', 'c.id', 'm.channel_id')
      .select(MESSAGE_COLUMNS)
      .select([
        'c.name as channel_name',
        'c.kind as channel_kind',
        'c.request_id',
        sql<number>`ts_rank(${document}, ${query})`.as('rank'),
        sql<string>`ts_headline('simple', m.body, ${query}, ${headline})`.as('headline'),
      ])
      .where('m.deleted_at', 'is', null)
      .where(sql<SqlBool>`${document} @@ ${query}`)
      .where(visible);
    if (filters.channelId) select = select.where('m.channel_id', '=', filters.channelId);
    if (filters.level) select = select.where('m.marking_level', '=', filters.level);
    const day = sql<string>`(m.created_at at time zone ${filters.timeZone ?? 'UTC'})::date`;
    if (filters.from) select = select.where(day, '>=', filters.from);
    if (filters.to) select = select.where(day, '<=', filters.to);
    return select.orderBy('rank', 'desc').orderBy('m.created_at', 'desc').limit(filters.limit).execute();
  }
}

/** A message as stored and read (without its search document). */
export type MessageRecord = Awaited<ReturnType<MessagesRepository['messages']>>[number];

/** Who wrote a message, as the views show them (from the directory). */
export interface AuthorColumns {
  author_username: string;
  author_name: string;
  author_party: string | null;
}

/** A message with its author's name: what queries hand to presenters. */
export type MessageRow = MessageRecord & AuthorColumns;

export type MessageHitRecord = Awaited<ReturnType<MessagesRepository['search']>>[number];
export type MessageHitRow = MessageHitRecord & AuthorColumns;

/** Adds each message's author, as the directory names them (someone unknown keeps their id). */
export function withAuthors<T extends { author_id: string }>(
  rows: readonly T[],
  people: readonly PersonNameRow[],
): Array<T & AuthorColumns> {
  const byId = new Map(people.map((person) => [person.id, person]));
  return rows.map((row) => {
    const author = byId.get(row.author_id);
    return {
      ...row,
      author_username: author?.username ?? row.author_id,
      author_name: author?.display_name ?? row.author_id,
      author_party: author?.party ?? null,
    };
  });
}

/** A message as the caller may see it, with what the presenter shows beside it. */
export interface MessageView {
  row: MessageRow;
  mentions: string[];
  attachments: AttachmentRow[];
  acknowledgedByMe: boolean;
  /** Only for the author of an urgent message. */
  acknowledgements: {
    acknowledged: Array<PersonNameRow & { at: Date }>;
    pending: PersonNameRow[];
  } | null;
  /** What the caller may do with it now. */
  actions: MessageActions;
}
