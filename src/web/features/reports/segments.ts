/**
 * Cuts a text at the given [start, end) ranges (an entity's name, a matched
 * word), in order; ranges that overlap an earlier one, fall outside the text
 * or are empty are left out rather than trusted, so what is shown is always
 * the text itself, every character once.
 */
export interface Segment<T> {
  text: string;
  /** The range this piece is, or null for the text between ranges. */
  range: T | null;
  start: number;
}

export function segments<T>(
  text: string,
  ranges: readonly T[],
  bounds: (range: T) => readonly [number, number],
): Segment<T>[] {
  const out: Segment<T>[] = [];
  let at = 0;
  const ordered = [...ranges].sort((a, b) => bounds(a)[0] - bounds(b)[0]);
  for (const range of ordered) {
    const [start, end] = bounds(range);
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), range: null, start: at });
    out.push({ text: text.slice(start, end), range, start });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), range: null, start: at });
  return out;
}
