/**
 * Classification levels, lowest first. The full marking model (caveats,
 * releasability, audience, configurable schemes) grows here; until a
 * deployment defines its own scheme, users' clearances use this U.S. one.
 */
export const DEFAULT_LEVELS = [
  { code: 'U', name: 'UNCLASSIFIED' },
  { code: 'C', name: 'CONFIDENTIAL' },
  { code: 'S', name: 'SECRET' },
  { code: 'TS', name: 'TOP SECRET' },
] as const;

export type LevelCode = (typeof DEFAULT_LEVELS)[number]['code'];
export const LEVEL_CODES = DEFAULT_LEVELS.map((level) => level.code) as [LevelCode, ...LevelCode[]];
