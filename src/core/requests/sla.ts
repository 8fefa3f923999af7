import type { Status } from './lifecycle';
import type { EscalationStep, EscalationTarget, Priority, RequestType } from './request-type';

/**
 * The clock of a request: when each SLA falls due, and the timers to store
 * with it. Timers are data (request_deadlines), so they survive restarts and
 * fire once across instances; this module only says when and what.
 */

export const MILESTONES = ['acknowledge', 'respond', 'resolve'] as const;
export type Milestone = (typeof MILESTONES)[number];

const MINUTE = 60_000;
const after = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE);

export interface Deadlines {
  acknowledge: Date;
  respond: Date;
  resolve: Date;
}

export function deadlinesOf(type: RequestType, priority: Priority, submittedAt: Date): Deadlines {
  const sla = type.sla[priority];
  return {
    acknowledge: after(submittedAt, sla.acknowledgeMinutes),
    respond: after(submittedAt, sla.respondMinutes),
    resolve: after(submittedAt, sla.resolveMinutes),
  };
}

export type Timer =
  | { kind: 'escalate'; step: number; dueAt: Date }
  | { kind: 'breach'; milestone: Milestone; dueAt: Date }
  | { kind: 'expire'; dueAt: Date };

/** Every timer a request gets when it is submitted. */
export function timersOf(type: RequestType, priority: Priority, submittedAt: Date): Timer[] {
  const deadlines = deadlinesOf(type, priority, submittedAt);
  return [
    ...type.escalation.steps.map((step, i) => ({
      kind: 'escalate' as const,
      step: i,
      dueAt: after(submittedAt, step.afterMinutes),
    })),
    ...MILESTONES.map((milestone) => ({ kind: 'breach' as const, milestone, dueAt: deadlines[milestone] })),
    { kind: 'expire', dueAt: after(submittedAt, type.expiresAfterHours * 60) },
  ];
}

/** Who hears of a missed deadline when the request type does not say: the supervisors and the broker, at once. */
export const DEFAULT_BREACH_STEPS: readonly EscalationStep[] = [
  { afterMinutes: 0, notify: 'supervisors' },
  { afterMinutes: 0, notify: 'coordinator' },
];

/** The steps that follow a missed `milestone`, counted from the miss. */
export const breachStepsOf = (type: RequestType, milestone: Milestone): readonly EscalationStep[] =>
  type.escalation.breaches?.[milestone] ?? DEFAULT_BREACH_STEPS;

/** The timers a missed `milestone` starts at `missedAt`: one per breach step. */
export function breachTimersOf(type: RequestType, milestone: Milestone, missedAt: Date) {
  return breachStepsOf(type, milestone).map((step, i) => ({
    kind: 'breach-escalate' as const,
    milestone,
    step: i,
    dueAt: after(missedAt, step.afterMinutes),
  }));
}

/** Which milestone a request in `status` still owes; null once it has ended. */
export function owedMilestone(status: Status): Milestone | null {
  switch (status) {
    case 'submitted':
      return 'acknowledge';
    case 'acknowledged':
    case 'info-requested':
      return 'respond';
    case 'approved':
    case 'approved-with-conditions':
    case 'in-progress':
      return 'resolve';
    default:
      return null;
  }
}

/** Whether a milestone is still owed: a breach timer that finds it met is moot. */
export function stillOwes(status: Status, milestone: Milestone): boolean {
  const owed = owedMilestone(status);
  return owed !== null && MILESTONES.indexOf(owed) <= MILESTONES.indexOf(milestone);
}

/** Escalation and its repeats stop the moment someone acknowledges. */
export const awaitsAcknowledgement = (status: Status) => status === 'submitted';

/** Critical and urgent alerts repeat until acknowledged; routine ones do not nag. */
export function repeatAfter(type: RequestType, priority: Priority, from: Date): Date | null {
  const minutes = type.escalation.repeatEveryMinutes;
  if (!minutes || priority === 'routine') return null;
  return after(from, minutes);
}

/** A first step at minute 0 is the receiving desk's ordinary alert, not yet an escalation. */
export const isImmediateAlert = (type: RequestType, step: number) =>
  step === 0 && type.escalation.steps[0]?.afterMinutes === 0;

export const targetOfStep = (type: RequestType, step: number): EscalationTarget | null =>
  type.escalation.steps[step]?.notify ?? null;
