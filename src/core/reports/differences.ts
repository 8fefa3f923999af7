import { diffArrays, diffWords } from 'diff';

/** A paragraph as versions compare it: its portion mark is part of it. */
export interface ComparedParagraph {
  heading: string | null;
  text: string;
  /** The portion mark as written, e.g. "(S//NF)". */
  portion: string;
}

export interface TextChange {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface ParagraphChange<P extends ComparedParagraph> {
  change: 'same' | 'added' | 'removed' | 'changed';
  before: P | null;
  after: P | null;
  words: TextChange[];
}

const sameParagraph = (a: ComparedParagraph, b: ComparedParagraph) =>
  a.text === b.text && a.heading === b.heading && a.portion === b.portion;

// Words as Unicode sees them: the library's own tokeniser splits Arabic and Hebrew letter by letter.
const words = new Intl.Segmenter('und', { granularity: 'word' });

/** The text of one paragraph word by word: what stayed, what went, what came. */
export function wordChanges(before: string, after: string): TextChange[] {
  return diffWords(before, after, { intlSegmenter: words }).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}

/**
 * How one list of paragraphs became another. Paragraphs are aligned as a
 * whole (so inserting one does not make every later one "changed"); a run of
 * removed paragraphs followed by added ones is read as those paragraphs
 * rewritten, pair by pair, with their words compared.
 */
export function paragraphChanges<P extends ComparedParagraph>(
  before: readonly P[],
  after: readonly P[],
): ParagraphChange<P>[] {
  const changes: ParagraphChange<P>[] = [];
  const parts = diffArrays([...before], [...after], { comparator: sameParagraph });
  let oldAt = 0;
  let newAt = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as (typeof parts)[number];
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.count; k++)
        changes.push({
          change: 'same',
          before: before[oldAt++] ?? null,
          after: after[newAt++] ?? null,
          words: [],
        });
      continue;
    }
    const next = parts[i + 1];
    const rewritten = part.removed && next?.added === true;
    const removedCount = part.removed ? part.count : 0;
    const addedCount = rewritten ? (next?.count ?? 0) : part.added ? part.count : 0;
    const removed = before.slice(oldAt, oldAt + removedCount);
    const added = after.slice(newAt, newAt + addedCount);
    oldAt += removedCount;
    newAt += addedCount;
    if (rewritten) i++;
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const was = removed[k] as P;
      const is = added[k] as P;
      changes.push({ change: 'changed', before: was, after: is, words: wordChanges(was.text, is.text) });
    }
    for (const was of removed.slice(paired))
      changes.push({ change: 'removed', before: was, after: null, words: [] });
    for (const is of added.slice(paired))
      changes.push({ change: 'added', before: null, after: is, words: [] });
  }
  return changes;
}
