import type { ClassificationScheme } from './scheme';

/**
 * The classification part of a marking: what a banner or a portion mark says.
 * `relTo` null means no releasability list (no nationality restriction beyond
 * the caveats); a list always holds the scheme's home nationality.
 */
export interface Classification {
  level: string;
  /** Caveat codes (banner form), in the scheme's order. */
  caveats: string[];
  relTo: string[] | null;
}

/**
 * Who may see a record, besides what its classification allows: the parties
 * in its audience, and need-to-know groups. A reader must belong to one of the
 * parties and to every group listed.
 */
export interface Audience {
  parties: string[];
  groups: string[];
}

export type Marking = Classification & Audience;

export class MarkingError extends Error {
  override name = 'MarkingError';
}

const SEPARATOR = '//';

export function levelRank(scheme: ClassificationScheme, code: string): number {
  return scheme.levels.findIndex((level) => level.code === code);
}

function levelOf(scheme: ClassificationScheme, code: string) {
  const level = scheme.levels.find((candidate) => candidate.code === code);
  if (!level) throw new MarkingError(`Unknown classification level "${code}"`);
  return level;
}

export function hasNoforn(scheme: ClassificationScheme, caveats: readonly string[]): boolean {
  return scheme.caveats.some((caveat) => caveat.effect === 'noforn' && caveats.includes(caveat.code));
}

/** USA first, then the others alphabetically, without duplicates (the U.S. convention, generalised). */
export function orderReleasability(scheme: ClassificationScheme, codes: Iterable<string>): string[] {
  const others = [...new Set(codes)].filter((code) => code !== scheme.homeNationality).sort();
  return [scheme.homeNationality, ...others];
}

/** Puts a classification in canonical form and refuses contradictions; every marking passes through here. */
export function normaliseClassification(
  scheme: ClassificationScheme,
  classification: Classification,
): Classification {
  levelOf(scheme, classification.level);
  for (const code of classification.caveats) {
    if (!scheme.caveats.some((caveat) => caveat.code === code)) {
      throw new MarkingError(`Unknown caveat "${code}"`);
    }
  }
  const caveats = scheme.caveats
    .map((caveat) => caveat.code)
    .filter((code) => classification.caveats.includes(code));
  const relTo = classification.relTo === null ? null : orderReleasability(scheme, classification.relTo);
  if (relTo) {
    for (const code of relTo) {
      if (!/^[A-Z]{3}$/.test(code))
        throw new MarkingError(`"${code}" is not a nationality code (such as GBR)`);
    }
    const noforn = scheme.caveats.find(
      (caveat) => caveat.effect === 'noforn' && caveats.includes(caveat.code),
    );
    if (noforn) {
      throw new MarkingError(
        `${noforn.code} and ${scheme.releasabilityPrefix} contradict each other: ${noforn.code} forbids release to other nationalities`,
      );
    }
  }
  return { level: classification.level, caveats, relTo };
}

function formatMarks(
  scheme: ClassificationScheme,
  classification: Classification,
  form: 'banner' | 'portion',
) {
  const normal = normaliseClassification(scheme, classification);
  const level = levelOf(scheme, normal.level);
  const controls = normal.caveats.map((code) => {
    const caveat = scheme.caveats.find((candidate) => candidate.code === code);
    return form === 'banner' ? code : (caveat?.portion ?? code);
  });
  if (normal.relTo) controls.push(`${scheme.releasabilityPrefix} ${normal.relTo.join(', ')}`);
  const head = form === 'banner' ? level.banner : level.portion;
  return controls.length === 0 ? head : `${head}${SEPARATOR}${controls.join('/')}`;
}

/** `SECRET//NOFORN`, `SECRET//REL TO USA, GBR`, `UNCLASSIFIED`. */
export function formatBanner(scheme: ClassificationScheme, classification: Classification): string {
  return formatMarks(scheme, classification, 'banner');
}

