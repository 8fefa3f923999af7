import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actorArbitrary,
  classificationArbitrary,
  markingArbitrary,
  US_SCHEME,
} from '../../../test/support/marking-fixtures';
import { AccessRule } from '../access/access-rule';
import {
  combineClassifications,
  combineMarkings,
  formatBanner,
  formatPortion,
  MarkingError,
  normaliseClassification,
  parseMarking,
  sameMarking,
} from './marking';

const scheme = US_SCHEME;
const parse = (text: string) => parseMarking(scheme, text);

describe('banners and portion marks in the U.S. scheme', () => {
  it.each([
    ['SECRET//NOFORN', { level: 'S', caveats: ['NOFORN'], relTo: null }],
    ['SECRET//REL TO USA, GBR', { level: 'S', caveats: [], relTo: ['USA', 'GBR'] }],
    ['(S//NF)', { level: 'S', caveats: ['NOFORN'], relTo: null }],
    ['(C)', { level: 'C', caveats: [], relTo: null }],
    ['(U)', { level: 'U', caveats: [], relTo: null }],
    ['(SBU)', { level: 'SBU', caveats: [], relTo: null }],
    ['UNCLASSIFIED', { level: 'U', caveats: [], relTo: null }],
    ['TOP SECRET//ORCON/NOFORN', { level: 'TS', caveats: ['ORCON', 'NOFORN'], relTo: null }],
  ])('reads %s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('formats the forms the U.S. scheme prints', () => {
    expect(formatBanner(scheme, { level: 'S', caveats: ['NOFORN'], relTo: null })).toBe('SECRET//NOFORN');
    expect(formatPortion(scheme, { level: 'S', caveats: ['NOFORN'], relTo: null })).toBe('(S//NF)');
    expect(formatPortion(scheme, { level: 'SBU', caveats: [], relTo: null })).toBe('(SBU)');
    expect(formatBanner(scheme, { level: 'S', caveats: ['NOFORN', 'ORCON'], relTo: null })).toBe(
      'SECRET//ORCON/NOFORN',
    );
  });

  it('lists USA first, then the other nationalities alphabetically, and always includes USA', () => {
    expect(formatBanner(scheme, parse('secret // rel to nld,gbr ,CAN'))).toBe(
      'SECRET//REL TO USA, CAN, GBR, NLD',
    );
    expect(formatPortion(scheme, parse('(S//REL TO GBR)'))).toBe('(S//REL TO USA, GBR)');
  });

  it.each([
    ['SECRET//NOFORN/REL TO USA, GBR', /NOFORN and REL TO contradict/],
    ['(S//NF/REL TO USA, GBR)', /NOFORN and REL TO contradict/],
    ['SECRET SQUIRREL', /Unknown classification "SECRET SQUIRREL"; this deployment uses UNCLASSIFIED/],
    ['SECRET//NOFRON', /Unknown caveat "NOFRON"/],
    ['SECRET//REL TO', /REL TO needs at least one nationality/],
    ['SECRET//REL TO US, GBR', /"US" is not a nationality code/],
    ['SECRET//REL TO USA//REL TO GBR', /REL TO appears twice/],
    ['SECRET//', /Empty part/],
    ['  ', /empty/],
  ])('refuses %s with a message that names the problem', (text, message) => {
    expect(() => parse(text)).toThrow(MarkingError);
    expect(() => parse(text)).toThrow(message);
  });

  it('round-trips every well-formed classification through banner and portion form', () => {
    fc.assert(
      fc.property(classificationArbitrary, (classification) => {
        const normal = normaliseClassification(scheme, classification);
        expect(parse(formatBanner(scheme, classification))).toEqual(normal);
        expect(parse(formatPortion(scheme, classification))).toEqual(normal);
        expect(formatBanner(scheme, parse(formatBanner(scheme, classification)))).toBe(
          formatBanner(scheme, classification),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('combining portions into a banner', () => {
  const banner = (...texts: string[]) =>
    formatBanner(scheme, combineClassifications(scheme, texts.map(parse)));

  it('takes the highest level, every caveat and the common releasability', () => {
    expect(banner('(U)', '(C)', '(S//REL TO USA, GBR, CAN)', '(C//REL TO USA, GBR)')).toBe(
      'SECRET//REL TO USA, GBR',
    );
    expect(banner('(C//OC)', '(S//REL TO USA, GBR)', '(U)')).toBe('SECRET//ORCON/REL TO USA, GBR');
  });

  it('makes the whole NOFORN when one portion is', () => {
    expect(banner('(S//REL TO USA, GBR)', '(C//NF)')).toBe('SECRET//NOFORN');
  });

  it('narrows disjoint releasability lists down to the home nationality', () => {
    expect(banner('(S//REL TO GBR)', '(S//REL TO CAN)')).toBe('SECRET//REL TO USA');
  });

  it('is commutative, associative and idempotent', () => {
    const classifications = fc.array(classificationArbitrary, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(classifications, classifications, (left, right) => {
        const combine = (parts: typeof left) => combineClassifications(scheme, parts);
        expect(combine([...left, ...right])).toEqual(combine([...right, ...left]));
        expect(combine([combine(left), combine(right)])).toEqual(combine([...left, ...right]));
        expect(combine([...left, ...left])).toEqual(combine(left));
        expect(combine([combine(left)])).toEqual(combine(left));
      }),
      { numRuns: 500 },
    );
  });

  it('never lets anyone see the whole who may not see every part', () => {
    const rule = new AccessRule(scheme);
    fc.assert(
      fc.property(
        fc.array(markingArbitrary, { minLength: 1, maxLength: 5 }),
        actorArbitrary,
        (parts, actor) => {
          if (rule.canSee(actor, combineMarkings(scheme, parts))) {
            for (const part of parts) expect(rule.canSee(actor, part)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('telling whether two markings say the same', () => {
  it('ignores order, and tells a missing releasability list from an empty one', () => {
    const a = { ...parse('(C//REL TO USA, GBR)'), parties: ['ISF', 'PASF'], groups: [] };
    expect(sameMarking(a, { ...a, relTo: ['GBR', 'USA'], parties: ['PASF', 'ISF'] })).toBe(true);
    expect(sameMarking(a, { ...a, level: 'S' })).toBe(false);
    expect(sameMarking(a, { ...a, relTo: null })).toBe(false);
    expect(sameMarking(a, { ...a, parties: ['ISF'] })).toBe(false);
    expect(sameMarking(a, { ...a, groups: ['SSR'] })).toBe(false);
  });

  it('holds for every marking and its combination with itself', () => {
    fc.assert(
      fc.property(markingArbitrary, (marking) =>
        sameMarking(combineMarkings(scheme, [marking, marking]), marking),
      ),
    );
  });
});
