/**
 * The life of a coordination request, as an explicit state machine: which
 * action moves a request from which state to which, and who may fire it.
 * Acknowledging is never approving: it only says "we have it, we are on it".
 */

export const STATUSES = [
  'draft',
  'submitted',
  'acknowledged',
  'info-requested',
  'approved',
  'approved-with-conditions',
  'denied',
  'in-progress',
  'completed',
  'cancelled',
  'expired',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = [
  'submit',
  'acknowledge',
  'approve',
  'approve-with-conditions',
  'deny',
  'request-info',
  'provide-info',
  'co-sign',
  'start',
  'complete',
  'cancel',
  'expire',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions a user can fire over the API; `expire` belongs to the clock. */
export const USER_ACTIONS = ACTIONS.filter((action) => action !== 'expire') as Exclude<Action, 'expire'>[];
export type UserAction = (typeof USER_ACTIONS)[number];

/**
 * How a user stands to a request. The requesting party's people speak for it;
 * the receiving desk (and its party's supervisors) answer; the coordinator
 * brokers and co-signs; the system expires what nobody decided.
 */
export type Relation = 'requester' | 'receiver' | 'coordinator' | 'system';

interface Transition {
  from: readonly Status[];
  /** Absent: the state does not change (a co-signature is recorded, not a new state). */
  to?: Status;
  by: readonly Relation[];
  /** What the actor must say with it. */
  needs?: 'reason' | 'conditions';
}

const OPEN_UNDECIDED: readonly Status[] = ['submitted', 'acknowledged', 'info-requested'];
const ANSWERED: readonly Status[] = ['approved', 'approved-with-conditions', 'denied'];

export const TRANSITIONS: Record<Action, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: ['requester'] },
  acknowledge: { from: ['submitted'], to: 'acknowledged', by: ['receiver'] },
  approve: { from: ['acknowledged'], to: 'approved', by: ['receiver'] },
  'approve-with-conditions': {
    from: ['acknowledged'],
    to: 'approved-with-conditions',
    by: ['receiver'],
    needs: 'conditions',
  },
  deny: { from: ['acknowledged'], to: 'denied', by: ['receiver'], needs: 'reason' },
  'request-info': { from: ['acknowledged'], to: 'info-requested', by: ['receiver'], needs: 'reason' },
  'provide-info': { from: ['info-requested'], to: 'acknowledged', by: ['requester'], needs: 'reason' },
  'co-sign': { from: ANSWERED, by: ['coordinator'] },
  start: { from: ['approved', 'approved-with-conditions'], to: 'in-progress', by: ['receiver'] },
  complete: { from: ['in-progress'], to: 'completed', by: ['receiver'] },
  cancel: {
    from: ['draft', ...OPEN_UNDECIDED, 'approved', 'approved-with-conditions'],
    to: 'cancelled',
    by: ['requester'],
    needs: 'reason',
  },
  expire: { from: OPEN_UNDECIDED, to: 'expired', by: ['system'] },
};

/** States in which the receiving desk still owes something; SLA clocks run only here. */
export const OPEN_STATUSES: readonly Status[] = [
  ...OPEN_UNDECIDED,
  'approved',
  'approved-with-conditions',
  'in-progress',
];
export const isOpen = (status: Status) => OPEN_STATUSES.includes(status);

/** What decides whether the co-signature gate is open. */
export interface CoSignature {
  required: boolean;
  signed: boolean;
}

export type Refusal =
  | { kind: 'wrong-state'; message: string }
  | { kind: 'not-yours'; message: string }
  | { kind: 'needs'; field: 'reason' | 'conditions'; message: string };

const WHO: Record<Relation, string> = {
  requester: 'the requesting party',
  receiver: 'the receiving desk',
  coordinator: 'the coordinator',
  system: 'the system',
};

/** Why `action` may not be fired now by someone standing in `relations`; null when it may. */
export function refusalOf(
  action: Action,
  status: Status,
  relations: ReadonlySet<Relation>,
  coSignature: CoSignature,
): Refusal | null {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status))
    return { kind: 'wrong-state', message: `A ${status} request cannot be given "${action}".` };
  if (!transition.by.some((relation) => relations.has(relation)))
    return {
      kind: 'not-yours',
      message: `Only ${transition.by.map((relation) => WHO[relation]).join(' or ')} may ${action} this request.`,
    };
  if (action === 'co-sign' && (!coSignature.required || coSignature.signed))
    return {
      kind: 'wrong-state',
      message: coSignature.signed
        ? 'This answer is already co-signed.'
        : 'This request type needs no co-signature.',
    };
  if (action === 'start' && coSignature.required && !coSignature.signed)
    return { kind: 'wrong-state', message: 'The coordinator co-signs the answer before the work starts.' };
  return null;
}

/** The actions the user may fire now: presenters send them so the UI offers only what the server accepts. */
export function allowedActions(
  status: Status,
  relations: ReadonlySet<Relation>,
  coSignature: CoSignature,
): UserAction[] {
  return USER_ACTIONS.filter((action) => refusalOf(action, status, relations, coSignature) === null);
}

/** The state after `action`, given it is allowed. */
export const nextStatus = (action: Action, status: Status): Status => TRANSITIONS[action].to ?? status;

export const requirementOf = (action: Action) => TRANSITIONS[action].needs;

/** Which SLA an action meets: the first acknowledgement, the answer, the end. */
export function milestoneOf(action: Action): 'acknowledged' | 'responded' | 'resolved' | null {
  if (action === 'acknowledge') return 'acknowledged';
  if (action === 'approve' || action === 'approve-with-conditions' || action === 'deny') return 'responded';
  if (action === 'complete' || action === 'cancel' || action === 'expire') return 'resolved';
  return null;
}
