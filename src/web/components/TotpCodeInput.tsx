import { TextInput, type TextInputProps } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** The 6-digit authenticator code field, the same at sign-in and at enrolment. */
export function TotpCodeInput({ ref, ...props }: TextInputProps & { ref?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={ref}
      label={t('totp.codeLabel')}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      dir="ltr"
      {...props}
    />
  );
}
