import type { ParseKeys } from 'i18next';
import type { NotificationKind } from '../../../core/notifications/schemas';
import type { Status, UserAction } from '../../../core/requests/lifecycle';
import type { Priority } from '../../../core/requests/request-type';

/** The words and colours of the request lifecycle, one table each so none is forgotten. */

export const STATUS_LABELS: Record<Status, ParseKeys> = {
  draft: 'requests.status.draft',
  submitted: 'requests.status.submitted',
  acknowledged: 'requests.status.acknowledged',
  'info-requested': 'requests.status.infoRequested',
  approved: 'requests.status.approved',
  'approved-with-conditions': 'requests.status.approvedWithConditions',
  denied: 'requests.status.denied',
  'in-progress': 'requests.status.inProgress',
  located: 'requests.status.located',
  secured: 'requests.status.secured',
  'en-route': 'requests.status.enRoute',
  completed: 'requests.status.completed',
  'not-found': 'requests.status.notFound',
  cancelled: 'requests.status.cancelled',
  expired: 'requests.status.expired',
};

// Only hues whose "light" badge text reaches 4.5:1 (theme.ts).
export const STATUS_COLOURS: Record<Status, string> = {
  draft: 'gray',
  submitted: 'blue',
  acknowledged: 'blue',
  'info-requested': 'orange',
  approved: 'green',
  'approved-with-conditions': 'teal',
  denied: 'red',
  'in-progress': 'teal',
  located: 'teal',
  secured: 'teal',
  'en-route': 'teal',
  completed: 'green',
  'not-found': 'red',
  cancelled: 'gray',
  expired: 'gray',
};

export const PRIORITY_LABELS: Record<Priority, ParseKeys> = {
  critical: 'requests.priority.critical',
  urgent: 'requests.priority.urgent',
  routine: 'requests.priority.routine',
};

export const ACTION_LABELS: Record<UserAction, ParseKeys> = {
  submit: 'requests.actions.submit',
  acknowledge: 'requests.actions.acknowledge',
  approve: 'requests.actions.approve',
  'approve-with-conditions': 'requests.actions.approveWithConditions',
  deny: 'requests.actions.deny',
  'request-info': 'requests.actions.requestInfo',
  'provide-info': 'requests.actions.provideInfo',
  'co-sign': 'requests.actions.coSign',
  'draft-answer': 'requests.actions.draftAnswer',
  'approve-answer': 'requests.actions.approveAnswer',
  'return-answer': 'requests.actions.returnAnswer',
  start: 'requests.actions.start',
  locate: 'requests.actions.locate',
  secure: 'requests.actions.secure',
  depart: 'requests.actions.depart',
  'hand-over': 'requests.actions.handOver',
  'not-found': 'requests.actions.notFound',
  complete: 'requests.actions.complete',
  cancel: 'requests.actions.cancel',
};

/** What each action did, as the timeline says it ("Acknowledged"). */
export const DONE_LABELS: Record<UserAction | 'expire' | 'create', ParseKeys> = {
  create: 'requests.done.create',
  submit: 'requests.done.submit',
  acknowledge: 'requests.done.acknowledge',
  approve: 'requests.done.approve',
  'approve-with-conditions': 'requests.done.approveWithConditions',
  deny: 'requests.done.deny',
  'request-info': 'requests.done.requestInfo',
  'provide-info': 'requests.done.provideInfo',
  'co-sign': 'requests.done.coSign',
  'draft-answer': 'requests.done.draftAnswer',
  'approve-answer': 'requests.done.approveAnswer',
  'return-answer': 'requests.done.returnAnswer',
  start: 'requests.done.start',
  locate: 'requests.done.locate',
  secure: 'requests.done.secure',
  depart: 'requests.done.depart',
  'hand-over': 'requests.done.handOver',
  'not-found': 'requests.done.notFound',
  complete: 'requests.done.complete',
  cancel: 'requests.done.cancel',
  expire: 'requests.done.expire',
};

export type Milestone = 'acknowledge' | 'respond' | 'resolve';

export const MILESTONE_LABELS: Record<Milestone, ParseKeys> = {
  acknowledge: 'requests.milestone.acknowledge',
  respond: 'requests.milestone.respond',
  resolve: 'requests.milestone.resolve',
};

export const isMilestone = (value: string | null): value is Milestone =>
  value === 'acknowledge' || value === 'respond' || value === 'resolve';

export const NOTIFICATION_LABELS: Record<NotificationKind, ParseKeys> = {
  'request.submitted': 'notifications.kind.submitted',
  'request.escalated': 'notifications.kind.escalated',
  'request.realerted': 'notifications.kind.realerted',
  'request.breached': 'notifications.kind.breached',
  'request.transitioned': 'notifications.kind.transitioned',
  'request.answer-drafted': 'notifications.kind.answerDrafted',
  'request.answer-returned': 'notifications.kind.answerReturned',
  'message.realerted': 'notifications.kind.messageRealerted',
  'report.submitted': 'notifications.kind.reportSubmitted',
  'report.approved': 'notifications.kind.reportApproved',
  'report.returned': 'notifications.kind.reportReturned',
  'consent.requested': 'notifications.kind.consentRequested',
  'consent.approved': 'notifications.kind.consentApproved',
  'consent.refused': 'notifications.kind.consentRefused',
  'meeting.scheduled': 'notifications.kind.meetingScheduled',
  'meeting.moved': 'notifications.kind.meetingMoved',
  'meeting.cancelled': 'notifications.kind.meetingCancelled',
  'minutes.circulated': 'notifications.kind.minutesCirculated',
  'minutes.change-requested': 'notifications.kind.minutesChangeRequested',
  'minutes.signed': 'notifications.kind.minutesSigned',
  'commitment.due-soon': 'notifications.kind.commitmentDueSoon',
  'commitment.overdue': 'notifications.kind.commitmentOverdue',
  'commitment.completed': 'notifications.kind.commitmentCompleted',
};
