import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, LOCALES } from '../../core/i18n/locales';

/**
 * An entry's name in English, Arabic and Hebrew: each field written in its own
 * language and direction, whatever the language of the page around it.
 */
export function NamesInput<Values>({
  form,
  path = 'names',
  label,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: any form with a {en, ar, he} field at `path`
  form: UseFormReturnType<Values, any>;
  path?: string;
  label?: (locale: (typeof LOCALES)[number]) => string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {LOCALES.map((locale) => (
        <TextInput
          key={locale}
          label={label ? label(locale) : t(`names.${locale}`)}
          lang={locale}
          dir={directionOf(locale)}
          withAsterisk
          maxLength={200}
          {...form.getInputProps(`${path}.${locale}`)}
        />
      ))}
    </SimpleGrid>
  );
}

export const emptyNames = () => ({ en: '', ar: '', he: '' });

/** Validation rules for the three names: each required. */
export function namesRequired(message: ReactNode) {
  const required = (value: string) => (value.trim() ? null : message);
  return { en: required, ar: required, he: required };
}
