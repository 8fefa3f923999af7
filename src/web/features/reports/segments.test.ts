import { describe, expect, it } from 'vitest';
import { segments } from './segments';

const pair = (range: [number, number]) => range;
const shown = (text: string, ranges: [number, number][]) =>
  segments(text, ranges, pair).map((segment) => (segment.range ? `[${segment.text}]` : segment.text));

describe('segments of a text', () => {
  it('cuts at each range, in order, whatever order the ranges come in', () => {
    expect(
      shown('PA Civil Police Chief Hazim Atallah', [
        [22, 35],
        [0, 15],
      ]),
    ).toEqual(['[PA Civil Police]', ' Chief ', '[Hazim Atallah]']);
  });

  it('keeps every character once: overlapping, empty and out-of-range ranges are left out', () => {
    const text = 'في الخليل اليوم';
    const pieces = shown(text, [
      [3, 9],
      [5, 12],
      [4, 4],
      [10, 99],
    ]);
    expect(pieces).toEqual(['في ', '[الخليل]', ' اليوم']);
    expect(pieces.join('').replace(/[[\]]/g, '')).toBe(text);
  });

  it('gives the whole text when there is nothing to mark', () => {
    expect(shown('בחברון', [])).toEqual(['בחברון']);
    expect(shown('', [])).toEqual([]);
  });
});
