import { sql } from 'kysely';
import type { NotificationDto, NotificationKind } from '../../../core/notifications/schemas';
import type { Priority } from '../../../core/requests/request-type';
import type { Caller } from '../../platform/caller';
import type { Db, Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import { EmailOutbox, type EmailSettings } from './email-outbox';
import { requestReference as reference } from './reference';

export { requestReference } from './reference';

/**
 * Tells people that something needs them. A notification names the record
 * and how urgent it is, nothing more; reading the record goes through the
 * access rule, and so does listing notifications (a user whose clearance
 * dropped stops seeing the ones about records above it). When e-mail is
 * configured, each notification is also written to the e-mail outbox, in the
 * same transaction.
 */
export class NotificationsService {
  private readonly outbox: EmailOutbox | null;

  constructor(
    private readonly db: Db,
    private readonly deployment: DeploymentContext,
    /** Null (the default) when no SMTP server is configured: no e-mail is queued. */
    email: EmailSettings | null = null,
  ) {
    this.outbox = email ? new EmailOutbox(deployment, email) : null;
  }

  /**
   * Inside the caller's transaction: one notification per recipient, its
   * e-mail when e-mail is on, and the events that push them live.
   */
  async notify(
    tx: Tx,
    recipients: readonly string[],
    notification: {
      kind: NotificationKind;
      requestId: string;
      priority: Priority;
      detail?: string | null;
      at: Date;
    },
  ): Promise<EventDraft[]> {
    if (recipients.length === 0) return [];
    const rows = await tx
      .insertInto('notifications')
      .values(
        [...new Set(recipients)].map((userId) => ({
          user_id: userId,
          request_id: notification.requestId,
          kind: notification.kind,
          detail: notification.detail ?? null,
          created_at: notification.at,
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    await this.outbox?.enqueue(tx, rows, notification);
    return rows.map((row) => ({
      type: 'notification.created',
      subjectType: 'user',
      subjectId: row.user_id,
      data: { notificationId: row.id, kind: notification.kind, priority: notification.priority },
    }));
  }

  /**
   * Inside the caller's transaction: one notification per recipient about a
   * channel message (an urgent message still unacknowledged), and the events
   * that push them live. It names the channel and the sequence number only;
   * the caller has already kept to the members who may read the message. Not
   * e-mailed; listed by GET /api/channels/notifications (through the access
   * rule), not by `list`, whose shape names a request.
   */
  async notifyAboutMessage(
    tx: Tx,
    recipients: readonly string[],
    notification: { kind: 'message.realerted'; channelId: string; seq: number; at: Date },
  ): Promise<EventDraft[]> {
    if (recipients.length === 0) return [];
    const rows = await tx
      .insertInto('notifications')
      .values(
        [...new Set(recipients)].map((userId) => ({
          user_id: userId,
          request_id: null,
          channel_id: notification.channelId,
          channel_seq: notification.seq,
          kind: notification.kind,
          created_at: notification.at,
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    return rows.map((row) => ({
      type: 'notification.created',
      subjectType: 'user',
      subjectId: row.user_id,
      data: {
        notificationId: row.id,
        kind: notification.kind,
        priority: 'urgent',
        channelId: notification.channelId,
        seq: notification.seq,
      },
    }));
  }

  async list(caller: Caller, limit = 50): Promise<{ items: NotificationDto[]; unread: number }> {
    const visible = this.deployment.rule.where(caller.actor, 'r');
    const base = this.db
      .selectFrom('notifications as n')
      .innerJoin('requests as r', 'r.id', 'n.request_id')
      .innerJoin('districts as d', 'd.id', 'r.district_id')
      .where('n.user_id', '=', caller.actor.userId)
      .where(visible);
    const rows = await base
      .select([
        'n.id',
        'n.kind',
        'n.detail',
        'n.created_at',
        'n.read_at',
        'r.id as request_id',
        'r.number',
        'r.type_code',
        'r.priority',
        'd.code as district_code',
      ])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(limit)
      .execute();
    const { unread } = await base
      .select((eb) => eb.fn.countAll<string>().as('unread'))
      .where('n.read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread),
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind as NotificationKind,
        requestId: row.request_id,
        reference: reference(row.number),
        requestType: row.type_code,
        districtCode: row.district_code,
        priority: row.priority as Priority,
        detail: row.detail,
        createdAt: row.created_at.toISOString(),
        readAt: row.read_at?.toISOString() ?? null,
      })),
    };
  }

  /**
   * Marks one (or, without an id, every) unread notification of the caller
   * read. False when the id is not one of the caller's notifications.
   */
  async markRead(caller: Caller, at: Date, id?: string): Promise<boolean> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: sql`coalesce(read_at, ${at})` })
      .where('user_id', '=', caller.actor.userId);
    query = id ? query.where('id', '=', id) : query.where('read_at', 'is', null);
    const result = await query.executeTakeFirst();
    return !id || Number(result.numUpdatedRows) > 0;
  }
}
