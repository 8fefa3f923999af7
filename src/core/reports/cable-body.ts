/**
 * The cable's body: section headings (underlined with dashes), numbered
 * paragraphs each opening with a portion mark, and the signature. Read line
 * by line, since a paragraph's number, its portion mark and its text may
 * share a line or not.
 */
import { MarkingError, parseMarking } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';
import { CableParseError, excerpt, type ParsedParagraph } from './cable-model';
import type { SourceLine } from './cable-source';
import { cleanPlainText, cleanTextWithMentions, normalisePortionSlashes } from './cable-text';

/** "1 ." in the seed, "1." in plain telegrams. */
const PARAGRAPH_NUMBER = /^\s*(\d{1,3}) ?\.(?:\s+|$)/;
const DASHES = /-{3,}/;
/** Parentheses that may hold a portion mark: "(S)", "( [LOC S  ] )", "(C//REL TO USA, GBR)". */
const PORTION = /^\s*\(([^()]*)\)/;
/** The annotator's brackets around a portion mark, as in "( [LOC S  ] )". */
const ANNOTATED_PORTION = /^\[(?:ORG|PER|LOC|MISC)\s([^[\]]*)\]$/;
const MARKING_WORDS = /^[A-Z][A-Z0-9/ ,-]*$/;
/** A signature: a name in capitals, such as RUBINSTEIN or J. SMITH; never ends a sentence with a full stop. */
const SIGNATURE = /^[A-Z][A-Z'’. -]{0,38}[A-Z]$/;
const LONGEST_HEADING = 120;

const isBlank = (line: SourceLine) => line.text.trim() === '';
/** An underline: dashes and spaces only (tested without a regex that would rescan long runs). */
const isDashesOnly = (text: string) => text.includes('---') && !/[^\s-]/.test(text);

/** A heading underlined on its own line: the next line is nothing but dashes. */
function isUnderlined(lines: readonly SourceLine[], index: number): boolean {
  const line = lines[index];
  const next = lines[index + 1];
  return (
    !!line &&
    !!next &&
    !isBlank(line) &&
    !isDashesOnly(line.text) &&
    isDashesOnly(next.text) &&
    !PARAGRAPH_NUMBER.test(line.text) &&
    line.text.trim().length <= LONGEST_HEADING
  );
}

/** "Summary ------- ¶1 .": a heading and its underline, then nothing or the paragraph number. */
function splitHeadingLine(text: string): { heading: string; rest: string } | null {
  const dashes = DASHES.exec(text);
  if (!dashes) return null;
  const heading = text.slice(0, dashes.index).trim();
  const rest = text.slice(dashes.index).replace(/^[\s-]+/, '');
  const restIsParagraph = rest === '' || PARAGRAPH_NUMBER.test(rest);
  if (heading === '' || heading.length > LONGEST_HEADING || !restIsParagraph) return null;
  return { heading, rest };
}

/** Where the body begins: the first heading, numbered paragraph or portion-marked text after the subject. */
export function findBodyStart(lines: readonly SourceLine[], from: number): number {
  for (let index = from; index < lines.length; index++) {
    const line = lines[index];
    if (!line || isBlank(line)) continue;
    if (PARAGRAPH_NUMBER.test(line.text) || splitHeadingLine(line.text) || isUnderlined(lines, index)) {
      return index;
    }
    const afterBlank = index > 0 && isBlank(lines[index - 1] ?? line);
    if (afterBlank && opensWithMarking(line.text)) return index;
  }
  return lines.length;
}

interface Segment {
  line: number;
  text: string;
}

interface DraftParagraph {
  number: number | null;
  line: number;
  anchor: string | null;
  heading: string | null;
  segments: Segment[];
}

export interface CableBody {
  paragraphs: ParsedParagraph[];
  signature: string | null;
}

export function parseBody(lines: readonly SourceLine[], scheme: ClassificationScheme): CableBody {
  const { signature, rest } = takeSignature(lines);
  const drafts = draftParagraphs(rest);
  return { paragraphs: drafts.map((draft) => finishParagraph(draft, scheme)), signature };
}

/** The signature is the last line, in capitals, after the last paragraph. */
function takeSignature(lines: readonly SourceLine[]) {
  const last = lines.findLastIndex((line) => !isBlank(line));
  const line = lines[last];
  const words = line ? cleanPlainText(line.text) : '';
  if (!line || !SIGNATURE.test(words) || words.split(' ').length > 4) return { signature: null, rest: lines };
  return { signature: words, rest: lines.slice(0, last) };
}

/** A body line split into the heading it carries (if any) and the text after it. */
interface LineParts {
  heading: string | null;
  text: string;
  /** The heading is underlined on the next line, which is therefore read too. */
  underlined: boolean;
}

function lineParts(lines: readonly SourceLine[], index: number, text: string): LineParts {
  if (isUnderlined(lines, index)) return { heading: text.trim(), text: '', underlined: true };
  const split = splitHeadingLine(text);
  return split
    ? { heading: split.heading, text: split.rest, underlined: false }
    : { heading: null, text, underlined: false };
}

/** Groups lines into paragraphs: a number or a heading starts one, anything else continues it. */
function draftParagraphs(lines: readonly SourceLine[]): DraftParagraph[] {
  const drafts: DraftParagraph[] = [];
  let current: DraftParagraph | null = null;
  let heading: string | null = null;
  let anchor: string | null = null;
  let lastNumber: number | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!line || isBlank(line) || isDashesOnly(line.text)) continue;
    anchor = line.anchors.at(-1) ?? anchor;
    const parts = lineParts(lines, index, line.text);
    if (parts.underlined) index++;
    heading = parts.heading ?? heading;
    const numbered = PARAGRAPH_NUMBER.exec(parts.text);
    const number = numbered ? Number(numbered[1]) : null;
    // Numbers go up one at a time; a "2." elsewhere is text (a year, a list inside the paragraph).
    const startsParagraph = numbered !== null && (lastNumber === null || number === lastNumber + 1);
    let text = startsParagraph ? parts.text.slice(numbered[0].length) : parts.text;
    if (!startsParagraph && text.trim() === '') continue;
    if (startsParagraph || !current || heading !== null) {
      current = { number: startsParagraph ? number : null, line: line.number, anchor, heading, segments: [] };
      drafts.push(current);
      [heading, anchor] = [null, null];
      if (startsParagraph) lastNumber = number;
    }
    text = text.trim();
    if (text !== '') current.segments.push({ line: line.number, text });
  }
  return drafts;
}

