import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ACTIONS,
  allowedActions,
  type Gates,
  isOpen,
  NO_GATES,
  nextStatus,
  type Relation,
  refusalOf,
  STATUSES,
  type Status,
  TRANSITIONS,
} from './lifecycle';

const NO_CO_SIGN = NO_GATES;
const coSign = (required: boolean, signed: boolean): Gates => ({
  ...NO_GATES,
  coSignature: { required, signed },
});
const as = (...relations: Relation[]) => new Set(relations);

/** Fires actions in order, as the given relation, failing loudly on a refusal. */
function walk(steps: [action: (typeof ACTIONS)[number], relation: Relation][], gates = NO_GATES): Status {
  return steps.reduce<Status>((status, [action, relation]) => {
    const refusal = refusalOf(action, status, as(relation), gates);
    if (refusal) throw new Error(`${action} from ${status}: ${refusal.message}`);
    return nextStatus(action, status);
  }, 'draft');
}

describe('the request lifecycle', () => {
  it('runs the happy path of the issue: submitted, acknowledged, approved with conditions, started, completed', () => {
    expect(
      walk([
        ['submit', 'requester'],
        ['acknowledge', 'receiver'],
        ['approve-with-conditions', 'receiver'],
        ['start', 'receiver'],
        ['complete', 'receiver'],
      ]),
    ).toBe('completed');
  });

  it('never treats an acknowledgement as an approval', () => {
    const status = walk([
      ['submit', 'requester'],
      ['acknowledge', 'receiver'],
    ]);
    expect(status).toBe('acknowledged');
    expect(refusalOf('start', status, as('receiver'), NO_CO_SIGN)?.kind).toBe('wrong-state');
  });

  it('lets only the receiving desk answer, and only the requesting party cancel', () => {
    expect(refusalOf('acknowledge', 'submitted', as('requester'), NO_CO_SIGN)?.kind).toBe('not-yours');
    expect(refusalOf('acknowledge', 'submitted', as('coordinator'), NO_CO_SIGN)?.kind).toBe('not-yours');
    expect(refusalOf('cancel', 'submitted', as('receiver'), NO_CO_SIGN)?.kind).toBe('not-yours');
    expect(refusalOf('cancel', 'submitted', as('requester'), NO_CO_SIGN)).toBeNull();
  });

  it('asks for more information and goes back to the desk when it is given', () => {
    expect(
      walk([
        ['submit', 'requester'],
        ['acknowledge', 'receiver'],
        ['request-info', 'receiver'],
        ['provide-info', 'requester'],
        ['deny', 'receiver'],
      ]),
    ).toBe('denied');
  });

  it('holds the work back until the coordinator co-signs, when the type needs it', () => {
    const approved = walk([
      ['submit', 'requester'],
      ['acknowledge', 'receiver'],
      ['approve', 'receiver'],
    ]);
    const unsigned = coSign(true, false);
    expect(refusalOf('start', approved, as('receiver'), unsigned)?.message).toMatch(/co-signs/);
    expect(allowedActions(approved, as('coordinator'), unsigned)).toEqual(['co-sign']);
    expect(refusalOf('co-sign', approved, as('receiver'), unsigned)?.kind).toBe('not-yours');
    expect(nextStatus('co-sign', approved)).toBe(approved);
    expect(refusalOf('start', approved, as('receiver'), coSign(true, true))).toBeNull();
    expect(refusalOf('co-sign', approved, as('coordinator'), NO_CO_SIGN)?.kind).toBe('wrong-state');
  });

  it('expires only undecided requests, and only by the clock', () => {
    expect(refusalOf('expire', 'acknowledged', as('system'), NO_CO_SIGN)).toBeNull();
    expect(refusalOf('expire', 'approved', as('system'), NO_CO_SIGN)?.kind).toBe('wrong-state');
    expect(allowedActions('submitted', as('requester', 'receiver', 'coordinator'), NO_CO_SIGN)).not.toContain(
      'expire',
    );
  });

  it('ends for good: nothing leaves completed, denied, cancelled or expired except a co-signature', () => {
    const everyone = as('requester', 'receiver', 'coordinator', 'system');
    for (const status of ['completed', 'not-found', 'cancelled', 'expired'] as const)
      expect(allowedActions(status, everyone, coSign(true, false))).toEqual([]);
    expect(allowedActions('denied', everyone, coSign(true, false))).toEqual(['co-sign']);
    expect(
      ['completed', 'not-found', 'denied', 'cancelled', 'expired'].filter((s) => isOpen(s as Status)),
    ).toEqual([]);
  });

  const review = (pending: boolean, draftedByCaller = false): Gates => ({
    ...NO_GATES,
    review: { required: true, pending, draftedByCaller },
  });

  it('four eyes: the desk drafts, another supervisor approves, and the state moves only then', () => {
    const acknowledged = walk([
      ['submit', 'requester'],
      ['acknowledge', 'receiver'],
    ]);
    expect(refusalOf('approve', acknowledged, as('receiver'), review(false))?.message).toMatch(/supervisor/);
    expect(allowedActions(acknowledged, as('receiver'), review(false))).toEqual([
      'request-info',
      'draft-answer',
    ]);
    expect(nextStatus('draft-answer', acknowledged)).toBe('acknowledged');
    // Waiting: nothing more to draft or ask, and the drafter (a supervisor too) may not approve it.
    expect(allowedActions(acknowledged, as('receiver'), review(true))).toEqual([]);
    expect(
      refusalOf('approve-answer', acknowledged, as('receiver', 'reviewer'), review(true, true))?.kind,
    ).toBe('not-yours');
    expect(allowedActions(acknowledged, as('reviewer'), review(true))).toEqual([
      'approve-answer',
      'return-answer',
    ]);
    expect(
      refusalOf('approve-answer', acknowledged, as('requester', 'coordinator'), review(true))?.kind,
    ).toBe('not-yours');
    expect(nextStatus('approve-answer', acknowledged, 'deny')).toBe('denied');
    expect(nextStatus('approve-answer', acknowledged, 'approve-with-conditions')).toBe(
      'approved-with-conditions',
    );
    // Without four eyes there is nothing to draft or review.
    expect(refusalOf('draft-answer', acknowledged, as('receiver'), NO_GATES)?.kind).toBe('wrong-state');
    expect(refusalOf('approve-answer', acknowledged, as('reviewer'), NO_GATES)?.kind).toBe('wrong-state');
  });

  it('a safe return goes located, secured, en route and handed over, or ends not found', () => {
    const steps: Gates = { ...NO_GATES, handover: true };
    const approved = walk(
      [
        ['submit', 'requester'],
        ['acknowledge', 'receiver'],
        ['approve', 'receiver'],
      ],
      steps,
    );
    expect(allowedActions(approved, as('receiver'), steps)).toEqual(['start', 'locate', 'not-found']);
    let status = approved;
    for (const action of ['locate', 'secure', 'depart', 'hand-over'] as const) {
      expect(refusalOf(action, status, as('receiver'), steps)).toBeNull();
      status = nextStatus(action, status);
    }
    expect(status).toBe('completed');
    expect(refusalOf('complete', 'in-progress', as('receiver'), steps)?.message).toMatch(/handover/);
    expect(refusalOf('locate', approved, as('receiver'), NO_GATES)?.kind).toBe('wrong-state');
    expect(refusalOf('secure', approved, as('receiver'), steps)?.kind).toBe('wrong-state');
    expect(refusalOf('locate', approved, as('requester', 'coordinator'), steps)?.kind).toBe('not-yours');
    expect(nextStatus('not-found', 'in-progress')).toBe('not-found');
    expect(
      refusalOf('locate', approved, as('receiver'), {
        ...steps,
        coSignature: { required: true, signed: false },
      })?.message,
    ).toMatch(/co-signs/);
  });

  it('offers exactly the actions it would accept (property)', () => {
    const relation = fc.constantFrom<Relation>('requester', 'receiver', 'reviewer', 'coordinator', 'system');
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.uniqueArray(relation, { maxLength: 3 }),
        fc.record({
          coSignature: fc.record({ required: fc.boolean(), signed: fc.boolean() }),
          review: fc.record({ required: fc.boolean(), pending: fc.boolean(), draftedByCaller: fc.boolean() }),
          handover: fc.boolean(),
        }),
        (status, relations, gates) => {
          const who = new Set(relations);
          for (const action of allowedActions(status, who, gates)) {
            expect(refusalOf(action, status, who, gates)).toBeNull();
            expect(TRANSITIONS[action].from).toContain(status);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
