/**
 * The life of a commitment made in a working group (issue 16, item 4), as
 * policy in data: which action moves a commitment from which state to which,
 * who may fire it, what it must carry, and why it is refused otherwise.
 * Delivery takes two: the owner's side completes it with evidence, the other
 * side confirms it. A confirmed delivery is final (it is on the ledger).
 */

export const COMMITMENT_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_ACTIONS = ['start', 'complete', 'confirm', 'reopen', 'drop'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

/**
 * How a user stands to a commitment: its owner (the person who answers for
 * it), the chair of the owner's party in the group, someone else of the
 * owner's party, a member of the group of another (non-coordinator) party,
 * and the coordinator's secretary of the group.
 */
export type CommitmentRelation = 'owner' | 'owner-chair' | 'own-party' | 'other-side' | 'secretary';

/** What an action must carry. */
export type CommitmentRequirement = 'reason' | 'evidence';

interface Transition {
  from: readonly CommitmentStatus[];
  /** Absent: the state does not change (a confirmation is recorded on a done commitment). */
  to?: CommitmentStatus;
  by: readonly CommitmentRelation[];
  needs?: CommitmentRequirement;
}

export const COMMITMENT_TRANSITIONS: Record<CommitmentAction, Transition> = {
  start: { from: ['open'], to: 'in-progress', by: ['owner', 'owner-chair'] },
  complete: { from: ['open', 'in-progress'], to: 'done', by: ['owner', 'owner-chair'], needs: 'evidence' },
  confirm: { from: ['done'], by: ['other-side'] },
  // A delivery the other side does not accept, or a dropped commitment taken up again.
  reopen: { from: ['done', 'dropped'], to: 'open', by: ['owner', 'owner-chair', 'other-side', 'secretary'] },
  drop: { from: ['open', 'in-progress'], to: 'dropped', by: ['owner-chair', 'secretary'], needs: 'reason' },
};

/** Open commitments: the owner still owes them; reminders and "overdue" apply only to these. */
export const OPEN_COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['open', 'in-progress'];
export const isOpenCommitment = (status: CommitmentStatus) => OPEN_COMMITMENT_STATUSES.includes(status);

/** What the lifecycle reads of a commitment beyond its state. */
export interface CommitmentFacts {
  status: CommitmentStatus;
  /** The other side confirmed the delivery. */
  confirmed: boolean;
}

export type CommitmentRefusal =
  | { kind: 'wrong-state'; message: string }
  | { kind: 'not-yours'; message: string }
  /** Confirming one's own party's commitment: the other side confirms delivery. */
  | { kind: 'own-party'; field: 'action'; message: string }
  | { kind: 'needs'; field: CommitmentRequirement; message: string };

const WHO: Record<CommitmentRelation, string> = {
  owner: 'its owner',
  'owner-chair': "the chair of the owner's party",
  'own-party': "the owner's party",
  'other-side': 'the other party',
  secretary: "the group's secretary",
};

/** Why `action` may not be fired now by someone standing in `relations`; null when it may. */
export function commitmentRefusal(
  action: CommitmentAction,
  facts: CommitmentFacts,
  relations: ReadonlySet<CommitmentRelation>,
): CommitmentRefusal | null {
  const transition = COMMITMENT_TRANSITIONS[action];
  if (!transition.from.includes(facts.status))
    return {
      kind: 'wrong-state',
      message: `A commitment that is ${facts.status} cannot be given "${action}".`,
    };
  if ((action === 'confirm' || action === 'reopen') && facts.status === 'done' && facts.confirmed)
    return {
      kind: 'wrong-state',
      message:
        action === 'confirm'
          ? 'This delivery is already confirmed.'
          : 'A confirmed delivery stays delivered: raise a new commitment instead.',
    };
  if (!transition.by.some((relation) => relations.has(relation))) {
    if (action === 'confirm' && ownSide(relations))
      return {
        kind: 'own-party',
        field: 'action',
        message: "The other party confirms delivery: nobody confirms their own party's commitment.",
      };
    return {
      kind: 'not-yours',
      message: `Only ${transition.by.map((relation) => WHO[relation]).join(' or ')} may ${action} this commitment.`,
    };
  }
  return null;
}

const ownSide = (relations: ReadonlySet<CommitmentRelation>) =>
  relations.has('owner') || relations.has('owner-chair') || relations.has('own-party');

/** The refusal of an allowed action that lacks what it must carry; null when it carries it. */
export function missingRequirement(
  action: CommitmentAction,
  given: { reason?: string | null; evidence?: boolean },
): CommitmentRefusal | null {
  const needs = COMMITMENT_TRANSITIONS[action].needs;
  if (needs === 'reason' && !given.reason?.trim())
    return { kind: 'needs', field: 'reason', message: 'Say why the commitment is dropped.' };
  if (needs === 'evidence' && !given.evidence)
    return {
      kind: 'needs',
      field: 'evidence',
      message: 'Show what was done: a text, a file, or a link to a request or report.',
    };
  return null;
}

/** The actions the user may fire now: presenters send them so the UI offers only what the server accepts. */
export function allowedCommitmentActions(
  facts: CommitmentFacts,
  relations: ReadonlySet<CommitmentRelation>,
): CommitmentAction[] {
  return COMMITMENT_ACTIONS.filter((action) => commitmentRefusal(action, facts, relations) === null);
}

/** The state after `action`, given it is allowed. */
export const nextCommitmentStatus = (action: CommitmentAction, status: CommitmentStatus): CommitmentStatus =>
  COMMITMENT_TRANSITIONS[action].to ?? status;

/** What the relations are made of: the user's party and office in the group, and the commitment's owner. */
export interface StandingToCommitment {
  userId: string;
  party: string | null;
  member: boolean;
  office: 'chair' | 'secretary' | null;
}

/**
 * How a member of the group stands to a commitment. `sides` are the group's
 * parties other than the coordinator: only they promise and confirm.
 */
export function relationsOf(
  standing: StandingToCommitment,
  commitment: { ownerParty: string; ownerId: string },
  sides: readonly string[],
): Set<CommitmentRelation> {
  const relations = new Set<CommitmentRelation>();
  if (!standing.member) return relations;
  if (standing.userId === commitment.ownerId) relations.add('owner');
  if (standing.party === commitment.ownerParty) {
    relations.add('own-party');
    if (standing.office === 'chair') relations.add('owner-chair');
  } else if (standing.party !== null && sides.includes(standing.party)) relations.add('other-side');
  if (standing.office === 'secretary') relations.add('secretary');
  return relations;
}

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Overdue: still owed and its due date is before today (both calendar dates in the deployment's zone). */
export const isOverdue = (status: CommitmentStatus, dueOn: string, today: string) =>
  isOpenCommitment(status) && dueOn < today;

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The reminders of a commitment: 3 and 1 day before its due date, and the day after it (overdue). */
export const REMINDERS = [
  { kind: 'due-in-3', on: -3 },
  { kind: 'due-in-1', on: -1 },
  { kind: 'overdue', on: 1 },
] as const;
export type ReminderKind = (typeof REMINDERS)[number]['kind'];

/**
 * Why a file of evidence may not be added now, or null when it may: the
 * owner's side adds it while the commitment is owed or its delivery waits
 * for confirmation; a confirmed or dropped commitment is closed.
 */
export function evidenceFileRefusal(
  facts: CommitmentFacts,
  relations: ReadonlySet<CommitmentRelation>,
): CommitmentRefusal | null {
  const owed = isOpenCommitment(facts.status) || (facts.status === 'done' && !facts.confirmed);
  if (!owed)
    return {
      kind: 'wrong-state',
      message: `A commitment that is ${facts.status === 'done' ? 'confirmed' : facts.status} takes no more evidence.`,
    };
  if (!relations.has('owner') && !relations.has('owner-chair'))
    return {
      kind: 'not-yours',
      message: `Only ${WHO.owner} or ${WHO['owner-chair']} adds evidence to this commitment.`,
    };
  return null;
}
