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
  'located',
  'secured',
  'en-route',
  'completed',
  'not-found',
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
  'draft-answer',
  'approve-answer',
  'return-answer',
  'start',
  'locate',
  'secure',
  'depart',
  'hand-over',
  'not-found',
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
 * the receiving desk (and its party's supervisors) answer; the receiving
 * party's supervisors also review answers that need four eyes; the
 * coordinator brokers and co-signs; the system expires what nobody decided.
 */
export type Relation = 'requester' | 'receiver' | 'reviewer' | 'coordinator' | 'system';

interface Transition {
  from: readonly Status[];
  /** Absent: the state does not change (a co-signature is recorded, not a new state). */
  to?: Status;
  by: readonly Relation[];
  /** What the actor must say with it. */
  needs?: Requirement;
  /**
   * The gate of the request type it depends on: `review` actions exist only
   * where answers need a supervisor's approval (and plain answers only where
   * they do not); `handover` steps only for requests that end in a handover
   * (and a plain `complete` only for the others).
   */
  only?: 'review' | 'handover';
  unless?: 'review' | 'handover';
}

/** What an action must carry: a reason, the conditions, the drafted answer, or the handover. */
export type Requirement = 'reason' | 'conditions' | 'answer' | 'handover';

const OPEN_UNDECIDED: readonly Status[] = ['submitted', 'acknowledged', 'info-requested'];
const ANSWERED: readonly Status[] = ['approved', 'approved-with-conditions', 'denied'];
const GO_AHEAD: readonly Status[] = ['approved', 'approved-with-conditions'];

/** The answers a desk gives, directly or (with four eyes) as a draft its supervisor approves. */
export const ANSWERS = ['approve', 'approve-with-conditions', 'deny'] as const;
export type Answer = (typeof ANSWERS)[number];

export const TRANSITIONS: Record<Action, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: ['requester'] },
  acknowledge: { from: ['submitted'], to: 'acknowledged', by: ['receiver'] },
  approve: { from: ['acknowledged'], to: 'approved', by: ['receiver'], unless: 'review' },
  'approve-with-conditions': {
    from: ['acknowledged'],
    to: 'approved-with-conditions',
    by: ['receiver'],
    needs: 'conditions',
    unless: 'review',
  },
  deny: { from: ['acknowledged'], to: 'denied', by: ['receiver'], needs: 'reason', unless: 'review' },
  'request-info': { from: ['acknowledged'], to: 'info-requested', by: ['receiver'], needs: 'reason' },
  'provide-info': { from: ['info-requested'], to: 'acknowledged', by: ['requester'], needs: 'reason' },
  'co-sign': { from: ANSWERED, by: ['coordinator'] },
  // Four eyes: the desk drafts, a supervisor of its party who did not draft it approves or returns it.
  // Until then the state does not change: the requesting side sees nothing of the draft.
  'draft-answer': { from: ['acknowledged'], by: ['receiver'], needs: 'answer', only: 'review' },
  /** The state after it is that of the drafted answer (`nextStatus` takes it). */
  'approve-answer': { from: ['acknowledged'], by: ['reviewer'], only: 'review' },
  'return-answer': { from: ['acknowledged'], by: ['reviewer'], needs: 'reason', only: 'review' },
  start: { from: GO_AHEAD, to: 'in-progress', by: ['receiver'] },
  // A safe return, step by step: located, secured, on the way, handed over (or not found).
  locate: { from: [...GO_AHEAD, 'in-progress'], to: 'located', by: ['receiver'], only: 'handover' },
  secure: { from: ['located'], to: 'secured', by: ['receiver'], only: 'handover' },
  depart: { from: ['secured'], to: 'en-route', by: ['receiver'], only: 'handover' },
  'hand-over': {
    from: ['secured', 'en-route'],
    to: 'completed',
    by: ['receiver'],
    needs: 'handover',
    only: 'handover',
  },
  'not-found': {
    from: [...GO_AHEAD, 'in-progress'],
    to: 'not-found',
    by: ['receiver'],
    needs: 'reason',
    only: 'handover',
  },
  complete: { from: ['in-progress'], to: 'completed', by: ['receiver'], unless: 'handover' },
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
  'located',
  'secured',
  'en-route',
];
export const isOpen = (status: Status) => OPEN_STATUSES.includes(status);

/** What decides whether the co-signature gate is open. */
export interface CoSignature {
  required: boolean;
  signed: boolean;
}

/** Four eyes on answers: whether the type (or the marking) needs it, and where the draft stands. */
export interface AnswerReview {
  required: boolean;
  /** A drafted answer waits for a supervisor. */
  pending: boolean;
  /** The caller drafted it: nobody approves their own answer. */
  draftedByCaller: boolean;
}

