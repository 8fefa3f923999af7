import type { RequestNotificationKind } from '../../../core/notifications/schemas';
import { NO_GATES, nextStatus, refusalOf, type Status } from '../../../core/requests/lifecycle';
import type { EscalationTarget, Priority, RequestType } from '../../../core/requests/request-type';
import {
  awaitsAcknowledgement,
  breachStepsOf,
  breachTimersOf,
  isImmediateAlert,
  type Milestone,
  repeatAfter,
  stillOwes,
  targetOfStep,
} from '../../../core/requests/sla';
import type { AuditNote, Change, Unit } from '../../platform/change';
import type { Tx } from '../../platform/db/database';
import { DueTimers } from '../../platform/due-timers';
import { markingOfRow } from '../../platform/marked-records';
import { supervisorsOf } from '../../platform/parties.repository';
import { coordinatorDutyOfficers, deskOfficers } from '../directory/directory-lookups.repository';
import type { NotificationsService } from '../notifications/notifications.service';
import {
  addHistory,
  claimDueDeadline,
  type DeadlineRow as Deadline,
  insertDeadlines,
  lockRequest,
  markDeadlineFired,
  type StoredRequestRow as Request,
  updateRequest,
} from './requests.repository';

type Outcome = 'fired' | 'moot';

/** What the timers work with, given explicitly. */
export interface RequestDeadlineDeps {
  /** The envelope each firing runs in. */
  change: Change;
  /** The request type a stored request names, while it is still configured. */
  typeOf(code: string): RequestType | undefined;
  /** Of `userIds`, those who may see the request (RequestsQueries.visibleAmong). */
  visibleAmong(tx: Tx, userIds: readonly string[], request: Request): Promise<string[]>;
  notifications: Pick<NotificationsService, 'notify'>;
}

/**
 * The durable timers of requests: escalation steps, repeated alerts, SLA
 * breaches and expiry. Each is a row, claimed with FOR UPDATE SKIP LOCKED in
 * its own transaction, so it fires exactly once however many instances run,
 * and one that fell due while the server was down fires when it starts. A
 * timer re-checks the request when it fires: one the request has outrun
 * (acknowledged meanwhile, say) is marked moot and does nothing.
 */
export class RequestDeadlines {
  private readonly timers: DueTimers;

  constructor(private readonly deps: RequestDeadlineDeps) {
    this.timers = new DueTimers(deps.change, 'request.deadline-fired', (unit) => this.fireNext(unit));
  }

  /** Fires every due timer; concurrent calls in one process share one run. Returns how many fired or were moot. */
  fireDue(): Promise<number> {
    return this.timers.fireDue();
  }

  private async fireNext(unit: Unit): Promise<boolean> {
    const { tx, now } = unit;
    const deadline = await claimDueDeadline(tx, now);
    if (!deadline) return false;
    const request = await lockRequest(tx, deadline.request_id);
    const type = this.deps.typeOf(request.type_code);
    const outcome: Outcome = type ? await this.fire(unit, deadline, request, type) : 'moot';
    await markDeadlineFired(tx, deadline.id, now, outcome);
    return true;
  }

  private fire(unit: Unit, deadline: Deadline, request: Request, type: RequestType) {
    const status = request.status as Status;
    switch (deadline.kind) {
      case 'escalate':
      case 'realert':
        return this.alert(unit, deadline, request, type);
      case 'breach':
        return stillOwes(status, deadline.milestone as Milestone)
          ? this.breach(unit, request, type, deadline.milestone as Milestone)
          : 'moot';
      case 'breach-escalate':
        return stillOwes(status, deadline.milestone as Milestone)
          ? this.reportBreach(unit, deadline, request, type)
          : 'moot';
      case 'expire':
        return refusalOf('expire', status, new Set(['system']), NO_GATES)
          ? 'moot'
          : this.expire(unit, request);
    }
  }

