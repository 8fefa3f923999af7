import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { NotificationsTable } from '../../platform/db/schema';

/** The access rule's conditions for what notifications are about, each over the alias it names. */
export interface NotificationSubjects {
  /** Over `r`, the request. */
  request: Expression<SqlBool>;
  /** Over `c`, the channel of a message. */
  channel: Expression<SqlBool>;
  /** Over `m`, the message. */
  message: Expression<SqlBool>;
  /** Over `rp`, the report. */
  report: Expression<SqlBool>;
}

const COLUMNS = ['n.id', 'n.kind', 'n.detail', 'n.created_at', 'n.read_at'] as const;

/** Kysely queries for notifications. No policy here: the service passes the access rule's conditions in. */
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  /** New notifications, in the caller's transaction; returns who each is for. */
  insert(tx: Tx, notifications: Insertable<NotificationsTable>[]) {
    return tx.insertInto('notifications').values(notifications).returning(['id', 'user_id']).execute();
  }

  /**
   * The user's latest notifications (at most `limit` of each kind), newest
   * first, about the subjects `visible` admits: a message also only while the
   * user is a member of its channel and it is not deleted.
   */
  async latest(userId: string, visible: NotificationSubjects, limit: number) {
    const about = this.about(userId, visible);
    return {
      requests: await about.requests
        .select([
          ...COLUMNS,
          'r.id as subject_id',
          'r.number',
          'r.type_code',
          'r.priority',
          'd.code as district_code',
        ])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      messages: await about.messages
        .select([...COLUMNS, 'c.id as subject_id', 'm.seq', 'c.name'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      reports: await about.reports
        .select([...COLUMNS, 'rp.id as subject_id', 'rp.number', 'rp.title'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
    };
  }

  /** How many of the user's notifications `latest` would admit (with no limit) are unread. */
  async unread(userId: string, visible: NotificationSubjects): Promise<number> {
    const about = this.about(userId, visible);
    const unreadCount = sql<string>`count(*) filter (where n.read_at is null)`.as('unread');
    return (
      Number((await about.requests.select(unreadCount).executeTakeFirstOrThrow()).unread) +
      Number((await about.messages.select(unreadCount).executeTakeFirstOrThrow()).unread) +
      Number((await about.reports.select(unreadCount).executeTakeFirstOrThrow()).unread)
    );
  }

  /** The user's notifications about each kind of subject, joined to it, before any columns are chosen. */
  private about(userId: string, visible: NotificationSubjects) {
    const mine = this.db.selectFrom('notifications as n').where('n.user_id', '=', userId);
    return {
      requests: mine
        .innerJoin('requests as r', 'r.id', 'n.request_id')
        .innerJoin('districts as d', 'd.id', 'r.district_id')
        .where(visible.request),
      messages: mine
        .innerJoin('channels as c', 'c.id', 'n.channel_id')
        .innerJoin('channel_messages as m', (join) =>
          join.onRef('m.channel_id', '=', 'n.channel_id').onRef('m.seq', '=', 'n.channel_seq'),
        )
        .innerJoin('channel_members as cm', (join) =>
          join.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
        )
        .where('m.deleted_at', 'is', null)
        .where(visible.channel)
        .where(visible.message),
      reports: mine.innerJoin('reports as rp', 'rp.id', 'n.report_id').where(visible.report),
    };
  }

  /**
   * Marks one (or, without an id, every) unread notification of the user
   * read; returns how many rows it touched.
   */
  async markRead(userId: string, at: Date, id?: string): Promise<number> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: sql`coalesce(read_at, ${at})` })
      .where('user_id', '=', userId);
    query = id ? query.where('id', '=', id) : query.where('read_at', 'is', null);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
