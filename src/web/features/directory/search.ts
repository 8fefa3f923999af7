import type { LocalisedNames } from '../../../core/directory/schemas';

/**
 * Search that forgives how a name was typed: any case, with or without
 * diacritics, Arabic vowel marks or hamza forms (أ إ آ → ا), Hebrew points,
 * and apostrophes or gereshes (ג'נין, ג׳נין).
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0591-\u05c7]/g, '')
    .replace(/\u0640/g, '') // tatweel
    .replace(/[ى]/g, 'ي')
    .replace(/['’`"״׳]/g, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

export const namesOf = (names: LocalisedNames) => [names.en, names.ar, names.he];

/** A predicate: true when every word of the query appears in one of the texts. Empty query: everything. */
export function matcher(query: string): (texts: readonly (string | null | undefined)[]) => boolean {
  const words = normaliseForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return () => true;
  return (texts) => {
    const haystack = texts.filter(Boolean).map((text) => normaliseForSearch(text as string));
    return words.every((word) => haystack.some((text) => text.includes(word)));
  };
}
