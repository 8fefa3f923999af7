/**
 * The first pass over a cable: split it into the input's lines and take the
 * markup off each one. Line by line, so every later error can still name the
 * line the user sees in their file.
 */

export interface SourceLine {
  /** 1-based, in the input. */
  number: number;
  /** Markup stripped and entities decoded; the annotator's [ORG …] brackets are still there. */
  text: string;
  /** Paragraph anchors on this line (`par1` of <a id='par1'>¶</a>), in order. */
  anchors: string[];
}

/** An <a> element; with an id (or name) and no text but the pilcrow it is a paragraph anchor, not a link. */
const ANCHOR = /<a\s([^<>]*)>([^<]*)<\/a\s*>/gi;
const ANCHOR_ID = /\b(?:id|name)\s*=\s*["']?([^"'\s<>]+)/i;
const TAG = /<\/?[A-Za-z][^<>]*>/g;
/** Tags that separate words; the others (<a>, <code>, <pre>) sit inside or around words. */
const SEPARATING_TAG = /^<\/?(?:br|p|div|tr|td|li|hr)\b/i;
/**
 * Control characters and line separators a decoded entity may bring into a
 * line, and the two private-use characters cable-text.ts marks mentions with.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029\ue000\ue001]/g;

const NAMED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['ndash', '–'],
  ['mdash', '—'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['hellip', '…'],
  ['para', '¶'],
]);

export function readSourceLines(input: string): SourceLine[] {
  return input.split(/\r\n|\r|\n/).map((raw, index) => cleanLine(raw, index + 1));
}

function cleanLine(raw: string, number: number): SourceLine {
  const anchors: string[] = [];
  const withoutAnchors = raw.replace(ANCHOR, (whole, attributes: string, content: string) => {
    const id = ANCHOR_ID.exec(attributes)?.[1];
    if (!id || content.replace(/[¶\s]|&para;|&#182;/g, '') !== '') return whole;
    anchors.push(id);
    return ' ';
  });
  const withoutTags = withoutAnchors.replace(TAG, (tag) => (SEPARATING_TAG.test(tag) ? ' ' : ''));
  // The pilcrow is only the anchors' glyph; a stray one would glue itself to paragraph numbers.
  const text = decodeEntities(withoutTags).replace(CONTROL, ' ').replace(/¶/g, ' ');
  return { number, text, anchors };
}

/** Decodes after the tags are gone, so an escaped `&lt;b&gt;` stays text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (!name.startsWith('#')) return NAMED_ENTITIES.get(name.toLowerCase()) ?? whole;
    const code = /^#[xX]/.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : Number.parseInt(name.slice(1), 10);
    const isCharacter = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isCharacter ? String.fromCodePoint(code) : whole;
  });
}

/** Several lines as one string (joined by newlines), still able to say which line an offset is on. */
export interface LinedText {
  text: string;
  lineAt(offset: number): SourceLine;
}

export function joinLines(lines: readonly SourceLine[], transform: (line: SourceLine) => string): LinedText {
  const starts: number[] = [];
  let text = '';
  for (const line of lines) {
    if (starts.length > 0) text += '\n';
    starts.push(text.length);
    text += transform(line);
  }
  const lineAt = (offset: number): SourceLine => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] ?? 0) <= offset) index++;
    return lines[index] ?? { number: 1, text: '', anchors: [] };
  };
  return { text, lineAt };
}
