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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  requestId: z.string(),
  reference: z.string(),
  /** Request type code. */
  requestType: z.string(),
  districtCode: z.string(),
  priority: z.enum(PRIORITIES),
  /** For request.transitioned: the new status; for request.breached: the deadline. */
  detail: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number(),
});
