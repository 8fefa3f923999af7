import { z } from 'zod';

/**
 * A deployment's classification scheme. Configuration, not code: the U.S.
 * scheme of the demo is one instance (see deployments/demo.yaml).
 */

export const localisedSchema = z.strictObject({
  en: z.string().min(1),
  ar: z.string().min(1),
  he: z.string().min(1),
});
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be #RRGGBB');
const markingCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9 -]*$/, 'Use capital letters, digits, spaces and dashes (as printed in a banner)');

export const nationalityCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Nationality must be an ISO 3166-1 alpha-3 code such as USA or GBR');

export const levelSchema = z.strictObject({
  /** Stored on records and users' clearances, e.g. "S". */
  code: z.string().regex(/^[A-Z]{1,6}$/, 'Level code is 1 to 6 capital letters'),
  /** As printed in a banner, e.g. "SECRET". */
  banner: markingCodeSchema,
  /** As printed in a portion mark, e.g. "S" in "(S)". */
  portion: markingCodeSchema,
  /** Banner background; text colour is chosen for contrast by the UI. */
  colour: colourSchema,
  names: localisedSchema,
});

export const caveatSchema = z.strictObject({
  /** As printed in a banner, e.g. "NOFORN". */
  code: markingCodeSchema,
  /** As printed in a portion mark, e.g. "NF". */
  portion: markingCodeSchema,
  /**
   * What the caveat does to access. `noforn`: only people of the scheme's home
   * nationality may see the record, and it may not carry REL TO. `none`: a
   * handling instruction carried with the record, with no effect on who sees it.
   */
  effect: z.enum(['noforn', 'none']),
  names: localisedSchema,
});

export const classificationSchemeSchema = z
  .strictObject({
    /** The nationality whose scheme this is: listed first in REL TO, and the only one NOFORN admits. */
    homeNationality: nationalityCodeSchema,
    /** Lowest first. */
    levels: z.array(levelSchema).min(1, 'A scheme needs at least one level'),
    caveats: z.array(caveatSchema).default([]),
    /** The words before a releasability list in a banner, e.g. "REL TO". */
    releasabilityPrefix: z.string().min(1).default('REL TO'),
  })
  .superRefine((scheme, ctx) => {
    const seen = new Set<string>();
    const tokens = [
      ...scheme.levels.flatMap((level, i) => [
        { token: `level ${level.code}`, path: ['levels', i, 'code'] },
        { token: `banner ${level.banner}`, path: ['levels', i, 'banner'] },
        { token: `portion ${level.portion}`, path: ['levels', i, 'portion'] },
      ]),
      ...scheme.caveats.flatMap((caveat, i) => [
        { token: `banner ${caveat.code}`, path: ['caveats', i, 'code'] },
        { token: `portion ${caveat.portion}`, path: ['caveats', i, 'portion'] },
      ]),
    ];
    for (const { token, path } of tokens) {
      if (seen.has(token)) ctx.addIssue({ code: 'custom', message: `Duplicate ${token}`, path });
      seen.add(token);
    }
  });

export type ClassificationScheme = z.infer<typeof classificationSchemeSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Caveat = z.infer<typeof caveatSchema>;

/** The scheme's lowest level: records marked at it are read without an audit entry. */
export function lowestLevel(scheme: ClassificationScheme): string {
  const lowest = scheme.levels[0];
  if (!lowest) throw new Error('A classification scheme needs at least one level');
  return lowest.code;
}
