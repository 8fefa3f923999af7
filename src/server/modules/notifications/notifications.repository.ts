import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { NotificationsTable } from '../../platform/db/schema';
import { messageHeadlines } from '../channels/messages.repository';
import { commitmentHeadlines } from '../commitments/commitments.repository';
import { reportHeadlines } from '../reports/reports.repository';
import { requestHeadlines } from '../requests/requests.repository';
import { submissionHeadlines } from '../submissions/submissions.repository';
import { meetingHeadlines } from '../working-groups/meetings.repository';

/** The access rule's conditions for what notifications are about, each over the alias it names. */
export interface NotificationSubjects {
  /** Over `r`, the request. */
  request: Expression<SqlBool>;
  /** Over `c`, the channel of a message. */
  channel: Expression<SqlBool>;
  /** Over `m`, the message. */
  message: Expression<SqlBool>;
  /** Over `r`, the report. */
  report: Expression<SqlBool>;
  /** Over `s`, the submission (the submission rule, not the access rule alone). */
  submission: Expression<SqlBool>;
  /** Over `g`, the group's marking of a meeting (meetingHeadlines): who may know it exists. */
  meeting: Expression<SqlBool>;
  /** Over `c`, the commitment. */
  commitment: Expression<SqlBool>;
  /** The scheme's lowest level: a group's when it names none. */
  lowest: string;
}

const COLUMNS = ['n.id', 'n.kind', 'n.detail', 'n.created_at', 'n.read_at'] as const;

/**
 * Kysely queries for notifications. No policy here: the service passes the
 * access rule's conditions in. What a notification is about is asked of the
 * module that owns it, through its headline query.
 */
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
        .select([...COLUMNS, 'r.id as subject_id', 'r.number', 'r.type_code', 'r.priority', 'r.district_id'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      messages: await about.messages
        .select([...COLUMNS, 'h.channel_id as subject_id', 'h.seq', 'h.name'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      reports: await about.reports
        .select([...COLUMNS, 'rp.id as subject_id', 'rp.number', 'rp.title'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      submissions: await about.submissions
        .select([...COLUMNS, 'sb.id as subject_id', 'sb.number', 'sb.title'])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      meetings: await about.meetings
        .select([
          ...COLUMNS,
          'mh.id as subject_id',
          'mh.title',
          'mh.group_code',
          'mh.meeting_level',
          'mh.meeting_caveats',
          'mh.meeting_rel_to',
          'mh.meeting_parties',
          'mh.meeting_groups',
        ])
        .orderBy('n.created_at', 'desc')
        .limit(limit)
        .execute(),
      commitments: await about.commitments
        .select([...COLUMNS, 'cm.id as subject_id', 'cm.title', 'cm.group_id'])
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
      Number((await about.reports.select(unreadCount).executeTakeFirstOrThrow()).unread) +
      Number((await about.submissions.select(unreadCount).executeTakeFirstOrThrow()).unread) +
      Number((await about.meetings.select(unreadCount).executeTakeFirstOrThrow()).unread) +
      Number((await about.commitments.select(unreadCount).executeTakeFirstOrThrow()).unread)
    );
  }

  /** The user's notifications about each kind of subject, joined to it, before any columns are chosen. */
  private about(userId: string, visible: NotificationSubjects) {
    const mine = this.db.selectFrom('notifications as n').where('n.user_id', '=', userId);
    return {
      requests: mine.innerJoin(requestHeadlines(this.db, visible.request).as('r'), 'r.id', 'n.request_id'),
      messages: mine.innerJoin(
        messageHeadlines(this.db, userId, visible.channel, visible.message).as('h'),
        (join) => join.onRef('h.channel_id', '=', 'n.channel_id').onRef('h.seq', '=', 'n.channel_seq'),
      ),
      reports: mine.innerJoin(reportHeadlines(this.db, visible.report).as('rp'), 'rp.id', 'n.report_id'),
      submissions: mine.innerJoin(
        submissionHeadlines(this.db, visible.submission).as('sb'),
        'sb.id',
        'n.submission_id',
      ),
      meetings: mine.innerJoin(
        meetingHeadlines(this.db, visible.meeting, visible.lowest).as('mh'),
        'mh.id',
        'n.meeting_id',
      ),
      commitments: mine.innerJoin(
        commitmentHeadlines(this.db, visible.commitment).as('cm'),
        'cm.id',
        'n.commitment_id',
      ),
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