function finishParagraph(draft: DraftParagraph, scheme: ClassificationScheme): ParsedParagraph {
  const raw = draft.segments.map((segment) => segment.text).join(' ');
  const line = draft.segments[0]?.line ?? draft.line;
  const { portion, rest } = readPortion(raw, line, draft.number, scheme);
  const { text, mentions } = cleanTextWithMentions(scheme, rest);
  const heading = draft.heading === null ? null : cleanPlainText(draft.heading) || null;
  return { number: draft.number, anchor: draft.anchor, heading, portion, text, mentions };
}

/** The parentheses a paragraph opens with and the words inside them, without the annotator's brackets. */
function openingParentheses(text: string) {
  const match = PORTION.exec(text);
  const inside = (match?.[1] ?? '').trim();
  const words = (ANNOTATED_PORTION.exec(inside)?.[1] ?? inside).replace(/\s+/g, ' ').trim();
  return { match, words };
}

const opensWithMarking = (text: string) => MARKING_WORDS.test(openingParentheses(text).words);

function readPortion(raw: string, line: number, number: number | null, scheme: ClassificationScheme) {
  const { match, words } = openingParentheses(raw);
  const paragraph = number === null ? 'the paragraph' : `paragraph ${number}`;
  if (!match || !MARKING_WORDS.test(words)) {
    throw new CableParseError(line, `a portion mark such as (S) at the start of ${paragraph}`, excerpt(raw));
  }
  try {
    return {
      portion: parseMarking(scheme, normalisePortionSlashes(words)),
      rest: raw.slice(match[0].length),
    };
  } catch (error) {
    if (!(error instanceof MarkingError)) throw error;
    const known = scheme.levels.map((level) => `(${level.portion})`).join(', ');
    throw new CableParseError(
      line,
      `a portion mark the scheme knows at the start of ${paragraph}, such as ${known} (${error.message})`,
      excerpt(match[0]),
    );
  }
}
