import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import { ApiError } from './api';
import { describeError } from './errors';

async function translator(language: 'en' | 'ar') {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: en }, ar: { translation: ar } },
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // as in the app: React escapes
  });
  return instance;
}

describe('what the user is told of a refusal', () => {
  it('says a refusal in the reader’s language, with the names the server gave', async () => {
    const refusal = new ApiError(
      409,
      'portion_not_releasable',
      'Paragraph 2 is marked (S//NF): not releasable to PASF.',
      [],
      null,
      { paragraph: 2, portion: '(S//NF)', party: 'PASF' },
    );
    const arabic = await translator('ar');
    const said = describeError(arabic.t, arabic, refusal);
    expect(said).toBe('الفقرة 2 مصنفة (S//NF): لا يجوز الإفراج عنها إلى PASF.');
    const english = await translator('en');
    expect(describeError(english.t, english, refusal)).toBe(refusal.detail);
  });

  it('quotes the server’s words where the message needs them (where a cable could not be read)', async () => {
    const unreadable = new ApiError(
      400,
      'cable_unreadable',
      'The cable could not be read: line 3: expected a date-time group, found "X"',
      [],
    );
    const english = await translator('en');
    expect(describeError(english.t, english, unreadable)).toBe(unreadable.detail);
    const arabic = await translator('ar');
    expect(describeError(arabic.t, arabic, unreadable)).toContain(unreadable.detail);
  });

  it('falls back to the server’s words for a code it does not know', async () => {
    const english = await translator('en');
    const unknown = new ApiError(409, 'something_new', 'Something new happened.', []);
    expect(describeError(english.t, english, unknown)).toBe('Something new happened.');
  });
});
