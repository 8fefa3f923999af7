/**
 * Search across English, Arabic and Hebrew. PostgreSQL stems English and
 * Arabic (the `arabic` configuration drops the article: الخليل → خليل), but has
 * no Hebrew configuration, and Hebrew writes its prepositions and the article
 * onto the word: בחברון is "in Hebron". So the text indexed for a record also
 * carries each Hebrew word with its prefixes taken off, and a query asks for
 * each Hebrew word with and without them: searching חברון finds בחברון, and
 * searching בחברון finds חברון.
 */

/** One-letter prefixes: and, the, in, to, from, that, as. */
const HEBREW_PREFIXES = new Set(['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ']);
/** A stem shorter than this is more likely a word of its own than a prefixed one. */
const MIN_STEM = 3;
/** At most this many prefixes stack on a word (וכשבבית is rare; ובחברון, שבחברון are common). */
const MAX_PREFIXES = 3;

const HEBREW_WORD = /[\u05d0-\u05ea\u05f0-\u05f4\u05b0-\u05c7]+/g;
// Niqqud and cantillation marks: searched text rarely has them, so neither side keeps them.
const HEBREW_POINTS = /[\u0591-\u05c7]/g;

/** A Hebrew word and the stems left when one, two or three prefix letters come off. */
export function hebrewForms(word: string): string[] {
  const bare = word.replace(HEBREW_POINTS, '');
  const forms = [bare];
  let rest = bare;
  for (
    let i = 0;
    i < MAX_PREFIXES && HEBREW_PREFIXES.has(rest[0] ?? '') && rest.length - 1 >= MIN_STEM;
    i++
  ) {
    rest = rest.slice(1);
    forms.push(rest);
  }
  return forms;
}

/** What a paragraph is indexed by besides its heading and text: see hebrewVariants. */
export const searchExtraOf = (paragraph: { heading: string | null; text: string }) =>
  hebrewVariants(`${paragraph.heading ?? ''} ${paragraph.text}`);

/** What gets indexed besides the text itself: the prefix-free forms of its Hebrew words. */
export function hebrewVariants(text: string): string {
  const extra = new Set<string>();
  for (const word of text.match(HEBREW_WORD) ?? [])
    for (const form of hebrewForms(word).slice(1)) extra.add(form);
  return [...extra].join(' ');
}

/**
 * The words of a query, each with its Hebrew forms. Only letters and digits
 * survive: the query goes to to_tsquery as data, never as syntax.
 */
export function queryTerms(query: string): string[][] {
  const words =
    query
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, 12).map((word) => (/[\u05d0-\u05ea]/.test(word) ? hebrewForms(word) : [word]));
}
