import fc from 'fast-check';
import type { Actor } from '../../src/core/access/access-rule';
import type { Classification, Marking } from '../../src/core/marking/marking';
import { type ClassificationScheme, classificationSchemeSchema } from '../../src/core/marking/scheme';

const names = (en: string) => ({ en, ar: en, he: en });

/** The U.S. scheme as the demo deployment configures it, kept here so core tests need no file. */
export const US_SCHEME: ClassificationScheme = classificationSchemeSchema.parse({
  homeNationality: 'USA',
  levels: [
    { code: 'U', banner: 'UNCLASSIFIED', portion: 'U', colour: '#007a33', names: names('Unclassified') },
    {
      code: 'SBU',
      banner: 'SENSITIVE BUT UNCLASSIFIED',
      portion: 'SBU',
      colour: '#502b85',
      names: names('SBU'),
    },
    { code: 'C', banner: 'CONFIDENTIAL', portion: 'C', colour: '#0033a0', names: names('Confidential') },
    { code: 'S', banner: 'SECRET', portion: 'S', colour: '#c8102e', names: names('Secret') },
    { code: 'TS', banner: 'TOP SECRET', portion: 'TS', colour: '#ff8c00', names: names('Top Secret') },
  ],
  caveats: [
    { code: 'ORCON', portion: 'OC', effect: 'none', names: names('Originator controlled') },
    { code: 'NOFORN', portion: 'NF', effect: 'noforn', names: names('Not releasable to foreign nationals') },
  ],
});

export const NATIONALITIES = ['USA', 'GBR', 'CAN', 'NLD', 'ISR', 'PSE'] as const;
export const PARTIES = ['USSC', 'ISF', 'PASF'] as const;
export const GROUPS = ['wg-traffic', 'wg-criminal', 'desk-hebron'] as const;

const levelCode = fc.constantFrom(...US_SCHEME.levels.map((level) => level.code));
const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
/** Most records carry no need-to-know group; without this bias almost nothing would be visible to anyone. */
const recordGroups = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string[]>([]) },
  { weight: 1, arbitrary: subset(GROUPS) },
);

/** Well-formed classifications: never NOFORN together with REL TO. */
export const classificationArbitrary: fc.Arbitrary<Classification> = fc
  .record({
    level: levelCode,
    orcon: fc.boolean(),
    releasability: fc.oneof(
      fc.constant<'none'>('none'),
      fc.constant<'noforn'>('noforn'),
      subset(NATIONALITIES).map((codes) => codes as string[]),
    ),
  })
  .map(({ level, orcon, releasability }) => ({
    level,
    caveats: [...(orcon ? ['ORCON'] : []), ...(releasability === 'noforn' ? ['NOFORN'] : [])],
    relTo: Array.isArray(releasability)
      ? ['USA', ...releasability.filter((code) => code !== 'USA').sort()]
      : null,
  }));

export const markingArbitrary: fc.Arbitrary<Marking> = fc
  .record({
    classification: classificationArbitrary,
    parties: subset(PARTIES),
    groups: recordGroups,
  })
  .map(({ classification, parties, groups }) => ({
    ...classification,
    parties: [...parties],
    groups: [...groups],
  }));

/** Markings as they might sit in a table, odd ones included: unknown levels, empty lists, NOFORN with REL TO. */
export const storedMarkingArbitrary: fc.Arbitrary<Marking> = fc.record({
  level: fc.oneof(levelCode, fc.constant('X')),
  caveats: subset(['ORCON', 'NOFORN', 'OTHER']),
  relTo: fc.option(subset(NATIONALITIES), { nil: null }),
  parties: subset(PARTIES),
  groups: recordGroups,
});

export const actorArbitrary: fc.Arbitrary<Actor> = fc.record({
  userId: fc.uuid(),
  party: fc.option(fc.constantFrom(...PARTIES), { nil: null }),
  nationality: fc.constantFrom(...NATIONALITIES),
  clearance: fc.oneof(levelCode, fc.constant('NONE')),
  groups: subset(GROUPS),
});
