/**
 * Reads a diplomatic telegram, from the annotated HTML of the seed cables or
 * from plain telegram text, into its header fields and its portion-marked
 * paragraphs with entity mentions. Pure: the import service decides what to
 * store; this only reads, or says which line it could not read and why.
 */
import type { ClassificationScheme } from '../marking/scheme';
import { findBodyStart, parseBody } from './cable-body';
import { parseHeader, SUBJECT_KEYWORD } from './cable-header';
import { CableParseError, excerpt, type ParsedCable } from './cable-model';
import { readSourceLines, type SourceLine } from './cable-source';
import { unwrapAnnotations } from './cable-text';

export type { EntityKind, EntityMention, ParsedCable, ParsedParagraph } from './cable-model';
export { CableParseError } from './cable-model';

export function parseCable(text: string, scheme: ClassificationScheme): ParsedCable {
  const lines = readSourceLines(text);
  const first = lines.findIndex((line) => line.text.trim() !== '');
  if (first === -1) {
    throw new CableParseError(1, 'a cable, starting with its classification banner (such as SECRET)', '');
  }
  const bodyStart = findBodyStart(lines, headerFloor(lines, first));
  const header = parseHeader(lines.slice(first, bodyStart), scheme);
  const body = parseBody(lines.slice(bodyStart), scheme);
  if (body.paragraphs.length === 0) {
    const last = lines[Math.min(bodyStart, lines.length - 1)];
    throw new CableParseError(
      last?.number ?? 1,
      'numbered paragraphs after the header (such as "1. (U) …")',
      excerpt(last?.text ?? ''),
    );
  }
  return {
    key: `${header.originator} ${header.serial}`,
    ...header,
    paragraphs: body.paragraphs,
    signature: body.signature,
  };
}

/** The body starts after the SUBJECT line (the header's last required one), or else after the banner. */
function headerFloor(lines: readonly SourceLine[], banner: number): number {
  const subject = lines.findIndex(
    (line, index) => index >= banner && SUBJECT_KEYWORD.test(unwrapAnnotations(line.text)),
  );
  return (subject === -1 ? banner : subject) + 1;
}
