import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedMinutesActions,
  canonicalText,
  fullySigned,
  MINUTES_ACTIONS,
  MINUTES_STATUSES,
  type MinutesFacts,
  minutesRefusal,
  saveMinutesSchema,
  sectionChanges,
} from './minutes';

const facts = (overrides: Partial<MinutesFacts> = {}): MinutesFacts => ({
  status: 'circulated',
  version: 2,
  signingParties: ['ISF', 'PASF'],
  signedBy: [],
  ...overrides,
});
const secretary = { lead: true, chairOf: null };
const isfChair = { lead: true, chairOf: 'ISF' };
const member = { lead: false, chairOf: null };

describe('minutes both parties sign', () => {
  it('lets the leads write and circulate, and each party chair sign once', () => {
    expect(allowedMinutesActions(facts({ status: 'draft' }), secretary)).toEqual(['write', 'circulate']);
    expect(allowedMinutesActions(facts(), secretary)).toEqual(['write']);
    // A chair of a party that has not signed signs the circulated version, or asks for a change to it.
    expect(allowedMinutesActions(facts(), isfChair)).toEqual(['write', 'sign', 'request-change']);
    expect(allowedMinutesActions(facts({ signedBy: ['ISF'] }), isfChair)).toEqual(['write']);
    expect(allowedMinutesActions(facts(), member)).toEqual([]);
    expect(minutesRefusal('sign', facts(), secretary)?.code).toBe('not_a_chair');
    expect(minutesRefusal('sign', facts({ status: 'draft' }), isfChair)?.code).toBe('minutes_not_circulated');
    expect(minutesRefusal('request-change', facts(), secretary)?.code).toBe('not_a_chair');
    expect(minutesRefusal('request-change', facts({ signedBy: ['ISF'] }), isfChair)?.code).toBe(
      'minutes_signed_by_party',
    );
  });

  it('makes signed minutes read-only for everyone', () => {
    for (const standing of [secretary, isfChair, member])
      expect(allowedMinutesActions(facts({ status: 'signed' }), standing)).toEqual([]);
  });

  it('is signed only when every signing party signed the current version', () => {
    expect(fullySigned(facts({ signedBy: ['ISF'] }))).toBe(false);
    expect(fullySigned(facts({ signedBy: ['PASF', 'ISF'] }))).toBe(true);
    expect(fullySigned(facts({ signingParties: [], signedBy: [] }))).toBe(false);
  });

  it('offers exactly what it accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, ...MINUTES_STATUSES),
        fc.subarray(['ISF', 'PASF']),
        fc.boolean(),
        fc.constantFrom(null, 'ISF', 'PASF', 'USSC'),
        (status, signedBy, lead, chairOf) => {
          const f = facts({ status, signedBy });
          const standing = { lead, chairOf };
          for (const action of MINUTES_ACTIONS)
            expect(allowedMinutesActions(f, standing).includes(action)).toBe(
              minutesRefusal(action, f, standing) === null,
            );
        },
      ),
    );
  });

  it('refuses a section over 50,000 characters, naming it', () => {
    const result = saveMinutesSchema.safeParse({
      baseVersion: 0,
      sections: [{ heading: 'Item 1', text: 'x'.repeat(50_001) }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sections', 0, 'text']);
  });

  it('shows a version’s changes word by word, in Arabic and Hebrew too, and digests the exact text', () => {
    const before = [{ heading: 'البند 1', text: 'اتفق الطرفان على دورية مشتركة', decisions: [] }];
    const after = [{ heading: 'البند 1', text: 'اتفق الطرفان على دوريتين مشتركتين', decisions: ['הוחלט'] }];
    const [change] = sectionChanges(before, after);
    expect(change?.change).toBe('changed');
    expect(change?.words.filter((word) => word.change === 'removed').map((word) => word.text.trim())).toEqual(
      ['دورية مشتركة'],
    );
    expect(change?.words.find((word) => word.change === 'same')?.text).toMatch(/^اتفق الطرفان على/);
    expect(canonicalText(before)).not.toBe(canonicalText(after));
    expect(canonicalText(before)).toBe(canonicalText(structuredClone(before)));
  });
});
