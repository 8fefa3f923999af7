import { describe, expect, it } from 'vitest';
import { hebrewForms, hebrewVariants, queryTerms } from './search-text';

describe('Hebrew words and their prefixes', () => {
  it('takes one or more prefix letters off, keeping a stem of at least three letters', () => {
    expect(hebrewForms('בחברון')).toEqual(['בחברון', 'חברון']);
    expect(hebrewForms('ובחברון')).toEqual(['ובחברון', 'בחברון', 'חברון']);
    // Letters that look like prefixes come off too, down to three: harmless extra index terms.
    expect(hebrewForms('משטרה')).toEqual(['משטרה', 'שטרה', 'טרה']);
    expect(hebrewForms('בית')).toEqual(['בית']);
  });

  it('indexes the prefix-free forms beside the text, once each', () => {
    expect(hebrewVariants('משטרת ישראל בחברון ובחברון')).toBe('שטרת טרת חברון בחברון');
    expect(hebrewVariants('Hebron الخليل')).toBe('');
  });

  it('reads a query as words only, never as query syntax', () => {
    expect(queryTerms("Hebron & !(x) | 'y':*")).toEqual([['hebron'], ['x'], ['y']]);
    expect(queryTerms('בחברון الخليل')).toEqual([['בחברון', 'חברון'], ['الخليل']]);
  });
});
