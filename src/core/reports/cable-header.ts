/**
 * The cable's header: banner, originator and serial, caveats, SIPDIS and the
 * routing lines, E.O. and declassification, TAGS, SUBJECT and the
 * classified-by line. The seed writes it all on one line, plain telegrams on
 * several; so it is read as one string that still knows its lines.
 */
import { type Classification, MarkingError, normaliseClassification } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';
import { CableParseError, excerpt } from './cable-model';
import { joinLines, type LinedText, type SourceLine } from './cable-source';
import { cleanPlainText, unwrapAnnotations } from './cable-text';

export interface CableHeader {
  originator: string;
  serial: string;
  classification: Classification;
  sipdis: boolean;
  distribution: string | null;
  executiveOrder: string | null;
  declassifyOn: string | null;
  tags: string[];
  subject: string;
  classifiedBy: string | null;
  reasons: string[];
}

interface Found {
  index: number;
  end: number;
}

/** Where the header's keywords are, each the first occurrence (or null). */
interface Landmarks {
  sipdis: Found | null;
  executiveOrder: Found | null;
  tags: Found | null;
  subject: Found | null;
  classifiedBy: Found | null;
  reference: Found | null;
}

export const SUBJECT_KEYWORD = /\b(?:SUBJECT|Subject|SUBJ)\s*:/;
const LANDMARKS: Record<keyof Landmarks, RegExp> = {
  sipdis: /\bSIPDIS\b/,
  executiveOrder: /\bE\.\s?O\.\s*/,
  tags: /\bTAGS\b\s*:?/,
  subject: SUBJECT_KEYWORD,
  classifiedBy: /\bClassified\s+By\b\s*:?/i,
  reference: /\bREFS?\s*:/,
};

/** Spaced-out letters at the start of a banner: "S E C R E T". */
const SPACED_LETTERS = /(?:[A-Z] ){2,}[A-Z](?![A-Za-z])/y;

export function parseHeader(lines: readonly SourceLine[], scheme: ClassificationScheme): CableHeader {
  const header = joinLines(lines, (line) => unwrapAnnotations(line.text));
  const text = header.text;
  const landmarks = findLandmarks(text);
  const banner = readBanner(header, scheme);
  const serialRegionEnd = firstOf(text.length, [
    landmarks.sipdis,
    landmarks.executiveOrder,
    landmarks.tags,
    landmarks.subject,
    landmarks.classifiedBy,
  ]);
  const origin = readOriginAndSerial(header, scheme, banner.end, serialRegionEnd);
  const controlsEnd = firstOf(text.length, [
    landmarks.executiveOrder,
    landmarks.tags,
    landmarks.subject,
    landmarks.classifiedBy,
  ]);
  const classification = readClassification(header, scheme, banner, controlsEnd);
  const classifiedBy = readClassifiedBy(text, landmarks);
  return {
    originator: origin.originator,
    serial: origin.serial,
    classification,
    sipdis: landmarks.sipdis !== null,
    distribution: readDistribution(text, scheme, landmarks.sipdis?.end ?? origin.end, controlsEnd),
    ...readExecutiveOrder(header, landmarks),
    tags: readTags(text, landmarks),
    subject: readSubject(header, landmarks),
    classifiedBy: classifiedBy.by,
    reasons: classifiedBy.reasons,
  };
}

function findLandmarks(text: string): Landmarks {
  const find = (pattern: RegExp): Found | null => {
    const match = pattern.exec(text);
    return match ? { index: match.index, end: match.index + match[0].length } : null;
  };
  return {
    sipdis: find(LANDMARKS.sipdis),
    executiveOrder: find(LANDMARKS.executiveOrder),
    tags: find(LANDMARKS.tags),
    subject: find(LANDMARKS.subject),
    classifiedBy: find(LANDMARKS.classifiedBy),
    reference: find(LANDMARKS.reference),
  };
}

/** The start of the earliest landmark after `after`, or `fallback`. */
function firstOf(fallback: number, landmarks: (Found | null)[], after = -1): number {
  return landmarks.reduce(
    (earliest, found) => (found && found.index > after && found.index < earliest ? found.index : earliest),
    fallback,
  );
}

interface Banner {
  level: string;
  end: number;
}

/** The banner's words, in every form a cable prints them, longest first so TOP SECRET wins over SECRET. */
function bannerForms(scheme: ClassificationScheme): { words: string; level: string }[] {
  const forms = scheme.levels.map((level) => ({ words: level.banner, level: level.code }));
  const aliases: [string, string][] = [
    ['UNCLAS', 'UNCLASSIFIED'],
    ['UNCLAS SENSITIVE', 'SENSITIVE BUT UNCLASSIFIED'],
  ];
  for (const [alias, banner] of aliases) {
    const level = scheme.levels.find((candidate) => candidate.banner === banner);
    if (level) forms.push({ words: alias, level: level.code });
  }
  return forms.sort((a, b) => b.words.length - a.words.length);
}

