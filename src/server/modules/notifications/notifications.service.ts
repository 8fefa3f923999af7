import type { Insertable } from 'kysely';
import type {
  NotificationDto,
  NotificationKind,
  RequestNotificationKind,
} from '../../../core/notifications/schemas';
import { reportReference } from '../../../core/reports/reference';
import { requestReference as reference } from '../../../core/requests/reference';
import type { Priority } from '../../../core/requests/request-type';
import { submissionReference } from '../../../core/submissions/schemas';
import { submissionVisibility } from '../../../core/submissions/visibility';
import type { Caller } from '../../platform/caller';
import type { Unit } from '../../platform/change';
import type { Db, Tx } from '../../platform/db/database';
import type { NotificationsTable } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import { districtLabels } from '../directory/directory-lookups.repository';
import { workingGroups } from '../working-groups/working-groups.repository';
import { EmailOutbox, type EmailSettings } from './email-outbox';
import { type NotificationSubjects, NotificationsRepository } from './notifications.repository';

export { requestReference } from '../../../core/requests/reference';

/** The part of a change a notification is written through: its transaction and its events. */
type Writing = Pick<Unit, 'tx' | 'emit'>;

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
  private readonly repo: NotificationsRepository;

  constructor(
    private readonly db: Db,
    private readonly deployment: DeploymentContext,
    /** Null (the default) when no SMTP server is configured: no e-mail is queued. */
    email: EmailSettings | null = null,
  ) {
    this.repo = new NotificationsRepository(db);
    this.outbox = email ? new EmailOutbox(deployment, email) : null;
  }

  /**
   * Inside the caller's change: one notification per recipient, its e-mail
   * when e-mail is on, and the events that push them live.
   */
  async notify(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: {
      kind: RequestNotificationKind;
      requestId: string;
      priority: Priority;
      detail?: string | null;
      at: Date;
    },
  ): Promise<void> {
    const rows = await this.insert(tx, recipients, notification, {
      request_id: notification.requestId,
      detail: notification.detail ?? null,
    });
    await this.outbox?.enqueue(tx, rows, notification);
    emit(...pushed(rows, notification.kind, { priority: notification.priority }));
  }

  /**
   * Inside the caller's transaction: one notification per recipient about a
   * channel message (an urgent message still unacknowledged), and the events
   * that push them live. It names the channel and the sequence number only;
   * the caller has already kept to the members who may read the message. The
   * e-mail says only that an urgent message waits; listed by `list` only
   * while the user is a member cleared for the message.
   */
  async notifyAboutMessage(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: { kind: 'message.realerted'; channelId: string; seq: number; at: Date },
  ): Promise<void> {
    const { channelId, seq } = notification;
    const rows = await this.insert(tx, recipients, notification, { channel_id: channelId, channel_seq: seq });
    await this.outbox?.enqueueAlert(tx, rows, { ...notification, path: `/channels/${channelId}` });
    emit(...pushed(rows, notification.kind, { priority: 'urgent', channelId, seq }));
  }

  /**
   * The caller's notifications, newest first, each only while the caller may
   * still see what it is about (a request or report through the access rule;
   * a message as a member cleared for it).
   */
  async list(caller: Caller, limit = 50): Promise<{ items: NotificationDto[]; unread: number }> {
    const { rule } = this.deployment;
    const visible: NotificationSubjects = {
      request: rule.where(caller.actor, 'r'),
      channel: rule.where(caller.actor, 'c'),
      message: rule.where(caller.actor, 'm'),
      report: rule.where(caller.actor, 'r'),
      submission: submissionVisibility.where(rule, caller.actor, 's'),
      // Whoever may know of the meeting (the group's marking); its title only if cleared for its own.
      meeting: rule.where(caller.actor, 'g'),
      lowest: this.deployment.lowest,
      commitment: rule.where(caller.actor, 'c'),
    };
    const { requests, messages, reports, submissions, meetings, commitments } = await this.repo.latest(
      caller.actor.userId,
      visible,
      limit,
    );
    const districts = new Map(
      (
        await districtLabels(
          this.db,
          requests.map((row) => row.district_id),
        )
      ).map((row) => [row.id, row.code]),
    );
    // A commitment is named by its working group's code.
    const groupCodes = new Map(
      (commitments.length > 0 ? await workingGroups(this.db) : []).map((group) => [group.id, group.code]),
    );
    const items: NotificationDto[] = [
      ...commitments.map((row) => ({
        ...common(row),
        about: 'commitment' as const,
        link: `/commitments/${row.subject_id}`,
        reference: groupCodes.get(row.group_id) ?? '',
        detail: row.title,
      })),
      ...requests.map((row) => ({
        ...common(row),
        about: 'request' as const,
        link: `/requests/${row.subject_id}`,
        reference: reference(row.number),
        requestId: row.subject_id,
        requestType: row.type_code,
        districtCode: districts.get(row.district_id) ?? null,
        priority: row.priority as Priority,
      })),
      ...messages.map((row) => ({
        ...common(row),
        about: 'message' as const,
        link: `/channels/${row.subject_id}`,
        reference: `#${row.seq}`,
        detail: row.name,
        priority: 'urgent' as const,
      })),
      ...reports.map((row) => ({
        ...common(row),
        about: 'report' as const,
        link: `/reports/${row.subject_id}`,
        reference: reportReference(row.number),
        detail: row.title,
      })),
      ...submissions.map((row) => ({
        ...common(row),
        about: 'submission' as const,
        link: `/submissions/${row.subject_id}`,
        reference: submissionReference(row.number),
        detail: row.title,
      })),
      ...meetings.map((row) => ({
        ...common(row),
        about: 'meeting' as const,
        link: `/meetings/${row.subject_id}`,
        reference: row.group_code,
        detail: rule.canSee(caller.actor, {
          level: row.meeting_level,
          caveats: row.meeting_caveats,
          relTo: row.meeting_rel_to,
          parties: row.meeting_parties,
          groups: row.meeting_groups,
        })
          ? row.title
          : null,
      })),
    ];
    const unread = await this.repo.unread(caller.actor.userId, visible);
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    return { unread, items: items.slice(0, limit) };
  }

  /**
   * Inside the caller's transaction: tells the recipients about a step in a
   * report's review, and returns the events that push it live. The e-mail
   * says only that a report waits, with its link.
   */
  async notifyAboutReport(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: {
      kind: 'report.submitted' | 'report.approved' | 'report.returned';
      reportId: string;
      at: Date;
    },
  ): Promise<void> {
    const rows = await this.insert(tx, recipients, notification, { report_id: notification.reportId });
    await this.outbox?.enqueueAlert(tx, rows, { ...notification, path: `/reports/${notification.reportId}` });
    emit(...pushed(rows, notification.kind, { priority: 'routine' }));
  }

  /**
   * Inside the caller's change: tells the recipients that a release of a
   * submission waits for their consent, or that one they asked for was
   * decided. The e-mail says only that, with the link.
   */
  async notifyAboutSubmission(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: {
      kind: 'consent.requested' | 'consent.approved' | 'consent.refused';
      submissionId: string;
      at: Date;
    },
  ): Promise<void> {
    const rows = await this.insert(tx, recipients, notification, {
      submission_id: notification.submissionId,
    });
    await this.outbox?.enqueueAlert(tx, rows, {
      ...notification,
      path: `/submissions/${notification.submissionId}`,
    });
    emit(...pushed(rows, notification.kind, { priority: 'routine' }));
  }

  /**
   * Inside the caller's change: tells the invited that a meeting was
   * scheduled, moved or cancelled, or that its minutes were circulated,
   * questioned by a chair, or signed. The caller has already kept to those who
   * may know of the meeting; the e-mail says only that, with the link.
   */
  async notifyAboutMeeting(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: {
      kind:
        | 'meeting.scheduled'
        | 'meeting.moved'
        | 'meeting.cancelled'
        | 'minutes.circulated'
        | 'minutes.change-requested'
        | 'minutes.signed';
      meetingId: string;
      at: Date;
    },
  ): Promise<void> {
    const rows = await this.insert(tx, recipients, notification, { meeting_id: notification.meetingId });
    await this.outbox?.enqueueAlert(tx, rows, {
      ...notification,
      path: `/meetings/${notification.meetingId}`,
    });
    emit(...pushed(rows, notification.kind, { priority: 'routine' }));
  }

  /**
   * Inside the caller's change: tells the recipients that a commitment they
   * own is due soon or overdue, or that the other party completed one and
   * asks for their confirmation. The e-mail says only that, with the link.
   */
  async notifyAboutCommitment(
    { tx, emit }: Writing,
    recipients: readonly string[],
    notification: {
      kind: 'commitment.due-soon' | 'commitment.overdue' | 'commitment.completed';
      commitmentId: string;
      detail?: string | null;
      at: Date;
    },
  ): Promise<void> {
    const rows = await this.insert(tx, recipients, notification, {
      commitment_id: notification.commitmentId,
      detail: notification.detail ?? null,
    });
    await this.outbox?.enqueueAlert(tx, rows, {
      ...notification,
      path: `/commitments/${notification.commitmentId}`,
    });
    emit(...pushed(rows, notification.kind, { priority: 'routine' }));
  }

  /** One notification per recipient, about the record `about` names. */
  private insert(
    tx: Tx,
    recipients: readonly string[],
    notification: { kind: NotificationKind; at: Date },
    about: Pick<
      Insertable<NotificationsTable>,
      | 'request_id'
      | 'channel_id'
      | 'channel_seq'
      | 'report_id'
      | 'submission_id'
      | 'meeting_id'
      | 'commitment_id'
      | 'detail'
    >,
  ) {
    if (recipients.length === 0) return Promise.resolve([]);
    return this.repo.insert(
      tx,
      [...new Set(recipients)].map((userId) => ({
        user_id: userId,
        request_id: null,
        ...about,
        kind: notification.kind,
        created_at: notification.at,
      })),
    );
  }

  /**
   * Marks one (or, without an id, every) unread notification of the caller
   * read. False when the id is not one of the caller's notifications.
   */
  async markRead(caller: Caller, at: Date, id?: string): Promise<boolean> {
    const updated = await this.repo.markRead(caller.actor.userId, at, id);
    return !id || updated > 0;
  }
}

/** What every notification shows, whatever it is about. */
const common = (row: {
  id: string;
  kind: string;
  detail: string | null;
  created_at: Date;
  read_at: Date | null;
}) => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  detail: row.detail,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
  requestId: null,
  requestType: null,
  districtCode: null,
  priority: 'routine' as Priority,
});

/** The events that push new notifications live to their users: ids and how urgent, nothing more. */
const pushed = (
  rows: { id: string; user_id: string }[],
  kind: NotificationKind,
  data: Record<string, string | number>,
): EventDraft[] =>
  rows.map((row) => ({
    type: 'notification.created',
    subjectType: 'user',
    subjectId: row.user_id,
    data: { notificationId: row.id, kind, ...data },
  }));