/** What the request's type and record say beyond its state: the gates the lifecycle checks. */
export interface Gates {
  coSignature: CoSignature;
  review: AnswerReview;
  /** The request ends in a handover, step by step (a safe return). */
  handover: boolean;
}

export const NO_GATES: Gates = {
  coSignature: { required: false, signed: false },
  review: { required: false, pending: false, draftedByCaller: false },
  handover: false,
};

export type Refusal =
  | { kind: 'wrong-state'; message: string }
  | { kind: 'not-yours'; message: string }
  | { kind: 'needs'; field: Requirement; message: string };

const WHO: Record<Relation, string> = {
  requester: 'the requesting party',
  receiver: 'the receiving desk',
  reviewer: 'a supervisor of the receiving party',
  coordinator: 'the coordinator',
  system: 'the system',
};

const GATE_WORDS = {
  only: {
    review: "This request type sends answers without a supervisor's approval: answer it directly.",
    handover: 'Only a request that ends in a handover goes step by step.',
  },
  unless: {
    review: "Answers to this request need a supervisor's approval: draft the answer for review.",
    handover: 'A safe return ends with the handover or with "not found", not with "complete".',
  },
} as const;

/** Why `action` may not be fired now by someone standing in `relations`; null when it may. */
export function refusalOf(
  action: Action,
  status: Status,
  relations: ReadonlySet<Relation>,
  gates: Gates,
): Refusal | null {
  const transition = TRANSITIONS[action];
  if (transition.only && !gateOn(gates, transition.only))
    return { kind: 'wrong-state', message: GATE_WORDS.only[transition.only] };
  if (transition.unless && gateOn(gates, transition.unless))
    return { kind: 'wrong-state', message: GATE_WORDS.unless[transition.unless] };
  if (!transition.from.includes(status))
    return { kind: 'wrong-state', message: `A ${status} request cannot be given "${action}".` };
  if (!transition.by.some((relation) => relations.has(relation)))
    return {
      kind: 'not-yours',
      message: `Only ${transition.by.map((relation) => WHO[relation]).join(' or ')} may ${action} this request.`,
    };
  return gateRefusal(action, gates);
}

const gateOn = (gates: Gates, gate: 'review' | 'handover') =>
  gate === 'review' ? gates.review.required : gates.handover;

/** The refusals of the co-signature and four-eyes gates, once state and relation allow the action. */
function gateRefusal(action: Action, { coSignature, review }: Gates): Refusal | null {
  if (action === 'co-sign' && (!coSignature.required || coSignature.signed))
    return {
      kind: 'wrong-state',
      message: coSignature.signed
        ? 'This answer is already co-signed.'
        : 'This request type needs no co-signature.',
    };
  if ((action === 'start' || action === 'locate') && coSignature.required && !coSignature.signed)
    return { kind: 'wrong-state', message: 'The coordinator co-signs the answer before the work starts.' };
  if (action === 'draft-answer' && review.pending)
    return { kind: 'wrong-state', message: "An answer already waits for a supervisor's approval." };
  if ((action === 'approve-answer' || action === 'return-answer') && !review.pending)
    return { kind: 'wrong-state', message: 'No drafted answer waits for approval.' };
  if (action === 'approve-answer' && review.draftedByCaller)
    return {
      kind: 'not-yours',
      message: 'Four eyes: another supervisor approves the answer you drafted.',
    };
  if (action === 'request-info' && review.pending)
    return {
      kind: 'wrong-state',
      message: 'A drafted answer waits for approval: a supervisor approves or returns it first.',
    };
  return null;
}

/** The actions the user may fire now: presenters send them so the UI offers only what the server accepts. */
export function allowedActions(status: Status, relations: ReadonlySet<Relation>, gates: Gates): UserAction[] {
  return USER_ACTIONS.filter((action) => refusalOf(action, status, relations, gates) === null);
}

/**
 * The state after `action`, given it is allowed. Approving a drafted answer
 * leads where the answer itself leads.
 */
export function nextStatus(action: Action, status: Status, drafted?: Answer): Status {
  if (action === 'approve-answer' && drafted) return nextStatus(drafted, status);
  return TRANSITIONS[action].to ?? status;
}

export const requirementOf = (action: Action) => TRANSITIONS[action].needs;

/** Which SLA an action meets: the first acknowledgement, the answer, the end. */
export function milestoneOf(action: Action): 'acknowledged' | 'responded' | 'resolved' | null {
  if (action === 'acknowledge') return 'acknowledged';
  if ((ANSWERS as readonly Action[]).includes(action) || action === 'approve-answer') return 'responded';
  if (['complete', 'hand-over', 'not-found', 'cancel', 'expire'].includes(action)) return 'resolved';
  return null;
}