function readBanner(header: LinedText, scheme: ClassificationScheme): Banner {
  const start = header.text.search(/\S/);
  const at = Math.max(start, 0);
  const rest = header.text.slice(at);
  SPACED_LETTERS.lastIndex = 0;
  const spaced = SPACED_LETTERS.exec(rest);
  const forms = bannerForms(scheme);
  if (spaced) {
    const word = spaced[0].replace(/ /g, '');
    const form = forms.find((candidate) => candidate.words.replace(/ /g, '') === word);
    if (form) return { level: form.level, end: at + spaced[0].length };
  }
  const upper = rest.toUpperCase();
  const form = forms.find(
    (candidate) =>
      upper.startsWith(candidate.words) && /^(?:$|[\s/(])/.test(upper.slice(candidate.words.length)),
  );
  if (form) return { level: form.level, end: at + form.words.length };
  throw new CableParseError(
    header.lineAt(at).number,
    `a classification banner (${forms.map((candidate) => candidate.words).join(', ')})`,
    excerpt(firstLine(rest)),
  );
}

const firstLine = (text: string) => text.split('\n')[0] ?? '';

/** "SECTION 01 OF 02" between the banner and the originator. */
const SECTION = /\bSECTION\s+\d+\s+OF\s+\d+\b/g;
/**
 * Up to six capitalised words, then the serial: "TEL AVIV 001234". Words
 * start at a word boundary and are at most 30 letters, so a long run of
 * capitals is scanned once, not once per letter.
 */
const ORIGIN = /(?<![A-Z.'-])([A-Z][A-Z.'-]{0,29}(?:[ \t]+[A-Z][A-Z.'-]{0,29}){0,5})[ \t]+(\d{3,})(?!\d)/;

function readOriginAndSerial(header: LinedText, scheme: ClassificationScheme, from: number, to: number) {
  const region = header.text.slice(from, to).replace(SECTION, (section) => ' '.repeat(section.length));
  const match = ORIGIN.exec(region);
  const controls = new Set(scheme.caveats.flatMap((caveat) => [caveat.code, caveat.portion]));
  const words = (match?.[1] ?? '').split(/[ \t]+/).filter((word) => word !== '' && !controls.has(word));
  if (!match || words.length === 0) {
    // Name the line of whatever stands where the serial should be, even if the banner's line ends first.
    const after = header.text.slice(from).search(/\S/);
    const at = after === -1 ? from : from + after;
    throw new CableParseError(
      header.lineAt(at).number,
      'the originator and serial after the banner (such as JERUSALEM 000286)',
      excerpt(firstLine(header.text.slice(at))),
    );
  }
  return { originator: words.join(' '), serial: match[2] ?? '', end: from + match.index + match[0].length };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordPattern = (words: string) => escapeRegExp(words).replace(/ /g, '\\s+');

/** The banner's level with the caveats and REL TO found anywhere before the E.O. line. */
function readClassification(
  header: LinedText,
  scheme: ClassificationScheme,
  banner: Banner,
  to: number,
): Classification {
  const region = header.text.slice(0, to);
  const caveats = scheme.caveats
    .filter((caveat) => new RegExp(`(?<![A-Z])${wordPattern(caveat.code)}(?![A-Z])`).test(region))
    .map((caveat) => caveat.code);
  const releasability = new RegExp(
    `(?<![A-Z])${wordPattern(scheme.releasabilityPrefix)}\\s*:?\\s*([A-Z]{3}(?:\\s*(?:,|AND)\\s*[A-Z]{3})*)(?![A-Z])`,
  ).exec(region);
  const relTo = releasability ? (releasability[1] ?? '').split(/\s*(?:,|AND)\s*/) : null;
  try {
    return normaliseClassification(scheme, { level: banner.level, caveats, relTo });
  } catch (error) {
    if (!(error instanceof MarkingError)) throw error;
    const at = releasability?.index ?? 0;
    throw new CableParseError(
      header.lineAt(at).number,
      `a banner the scheme allows (${error.message})`,
      excerpt(releasability?.[0] ?? firstLine(region)),
    );
  }
}

/** The routing lines ("NEA FOR FRONT OFFICE, …"), without the caveats already read into the banner. */
function readDistribution(text: string, scheme: ClassificationScheme, from: number, to: number) {
  if (from >= to) return null;
  const controls = scheme.caveats.map((caveat) => wordPattern(caveat.code));
  const withoutControls = text
    .slice(from, to)
    .replace(new RegExp(`(?<![A-Z])(?:${[...controls, 'SIPDIS'].join('|')})(?![A-Z])`, 'g'), ' ');
  const distribution = cleanPlainText(withoutControls);
  return distribution === '' ? null : distribution;
}

function readExecutiveOrder(header: LinedText, landmarks: Landmarks) {
  const found = landmarks.executiveOrder;
  if (!found) return { executiveOrder: null, declassifyOn: null };
  const end = firstOf(
    header.text.length,
    [landmarks.tags, landmarks.subject, landmarks.classifiedBy],
    found.index,
  );
  const line = header.text.slice(found.end, end);
  const order = /^(\d{4,6})/.exec(line)?.[1] ?? null;
  const declassify = /\bDECL(?:ASSIFY)?(?:\s+ON)?\s*:?\s*(\S+)/i.exec(line);
  const date = declassify?.[1]?.replace(/[.,;]+$/, '') ?? null;
  return {
    executiveOrder: order,
    declassifyOn:
      date === null ? null : readDate(date, header.lineAt(found.end + (declassify?.index ?? 0)).number),
  };
}

/**
 * "02/16/2020" (the cables' month first) or "2020-02-16" to ISO. Cables may
 * also write a rule instead of a date ("OADR", "1.6X6"): no date then. A
 * date that does not exist is a mistake to report.
 */
function readDate(text: string, lineNumber: number): string | null {
  const american = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!american && !iso) return null;
  const [year, month, day] = american
    ? [
        Number(american[3]) + ((american[3] ?? '').length === 2 ? 2000 : 0),
        Number(american[1]),
        Number(american[2]),
      ]
    : [Number(iso?.[1]), Number(iso?.[2]), Number(iso?.[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new CableParseError(lineNumber, 'a declassification date that exists (MM/DD/YYYY)', text);
  }
  return date.toISOString().slice(0, 10);
}

/** Tags are capitalised codes after TAGS:, up to the first word that is not one (SUBJECT:, REF:, …). */
function readTags(text: string, landmarks: Landmarks): string[] {
  const found = landmarks.tags;
  if (!found) return [];
  const end = firstOf(text.length, [landmarks.subject, landmarks.classifiedBy], found.index);
  const tags: string[] = [];
  for (const word of text
    .slice(found.end, end)
    .split(/[\s,]+/)
    .filter(Boolean)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(word)) break;
    tags.push(word);
  }
  return tags;
}

/** The subject runs to the classified-by line (the seed's annotation ran the two together) or a REF: line. */
function readSubject(header: LinedText, landmarks: Landmarks): string {
  const found = landmarks.subject;
  if (!found) {
    throw new CableParseError(
      header.lineAt(header.text.length).number,
      'a SUBJECT: line in the header',
      excerpt(firstLine(header.text.slice(header.text.lastIndexOf('\n') + 1))),
    );
  }
  const end = firstOf(header.text.length, [landmarks.classifiedBy, landmarks.reference], found.index);
  const subject = cleanPlainText(header.text.slice(found.end, end));
  if (subject === '') {
    throw new CableParseError(header.lineAt(found.index).number, 'the subject after SUBJECT:', '');
  }
  return subject;
}

/** "Classified By: CG Daniel Rubinstein, per reasons 1.4 (b) and (d)." */
function readClassifiedBy(text: string, landmarks: Landmarks) {
  const found = landmarks.classifiedBy;
  if (!found) return { by: null, reasons: [] };
  const end = firstOf(text.length, [landmarks.reference], found.index);
  const line = cleanPlainText(text.slice(found.end, end));
  const reasons = /\breasons?\b/i.exec(line);
  const before = reasons ? line.slice(0, reasons.index) : line;
  const by = trimEnd(trimEnd(before, ' ,;.').replace(/\b(?:per|for)$/i, ''), ' ,;.');
  return { by: by === '' ? null : by, reasons: reasons ? readReasons(line.slice(reasons.index)) : [] };
}

/** Drops these characters from the end; by hand, since /[…]+$/ rescans a long run from each of its characters. */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** "1.4 (b) and (d)" → ["1.4 (b)", "1.4 (d)"]; "1.5 b, d" the same way. */
export function readReasons(text: string): string[] {
  const reasons: string[] = [];
  for (const match of text.matchAll(
    /(\d\.\d+)((?:\s*(?:(?:,|and|&|\/|or)\s*)?(?:\(\s*[a-h]\s*\)|[a-h](?![a-z])))*)/gi,
  )) {
    const letters = [...(match[2] ?? '').matchAll(/\(\s*([a-h])\s*\)|(?<![a-z])([a-h])(?![a-z])/gi)].map(
      (letter) => (letter[1] ?? letter[2] ?? '').toLowerCase(),
    );
    const section = match[1] ?? '';
    if (letters.length === 0) reasons.push(section);
    for (const letter of letters) reasons.push(`${section} (${letter})`);
  }
  return reasons;
}
