import { z } from 'zod';
import { PRIORITIES } from '../requests/request-type';

/**
 * A notification tells one user that something needs them. It carries only
 * what every recipient may see (what kind of record, where, how urgent, a
 * link); the record itself is fetched through the access rule.
 */

export const NOTIFICATION_KINDS = [
  /** A request arrived at a desk the user staffs. */
  'request.submitted',
  /** Nobody acknowledged in time; the user is the next level up. */
  'request.escalated',
  /** Still unacknowledged: the same people, alerted again. */
  'request.realerted',
  /** A deadline of a request the user answers for passed. */
  'request.breached',
  /** The other side acted on the user's party's request. */
  'request.transitioned',
  /** Four eyes: a desk drafted an answer that waits for the user, a supervisor of the receiving party. */
  'request.answer-drafted',
  /** Four eyes: the answer the user drafted was returned by a supervisor. */
  'request.answer-returned',
  /** An urgent channel message the user has not acknowledged, alerted again. */
  'message.realerted',
  /** A report awaits the user's review (a supervisor of the coordinator). */
  'report.submitted',
  /** The user's report was approved and published. */
  'report.approved',
  /** The user's report was returned with what must change. */
  'report.returned',
  /** The coordinator asks to release part of the user's party's submission: a supervisor's consent waits. */
  'consent.requested',
  /** The owner's supervisor approved a release the user asked for: it went out. */
  'consent.approved',
  /** The owner's supervisor refused a release the user asked for: nothing went out. */
  'consent.refused',
  /** A meeting of a working group the user belongs to was scheduled: their answer waits. */
  'meeting.scheduled',
  /** A meeting the user is invited to was moved (time, zone, place or link). */
  'meeting.moved',
  /** A meeting the user is invited to was cancelled. */
  'meeting.cancelled',
  /** The minutes of a meeting were circulated: the user, a chair, signs them (or asks for a change). */
  'minutes.circulated',
  /** A chair asked for a change to minutes the user writes (a chair or the secretary). */
  'minutes.change-requested',
  /** Every party signed the minutes of a meeting of the user's group: they are final. */
  'minutes.signed',
  /** A commitment the user owns is due soon (3 days, then 1 day before; `detail` is the due date). */
  'commitment.due-soon',
  /** A commitment the user owns is past its due date. */
  'commitment.overdue',
  /** The other party completed a commitment: the user's party confirms the delivery. */
  'commitment.completed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** The kinds about a request: those also e-mailed. */
export type RequestNotificationKind = Extract<NotificationKind, `request.${string}`>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** What it is about, and the app's page for it ("/requests/…", "/channels/…", "/reports/…", "/submissions/…", "/commitments/…"). */
  about: z.enum(['request', 'message', 'report', 'submission', 'meeting', 'commitment']),
  link: z.string(),
  /** REQ-000123, RPT-000045, #12 for a message of a channel, the group's code for a meeting or a commitment. */
  reference: z.string(),
  /** For a request: its id, type code and district; null otherwise. */
  requestId: z.string().nullable(),
  requestType: z.string().nullable(),
  districtCode: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  /**
   * For request.transitioned: the new status; for request.breached: the
   * deadline; for a message: its channel's name; for a report or a submission: its title; for a meeting: its title, or null when the reader sees it only neutrally.
   */
  detail: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number(),
});
