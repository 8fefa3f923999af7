import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  allowedCommitmentActions,
  COMMITMENT_ACTIONS,
  COMMITMENT_STATUSES,
  type CommitmentRelation,
  commitmentRefusal,
  isCalendarDate,
  isOverdue,
  missingRequirement,
  nextCommitmentStatus,
  relationsOf,
} from './lifecycle';

const as = (...relations: CommitmentRelation[]) => new Set(relations);
const open = { status: 'open', confirmed: false } as const;
const done = { status: 'done', confirmed: false } as const;

describe('the commitment lifecycle', () => {
  it('lets the owner side start and complete, and the other side confirm', () => {
    expect(allowedCommitmentActions(open, as('owner', 'own-party'))).toEqual(['start', 'complete']);
    expect(allowedCommitmentActions(open, as('own-party', 'owner-chair'))).toEqual([
      'start',
      'complete',
      'drop',
    ]);
    expect(allowedCommitmentActions(open, as('other-side'))).toEqual([]);
    expect(allowedCommitmentActions(done, as('other-side'))).toEqual(['confirm', 'reopen']);
    expect(allowedCommitmentActions({ status: 'done', confirmed: true }, as('other-side'))).toEqual([]);
    expect(allowedCommitmentActions(open, as('secretary'))).toEqual(['drop']);
    expect(nextCommitmentStatus('complete', 'in-progress')).toBe('done');
    expect(nextCommitmentStatus('confirm', 'done')).toBe('done');
  });

  it("refuses confirming one's own party's commitment, naming the field", () => {
    expect(commitmentRefusal('confirm', done, as('owner', 'own-party'))).toMatchObject({
      kind: 'own-party',
      field: 'action',
    });
    expect(commitmentRefusal('confirm', done, as('own-party', 'owner-chair'))).toMatchObject({
      kind: 'own-party',
    });
    expect(commitmentRefusal('confirm', done, as('secretary'))).toMatchObject({ kind: 'not-yours' });
    expect(commitmentRefusal('confirm', open, as('other-side'))).toMatchObject({ kind: 'wrong-state' });
  });

  it('keeps a confirmed delivery delivered', () => {
    const confirmed = { status: 'done', confirmed: true } as const;
    for (const action of COMMITMENT_ACTIONS)
      expect(
        commitmentRefusal(action, confirmed, as('owner', 'owner-chair', 'other-side', 'secretary')),
      ).not.toBeNull();
  });

  it('asks a reason to drop and evidence to complete', () => {
    expect(missingRequirement('drop', { reason: '  ' })).toMatchObject({ field: 'reason' });
    expect(missingRequirement('drop', { reason: 'overtaken' })).toBeNull();
    expect(missingRequirement('complete', { evidence: false })).toMatchObject({ field: 'evidence' });
    expect(missingRequirement('complete', { evidence: true })).toBeNull();
    expect(missingRequirement('start', {})).toBeNull();
  });

  it('offers exactly the actions it would accept (property)', () => {
    const relation = fc.constantFrom<CommitmentRelation>(
      'owner',
      'owner-chair',
      'own-party',
      'other-side',
      'secretary',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMITMENT_STATUSES),
        fc.boolean(),
        fc.uniqueArray(relation, { maxLength: 4 }),
        (status, confirmed, relations) => {
          const facts = { status, confirmed: confirmed && status === 'done' };
          const set = new Set(relations);
          const allowed = allowedCommitmentActions(facts, set);
          for (const action of COMMITMENT_ACTIONS) {
            const refusal = commitmentRefusal(action, facts, set);
            expect(allowed.includes(action)).toBe(refusal === null);
            // Nobody of the owner's side ever confirms; nobody outside the group does anything.
            if (action === 'confirm' && !set.has('other-side')) expect(refusal).not.toBeNull();
          }
          if (set.size === 0) expect(allowed).toEqual([]);
          // Every allowed action leads to a state of the lifecycle.
          for (const action of allowed)
            expect(COMMITMENT_STATUSES).toContain(nextCommitmentStatus(action, status));
        },
      ),
    );
  });

  it('derives relations from the standing in the group', () => {
    const commitment = { ownerParty: 'PASF', ownerId: 'u1' };
    const sides = ['ISF', 'PASF'];
    const standing = (
      userId: string,
      party: string | null,
      office: 'chair' | 'secretary' | null,
      member = true,
    ) => ({
      userId,
      party,
      office,
      member,
    });
    expect(relationsOf(standing('u1', 'PASF', null), commitment, sides)).toEqual(as('owner', 'own-party'));
    expect(relationsOf(standing('u2', 'PASF', 'chair'), commitment, sides)).toEqual(
      as('own-party', 'owner-chair'),
    );
    expect(relationsOf(standing('u3', 'ISF', 'chair'), commitment, sides)).toEqual(as('other-side'));
    expect(relationsOf(standing('u4', 'USSC', 'secretary'), commitment, sides)).toEqual(as('secretary'));
    expect(relationsOf(standing('u5', 'ISF', 'chair', false), commitment, sides)).toEqual(as());
  });

  it('reads calendar dates and overdue ones', () => {
    expect(isCalendarDate('2027-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-29', '2027-13-01', '27-01-01', '2027-01-01T00:00', 'tomorrow', ''])
      expect(isCalendarDate(bad)).toBe(false);
    expect(isOverdue('open', '2027-03-01', '2027-03-02')).toBe(true);
    expect(isOverdue('open', '2027-03-02', '2027-03-02')).toBe(false);
    expect(isOverdue('done', '2027-03-01', '2027-03-02')).toBe(false);
    expect(addDays('2027-03-01', -3)).toBe('2027-02-26');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
  });
});