/** `(S//NF)`, `(C)`, `(SBU)`, `(S//REL TO USA, GBR)`. */
export function formatPortion(scheme: ClassificationScheme, classification: Classification): string {
  return `(${formatMarks(scheme, classification, 'portion')})`;
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Reads a banner or a portion mark (with or without parentheses). Lenient in
 * what it accepts (either the banner or the portion form of each part, any
 * case, spacing and comma style), strict in what it means: an unknown part or
 * a contradiction is an error that names it.
 */
export function parseMarking(scheme: ClassificationScheme, text: string): Classification {
  const body = squash(text).replace(/^\((.*)\)$/, '$1');
  if (body === '') throw new MarkingError('The marking is empty');
  const [head, ...rest] = body.split(SEPARATOR).map((part) => part.trim());
  const level = scheme.levels.find((candidate) => candidate.banner === head || candidate.portion === head);
  if (!level) {
    const known = scheme.levels.map((candidate) => candidate.banner).join(', ');
    throw new MarkingError(`Unknown classification "${head}"; this deployment uses ${known}`);
  }
  const caveats: string[] = [];
  let relTo: string[] | null = null;
  const prefix = squash(scheme.releasabilityPrefix);
  for (const control of rest.flatMap((part) => part.split('/')).map((part) => part.trim())) {
    if (control === '') throw new MarkingError(`Empty part in marking "${text.trim()}"`);
    if (control === prefix || control.startsWith(`${prefix} `)) {
      if (relTo) throw new MarkingError(`${scheme.releasabilityPrefix} appears twice`);
      relTo = parseReleasability(scheme, control.slice(prefix.length));
      continue;
    }
    const caveat = scheme.caveats.find(
      (candidate) => candidate.code === control || candidate.portion === control,
    );
    if (!caveat) throw new MarkingError(`Unknown caveat "${control}" in marking "${text.trim()}"`);
    caveats.push(caveat.code);
  }
  return normaliseClassification(scheme, { level: level.code, caveats, relTo });
}

function parseReleasability(scheme: ClassificationScheme, list: string): string[] {
  const codes = list
    .split(/[,\s]+/)
    .map((code) => code.trim())
    .filter(Boolean);
  if (codes.length === 0)
    throw new MarkingError(`${scheme.releasabilityPrefix} needs at least one nationality`);
  return codes;
}

/**
 * The banner of a document made of these portions: the highest level, every
 * caveat of any portion, and only the nationalities every portion is
 * releasable to. A NOFORN portion makes the whole NOFORN (and so drops REL TO).
 */
export function combineClassifications(
  scheme: ClassificationScheme,
  portions: readonly Classification[],
): Classification {
  if (portions.length === 0) throw new MarkingError('A banner needs at least one portion');
  const normal = portions.map((portion) => normaliseClassification(scheme, portion));
  const level = normal.reduce((highest, portion) =>
    levelRank(scheme, portion.level) > levelRank(scheme, highest.level) ? portion : highest,
  ).level;
  const caveats = [...new Set(normal.flatMap((portion) => portion.caveats))];
  const lists = normal.flatMap((portion) => (portion.relTo ? [portion.relTo] : []));
  const relTo =
    hasNoforn(scheme, caveats) || lists.length === 0
      ? null
      : lists.reduce((common, list) => common.filter((code) => list.includes(code)));
  return normaliseClassification(scheme, { level, caveats, relTo });
}

/** The audience of a whole made of parts: only the parties every part reaches, every group any part requires. */
export function combineAudiences(audiences: readonly Audience[]): Audience {
  if (audiences.length === 0) throw new MarkingError('A combined audience needs at least one part');
  return {
    parties: audiences.reduce<string[]>(
      (common, audience) => common.filter((party) => audience.parties.includes(party)),
      [...new Set(audiences[0]?.parties)],
    ),
    groups: [...new Set(audiences.flatMap((audience) => audience.groups))].sort(),
  };
}

export function combineMarkings(scheme: ClassificationScheme, markings: readonly Marking[]): Marking {
  return { ...combineClassifications(scheme, markings), ...combineAudiences(markings) };
}

/** Whether two markings say the same: same level, and the same caveats, releasability, parties and groups in any order. */
export function sameMarking(a: Marking, b: Marking): boolean {
  const same = (x: readonly string[] | null, y: readonly string[] | null) =>
    x === null || y === null
      ? x === y
      : new Set(x).size === new Set(y).size && x.every((code) => y.includes(code));
  return (
    a.level === b.level &&
    same(a.caveats, b.caveats) &&
    same(a.relTo, b.relTo) &&
    same(a.parties, b.parties) &&
    same(a.groups, b.groups)
  );
}