  /**
   * An escalation step alerts its people while nobody has acknowledged; a
   * repeat alerts the people of the last step again, until a later step
   * takes over or someone acknowledges.
   */
  private async alert(unit: Unit, deadline: Deadline, request: Request, type: RequestType): Promise<Outcome> {
    const { tx, now } = unit;
    const step = deadline.step ?? 0;
    const target = targetOfStep(type, step);
    if (!target || !awaitsAcknowledgement(request.status as Status)) return 'moot';
    const repeat = deadline.kind === 'realert';
    if (repeat && request.escalation_level !== step + 1) return 'moot';
    if (!repeat && request.escalation_level > step) return 'moot';

    const kind: RequestNotificationKind = repeat
      ? 'request.realerted'
      : step === 0
        ? 'request.submitted'
        : 'request.escalated';
    const recipients = await this.recipients(tx, target, request, now);
    await this.tell(unit, recipients, request, kind, target);
    await addHistory(tx, request.id, {
      kind: 'escalation',
      // A first step at minute 0 is the desk's ordinary alert, not yet an escalation.
      action: repeat ? 'realert' : isImmediateAlert(type, step) ? 'alert' : 'escalate',
      detail: target,
      at: now,
    });
    if (!repeat) {
      await updateRequest(tx, request.id, { escalation_level: step + 1 });
      if (step > 0) {
        unit.audit(systemNote('request.escalated', request, { step, target }));
        unit.emit({
          type: 'request.escalated',
          subjectType: 'request',
          subjectId: request.id,
          data: { step, target },
        });
      }
    }
    const again = repeatAfter(type, request.priority as Priority, now);
    if (again) await insertDeadlines(tx, [{ request_id: request.id, kind: 'realert', step, due_at: again }]);
    return 'fired';
  }

  /** Records a missed deadline, and starts the timers of the type's breach steps (who hears, and when). */
  private async breach(
    unit: Unit,
    request: Request,
    type: RequestType,
    milestone: Milestone,
  ): Promise<Outcome> {
    const { tx, now } = unit;
    await updateRequest(tx, request.id, { breached: [...new Set([...request.breached, milestone])] });
    await addHistory(tx, request.id, {
      kind: 'breach',
      action: 'breach',
      detail: milestone,
      at: now,
    });
    await insertDeadlines(
      tx,
      breachTimersOf(type, milestone, now).map((timer) => ({
        request_id: request.id,
        kind: timer.kind,
        milestone: timer.milestone,
        step: timer.step,
        due_at: timer.dueAt,
      })),
    );
    unit.audit(systemNote('request.breached', request, { milestone }));
    unit.emit({
      type: 'request.breached',
      subjectType: 'request',
      subjectId: request.id,
      data: { milestone },
    });
    return 'fired';
  }

  /** A step after a missed deadline: its people hear of the breach, while the milestone is still owed. */
  private async reportBreach(
    unit: Unit,
    deadline: Deadline,
    request: Request,
    type: RequestType,
  ): Promise<Outcome> {
    const milestone = deadline.milestone as Milestone;
    const step = deadline.step ?? 0;
    const target = breachStepsOf(type, milestone)[step]?.notify;
    if (!target) return 'moot';
    const { tx, now } = unit;
    await this.tell(
      unit,
      await this.recipients(tx, target, request, now),
      request,
      'request.breached',
      milestone,
    );
    await addHistory(tx, request.id, { kind: 'escalation', action: 'breach-alert', detail: target, at: now });
    unit.audit(systemNote('request.escalated', request, { milestone, step, target }));
    unit.emit({
      type: 'request.escalated',
      subjectType: 'request',
      subjectId: request.id,
      data: { milestone, step, target },
    });
    return 'fired';
  }

  private async expire(unit: Unit, request: Request): Promise<Outcome> {
    const { tx, now } = unit;
    const to = nextStatus('expire', request.status as Status);
    await updateRequest(tx, request.id, { status: to, resolved_at: now, next_due_at: null, updated_at: now });
    await addHistory(tx, request.id, {
      kind: 'transition',
      action: 'expire',
      from: request.status,
      to,
      at: now,
    });
    await this.tell(unit, [request.requested_by], request, 'request.transitioned', to);
    unit.audit(systemNote('request.transitioned', request, { action: 'expire' }));
    unit.emit({
      type: 'request.transitioned',
      subjectType: 'request',
      subjectId: request.id,
      data: { action: 'expire', status: to },
    });
    return 'fired';
  }

  private recipients(tx: Tx, target: EscalationTarget, request: Request, now: Date): Promise<string[]> {
    if (target === 'desk') return deskOfficers(tx, request.receiving_desk_id, now);
    if (target === 'supervisors') return supervisorsOf(tx, request.to_party);
    return coordinatorDutyOfficers(tx, now);
  }

  private async tell(
    unit: Unit,
    userIds: string[],
    request: Request,
    kind: RequestNotificationKind,
    detail: string,
  ): Promise<void> {
    const recipients = await this.deps.visibleAmong(unit.tx, userIds, request);
    await this.deps.notifications.notify(unit, recipients, {
      kind,
      requestId: request.id,
      priority: request.priority as Priority,
      detail,
      at: unit.now,
    });
  }
}

/** What a timer did to a request, by the system, under the request's marking. */
const systemNote = (action: string, request: Request, details: Record<string, unknown>): AuditNote => ({
  action,
  subject: { type: 'request', id: request.id },
  details,
  marking: markingOfRow(request),
});
