import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ACTIONS,
  allowedActions,
  isOpen,
  nextStatus,
  type Relation,
  refusalOf,
  STATUSES,
  type Status,
  TRANSITIONS,
} from './lifecycle';

const NO_CO_SIGN = { required: false, signed: false };
const as = (...relations: Relation[]) => new Set(relations);

/** Fires actions in order, as the given relation, failing loudly on a refusal. */
function walk(steps: [action: (typeof ACTIONS)[number], relation: Relation][], coSign = NO_CO_SIGN): Status {
  return steps.reduce<Status>((status, [action, relation]) => {
    const refusal = refusalOf(action, status, as(relation), coSign);
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
    const unsigned = { required: true, signed: false };
    expect(refusalOf('start', approved, as('receiver'), unsigned)?.message).toMatch(/co-signs/);
    expect(allowedActions(approved, as('coordinator'), unsigned)).toEqual(['co-sign']);
    expect(refusalOf('co-sign', approved, as('receiver'), unsigned)?.kind).toBe('not-yours');
    expect(nextStatus('co-sign', approved)).toBe(approved);
    expect(refusalOf('start', approved, as('receiver'), { required: true, signed: true })).toBeNull();
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
    for (const status of ['completed', 'cancelled', 'expired'] as const)
      expect(allowedActions(status, everyone, { required: true, signed: false })).toEqual([]);
    expect(allowedActions('denied', everyone, { required: true, signed: false })).toEqual(['co-sign']);
    expect(['completed', 'denied', 'cancelled', 'expired'].filter((s) => isOpen(s as Status))).toEqual([]);
  });

  it('offers exactly the actions it would accept (property)', () => {
    const relation = fc.constantFrom<Relation>('requester', 'receiver', 'coordinator', 'system');
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.uniqueArray(relation, { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        (status, relations, required, signed) => {
          const who = new Set(relations);
          const coSign = { required, signed };
          for (const action of allowedActions(status, who, coSign)) {
            expect(refusalOf(action, status, who, coSign)).toBeNull();
            expect(TRANSITIONS[action].from).toContain(status);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
