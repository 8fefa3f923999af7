/**
 * Turning the annotator's tokenised text ("[ORG PA  ] 's campaign , he said .")
 * into text people read ("PA's campaign, he said.") and entity mentions whose
 * offsets point into that final text.
 */
import { parseMarking } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';
import type { EntityKind, EntityMention } from './cable-model';

/**
 * An annotation: `[ORG Palestinian Authority  ]`. Its content never holds
 * brackets; it is read greedily and trimmed by the caller, since a lazy match
 * followed by \s* backtracks badly on long unclosed brackets.
 */
export const ANNOTATION = /\[(ORG|PER|LOC|MISC)\s([^[\]]*)\]/g;

const KIND_OF_TAG: Record<string, EntityKind> = {
  ORG: 'organisation',
  PER: 'person',
  LOC: 'place',
  MISC: 'other',
};

/** Words of the cable's header that the annotator tagged as if they were names ("[LOC DECL:  ]"). */
const HEADER_KEYWORD =
  /^(?:DECL|DECLASSIFY|E\.\s?O\.|TAGS|SUBJECT|SUBJ|CLASSIFIED|SIPDIS|REFS?|REASONS?|NOFORN|ORCON)\b/i;

/*
 * Private-use characters put around each mention before the spacing is
 * fixed, so the fixes move them with the text; their positions afterwards are
 * the mention offsets. The input cannot hold them: readSourceLines removes them.
 */
const OPEN = '\ue000';
const CLOSE = '\ue001';

const squashSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The annotations' words without the brackets, for the header, headings and signature (which carry no mentions). */
export function unwrapAnnotations(text: string): string {
  return text.replace(ANNOTATION, (_whole, _tag, content: string) => squashSpaces(content));
}

/** Text without brackets and with natural spacing; no mentions (headings, subject, header fields). */
export function cleanPlainText(text: string): string {
  return fixSpacing(unwrapAnnotations(text));
}

/** A portion mark the annotator mistook for a name, as in "( [LOC S  ] )". */
export function isPortionMark(scheme: ClassificationScheme, words: string): boolean {
  if (!/^[A-Z][A-Z0-9/ ,-]*$/.test(words)) return false;
  try {
    parseMarking(scheme, normalisePortionSlashes(words));
    return true;
  } catch {
    return false;
  }
}

/** "S/NF" as cables often write it is "S//NF" in the scheme's grammar. */
export function normalisePortionSlashes(words: string): string {
  return words.includes('//') ? words : words.replace('/', '//');
}

function isEntity(scheme: ClassificationScheme, words: string): boolean {
  return words !== '' && !HEADER_KEYWORD.test(words) && !isPortionMark(scheme, words);
}

/** Paragraph text: brackets become mentions (except the annotator's mistakes), spacing becomes natural. */
export function cleanTextWithMentions(
  scheme: ClassificationScheme,
  text: string,
): { text: string; mentions: EntityMention[] } {
  const kinds: EntityKind[] = [];
  const marked = text.replace(ANNOTATION, (_whole, tag: string, content: string) => {
    const words = squashSpaces(content);
    if (!isEntity(scheme, words)) return words;
    kinds.push(KIND_OF_TAG[tag] ?? 'other');
    return `${OPEN}${words}${CLOSE}`;
  });
  return extractMentions(fixSpacing(marked), kinds);
}

/**
 * Removes the marks, turning each pair into a mention at the offsets it holds
 * in the final text. Pieces are joined once at the end: slicing a string
 * while appending to it would copy it again for every mention.
 */
function extractMentions(marked: string, kinds: readonly EntityKind[]) {
  const pieces: string[] = [];
  const mentions: EntityMention[] = [];
  let length = 0;
  let inside = false;
  let index = 0;
  for (const piece of marked.split(/([\ue000\ue001])/)) {
    if (piece === OPEN || piece === CLOSE) {
      inside = piece === OPEN;
      if (piece === CLOSE) index++;
      continue;
    }
    if (inside && piece !== '') {
      mentions.push({
        kind: kinds[index] ?? 'other',
        text: piece,
        start: length,
        end: length + piece.length,
      });
    }
    pieces.push(piece);
    length += piece.length;
  }
  return { text: pieces.join(''), mentions };
}

/** Optional mention marks between a letter and what follows it. */
const M = '[\\ue000\\ue001]*';

/**
 * Undoes the tokeniser's spacing: " , " → ", ", "( b )" → "(b)", " 's" → "'s",
 * "Ma ' ale" → "Ma'ale", and quotes hugging what they quote.
 */
export function fixSpacing(text: string): string {
  let fixed = squashSpaces(text);
  fixed = fixDoubleQuotes(fixed);
  fixed = fixed
    .replace(/“ +/g, '“')
    .replace(/ +”/g, '”')
    .replace(/\( +/g, '(')
    .replace(/ +\)/g, ')')
    .replace(new RegExp(` +([,.;:!?]+)(?=$|[\\s"'”’)\\]${OPEN}${CLOSE}])`, 'g'), '$1')
    .replace(/ +(['’](?:s|re|ve|ll|d|m))(?![\p{L}])/giu, '$1')
    .replace(/ +(n['’]t)(?![\p{L}])/giu, '$1')
    .replace(new RegExp(`(\\p{L})(${M}) (['’]) (?=${M}\\p{Ll})`, 'gu'), apostropheInWord);
  return squashSpaces(fixed);
}

/** "boys ' toys" is a plural possessive ("boys' toys"); "Ma ' ale" is one word ("Ma'ale"). */
function apostropheInWord(_whole: string, letter: string, marks: string, quote: string): string {
  return letter === 's' ? `${letter}${marks}${quote} ` : `${letter}${marks}${quote}`;
}

/** Straight quotes alternate: an opening one hugs what follows, a closing one what precedes. */
function fixDoubleQuotes(text: string): string {
  let opening = true;
  return text.replace(/ ?" ?/g, (quote) => {
    const replacement = opening
      ? `${quote.startsWith(' ') ? ' ' : ''}"`
      : `"${quote.endsWith(' ') ? ' ' : ''}`;
    opening = !opening;
    return replacement;
  });
}
