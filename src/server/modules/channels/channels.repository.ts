import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { ChannelsTable, MarkingColumns } from '../../platform/db/schema';

export type Queryable = Db | Tx;

export interface NewChannel extends MarkingColumns {
  kind: string;
  directory_key?: string | null;
  request_id?: string | null;
  name: string;
  created_by: string;
  created_at: Date;
}

/** A channel's row as stored. */
export type ChannelRecord = Selectable<ChannelsTable>;

/** bigint: `pg` reads it as a string, PGlite as a number. */
export const num = (value: string | number | null | undefined): number => Number(value ?? 0);

/**
 * Kysely queries on the channels table. No policy here: the caller passes the
 * membership rule's condition in (`visible`, over `c`; `readable`, over `m`).
 */
export class ChannelsRepository {
  constructor(private readonly db: Db) {}

  channel(id: string, q: Queryable = this.db) {
    return q.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Locks the channel row until the transaction ends (membership changes and closing queue on it). */
  lockChannel(tx: Tx, id: string) {
    return tx.selectFrom('channels').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  }

  /**
   * The channels `visible` (over `c`) admits for `userId`, with the reader's
   * position, their unread messages and unread mentions among the messages
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
      .leftJoin('channel_members as cm', (join) =>
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
        // The newest message they may read: what "last" means to them (a count of the others would tell).
        eb
          .selectFrom('channel_messages as m')
          .whereRef('m.channel_id', '=', 'c.id')
          .where(readable)
          .select((inner) => inner.fn.max('m.seq').as('n'))
          .as('readable_last_seq'),
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
   * One channel if `visible` (over `c`) admits it, with the reader's position
   * and without the counts: what every action checks first, at the cost of one
   * indexed lookup however long the channel.
   */
  accessible(userId: string, visible: Expression<SqlBool>, channelId: string) {
    return this.db
      .selectFrom('channels as c')
      .leftJoin('channel_members as cm', (join) =>
        join.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
      )
      .selectAll('c')
      .select('cm.last_read_seq')
      .where('c.id', '=', channelId)
      .where(visible)
      .executeTakeFirst();
  }

  insertChannel(tx: Tx, channel: NewChannel) {
    return tx
      .insertInto('channels')
      .values({ ...channel, status: 'open' })
      .returning(['id'])
      .executeTakeFirstOrThrow();
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

  /** The thread of a request (see commands/open-request-thread.ts). */
  threadOf(requestId: string, q: Queryable = this.db) {
    return q.selectFrom('channels').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  }

  /** The channel made from the directory under `key`, locked until the transaction ends. */
  channelOfDirectoryKey(tx: Tx, key: string) {
    return tx
      .selectFrom('channels')
      .selectAll()
      .where('directory_key', '=', key)
      .forUpdate()
      .executeTakeFirst();
  }
}

/** A channel as the caller's lists show it, with their counts. */
export type ChannelRow = Awaited<ReturnType<ChannelsRepository['channelsOf']>>[number];
/** A channel the caller may see, as every action checks it first. */
export type ChannelAccess = NonNullable<Awaited<ReturnType<ChannelsRepository['accessible']>>>;
