import { describe, expect, it } from 'vitest';
import { paragraphChanges, wordChanges } from './differences';

const p = (text: string, portion = '(U)') => ({ heading: null, text, portion });

describe('differences between versions of a report', () => {
  it('aligns paragraphs, so one inserted paragraph is one addition', () => {
    const changes = paragraphChanges([p('One.'), p('Two.')], [p('One.'), p('New.'), p('Two.')]);
    expect(changes.map((c) => c.change)).toEqual(['same', 'added', 'same']);
    expect(changes[1]?.after?.text).toBe('New.');
    expect(changes[2]).toMatchObject({ before: { text: 'Two.' }, after: { text: 'Two.' } });
  });

  it('reads a rewritten paragraph as changed, word by word, in any script', () => {
    const [change] = paragraphChanges([p('اجتماع في الخليل غدا')], [p('اجتماع في رام الله غدا')]);
    expect(change?.change).toBe('changed');
    expect(change?.words.filter((w) => w.change === 'removed').map((w) => w.text.trim())).toEqual(['الخليل']);
    expect(change?.words.filter((w) => w.change === 'added').map((w) => w.text.trim())).toEqual(['رام الله']);
  });

  it('counts a new portion mark as a change even when the words are the same', () => {
    const [change] = paragraphChanges([p('Same words.', '(U)')], [p('Same words.', '(C)')]);
    expect(change).toMatchObject({
      change: 'changed',
      before: { portion: '(U)' },
      after: { portion: '(C)' },
    });
    expect(change?.words.every((w) => w.change === 'same')).toBe(true);
  });

  it('reports removals and the first version as additions only', () => {
    expect(paragraphChanges([p('A.'), p('B.')], [p('B.')]).map((c) => c.change)).toEqual(['removed', 'same']);
    expect(paragraphChanges([], [p('A.')]).map((c) => c.change)).toEqual(['added']);
  });

  it('keeps every word of both texts, in order', () => {
    const words = wordChanges('the meeting is at noon', 'the meeting is at dawn today');
    expect(
      words
        .filter((w) => w.change !== 'added')
        .map((w) => w.text)
        .join(''),
    ).toBe('the meeting is at noon');
    expect(
      words
        .filter((w) => w.change !== 'removed')
        .map((w) => w.text)
        .join(''),
    ).toBe('the meeting is at dawn today');
  });
});
