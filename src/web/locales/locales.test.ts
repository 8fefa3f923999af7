import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../core/i18n/locales';
import { ROLES } from '../../core/identity/schemas';

/**
 * The three message catalogues must say the same things: the same keys (each
 * plural with exactly the forms its language needs, six for Arabic), no empty
 * message, no key used in the code that a catalogue lacks, and no
 * placeholder a translation invented.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const webRoot = join(here, '..');

type Tree = { [key: string]: string | Tree };

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(join(here, `${locale}.json`), 'utf8')) as Tree]),
) as Record<Locale, Tree>;

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = new RegExp(`_(${PLURAL_FORMS.join('|')})$`);

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(catalogues[locale])])) as Record<
  Locale,
  Map<string, unknown>
>;

/** Key -> the plural forms it has (empty set for a plain message). */
function messages(locale: Locale): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of flat[locale].keys()) {
    const match = PLURAL_SUFFIX.exec(key);
    const base = match ? key.slice(0, -match[0].length) : key;
    const forms = out.get(base) ?? new Set<string>();
    if (match?.[1]) forms.add(match[1]);
    out.set(base, forms);
  }
  return out;
}

const messageSets = Object.fromEntries(LOCALES.map((locale) => [locale, messages(locale)])) as Record<
  Locale,
  Map<string, Set<string>>
>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    const code = ['.ts', '.tsx'].includes(extname(entry)) && !/\.(test|d)\.tsx?$/.test(entry);
    return code ? [path] : [];
  });
}

/** Literal keys in t('…'), t("…"), i18nKey="…" and i18nKey={'…'}; template keys are checked below. */
function keysUsedInSource(): Map<string, string[]> {
  const patterns = [
    /\bt\(\s*(['"])([^'"`$]+?)\1/g,
    /\bi18nKey=(?:\{\s*)?(['"])([^'"`$]+?)\1/g,
    /\b(?:label|i18nKey):\s*(['"])([a-zA-Z]+\.[a-zA-Z0-9_.-]+)\1/g,
  ];
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(webRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const key = match[2] as string;
        if (!/^[\w-]+(\.[\w-]+)+$/.test(key)) continue; // not a message key (prose, a URL…)
        used.set(key, [...(used.get(key) ?? []), file.slice(webRoot.length + 1)]);
      }
    }
  }
  return used;
}

const placeholders = (text: string) =>
  new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] as string));
const tags = (text: string) => [...text.matchAll(/<\/?([a-z]+)>/g)].map((m) => m[0] as string).sort();

describe('message catalogues', () => {
  it('has the same messages in every language', () => {
    const reference = [...messageSets.en.keys()].sort();
    for (const locale of LOCALES) {
      const keys = [...messageSets[locale].keys()].sort();
      const missing = reference.filter((key) => !messageSets[locale].has(key));
      const extra = keys.filter((key) => !messageSets.en.has(key));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it('gives each plural exactly the forms its language needs (Arabic: six)', () => {
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      for (const [key, forms] of messageSets[locale]) {
        const pluralInEnglish = (messageSets.en.get(key)?.size ?? 0) > 0;
        if (!pluralInEnglish && forms.size === 0) continue;
        expect({ locale, key, forms: [...forms].sort() }).toEqual({ locale, key, forms: needed });
      }
    }
  });

  it('has no empty or non-text message', () => {
    for (const locale of LOCALES) {
      const empty = [...flat[locale]].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect({ locale, empty: empty.map(([key]) => key) }).toEqual({ locale, empty: [] });
    }
  });

  it('has every key the web code uses, in every language', () => {
    const used = keysUsedInSource();
    expect(used.size).toBeGreaterThan(50); // the scan works
    for (const locale of LOCALES) {
      const missing = [...used]
        .filter(([key]) => !messageSets[locale].has(key))
        .map(([key, files]) => `${key} (${files[0]})`);
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });

  it('names every role, whose keys the code builds from the shared list', () => {
    // Clearance levels are named by the deployment's classification scheme, not here.
    for (const locale of LOCALES) {
      const keys = ROLES.map((role) => `roles.${role}`);
      expect({ locale, missing: keys.filter((key) => !messageSets[locale].has(key)) }).toEqual({
        locale,
        missing: [],
      });
    }
  });

  it('translates the error codes the API answers with', () => {
    const codes = [
      'invalid_credentials',
      'totp_required',
      'invalid_totp',
      'login_throttled',
      'rate_limited',
      'validation_failed',
      'wrong_current_password',
      'password_too_short',
      'password_too_common',
      'password_too_simple',
      'password_contains_username',
      'totp_already_enabled',
      'totp_enrolment_not_started',
      'totp_mandatory',
      'unauthenticated',
      'internal_error',
      'cross_site_request',
      'totp_enrolment_required',
      'token_not_found',
      'network_error',
    ];
    for (const locale of LOCALES) {
      const missing = codes.filter((code) => !messageSets[locale].has(`errors.${code}`));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });

  it('uses only the placeholders and markup of the English message', () => {
    const englishPlaceholders = new Map<string, Set<string>>();
    const englishTags = new Map<string, string[]>();
    for (const [key, value] of flat.en) {
      const base = key.replace(PLURAL_SUFFIX, '');
      englishPlaceholders.set(
        base,
        new Set([...(englishPlaceholders.get(base) ?? []), ...placeholders(String(value))]),
      );
      englishTags.set(base, tags(String(value)));
    }
    for (const locale of LOCALES) {
      for (const [key, value] of flat[locale]) {
        const base = key.replace(PLURAL_SUFFIX, '');
        const allowed = englishPlaceholders.get(base) ?? new Set();
        const invented = [...placeholders(String(value))].filter((name) => !allowed.has(name));
        expect({ locale, key, invented }).toEqual({ locale, key, invented: [] });
        expect({ locale, key, tags: tags(String(value)) }).toEqual({
          locale,
          key,
          tags: englishTags.get(base) ?? [],
        });
      }
    }
  });

  it('resolves every plural form at run time (i18next with Intl.PluralRules)', async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: catalogues[locale] }])),
      lng: 'en',
      fallbackLng: false,
      initAsync: false,
    });
    for (const locale of LOCALES) {
      const t = instance.getFixedT(locale);
      for (const count of [0, 1, 2, 3, 11, 100, 101]) {
        const text = t('errors.retryInSeconds', { count });
        expect(text).not.toBe('errors.retryInSeconds');
        expect(text.length).toBeGreaterThan(0);
      }
    }
    expect(instance.getFixedT('ar')('tokens.count', { count: 2 })).toBe('لديك رمزان نشطان.');
    expect(instance.getFixedT('ar')('tokens.count', { count: 11 })).toBe('لديك 11 رمزًا نشطًا.');
    expect(instance.getFixedT('he')('tokens.count', { count: 2 })).toBe('יש לכם שני אסימונים פעילים.');
  });
});
