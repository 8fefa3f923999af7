import type { Classification } from '../marking/marking';

/** What the annotator's tags mean: [ORG …], [PER …], [LOC …], [MISC …]. */
export type EntityKind = 'organisation' | 'person' | 'place' | 'other';

export interface EntityMention {
  kind: EntityKind;
  text: string;
  /** Offsets into the paragraph's clean `text`: `text.slice(start, end) === mention.text`. */
  start: number;
  end: number;
}

export interface ParsedParagraph {
  /** 1, 2, …; null for text before the first numbered paragraph under a heading. */
  number: number | null;
  /** "par1" from <a id='par1'>, kept so links into the original still resolve. */
  anchor: string | null;
  /** The section heading just before the paragraph, cleaned (headings carry no mentions). */
  heading: string | null;
  portion: Classification;
  /** Clean text: no markup, no brackets, natural spacing. */
  text: string;
  mentions: EntityMention[];
}

export interface ParsedCable {
  /** Stable identity for idempotent import: "JERUSALEM 000286". */
  key: string;
  originator: string;
  serial: string;
  /** The banner, in the scheme's codes. */
  classification: Classification;
  sipdis: boolean;
  /** The routing lines between the serial (or SIPDIS) and the E.O. line, cleaned. */
  distribution: string | null;
  executiveOrder: string | null;
  /** ISO date, e.g. "2020-02-16". */
  declassifyOn: string | null;
  tags: string[];
  subject: string;
  classifiedBy: string | null;
  /** e.g. ["1.4 (b)", "1.4 (d)"]. */
  reasons: string[];
  paragraphs: ParsedParagraph[];
  signature: string | null;
}

/**
 * A cable that cannot be read. Names the input line (1-based) and what was
 * expected there, so whoever imports it can find and fix the line.
 */
export class CableParseError extends Error {
  override name = 'CableParseError';

  constructor(
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`line ${line}: expected ${expected}, found "${found}"`);
  }
}

/** A short, single-line quotation of what was found, for error messages. */
export function excerpt(text: string, limit = 40): string {
  const squashed = text.replace(/\s+/g, ' ').trim();
  return squashed.length > limit ? `${squashed.slice(0, limit)}…` : squashed;
}
