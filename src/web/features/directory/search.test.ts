import { describe, expect, it } from 'vitest';
import { matcher, normaliseForSearch } from './search';

describe('directory search', () => {
  it('ignores case, diacritics, Arabic hamza forms and Hebrew gereshes', () => {
    expect(normaliseForSearch('Émilie')).toBe('emilie');
    expect(normaliseForSearch('أريحا')).toBe(normaliseForSearch('اريحا'));
    expect(normaliseForSearch("ג'נין")).toBe(normaliseForSearch('ג׳נין'));
  });

  it('matches every word of the query in any of the texts', () => {
    const matches = matcher('hebron pasf');
    expect(matches(['PASF desk Hebron (DCL)'])).toBe(true);
    expect(matches(['PASF desk Jenin (DCL)', 'Hebron'])).toBe(true);
    expect(matches(['ISF desk Jenin'])).toBe(false);
    expect(matcher('الخليل')(['Hebron', 'الخليل', 'חברון'])).toBe(true);
    expect(matcher('  ')(['anything'])).toBe(true);
  });
});
