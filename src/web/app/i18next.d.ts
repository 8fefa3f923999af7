import 'i18next';
import type en from '../locales/en.json';

// English is the reference: t('…') keys are checked against it at compile time,
// and src/web/locales/locales.test.ts checks that Arabic and Hebrew have them all.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
