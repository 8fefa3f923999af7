import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { T } from '../../components/T';

/** An entry's code: written once, in Latin capitals, never renamed (other entries and files refer to it). */
export function CodeInput(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('admin.code')}
      description={props.disabled ? t('admin.codeFixed') : t('admin.codeHint')}
      dir="ltr"
      autoCapitalize="characters"
      spellCheck={false}
      withAsterisk={!props.disabled}
      maxLength={40}
      {...props}
    />
  );
}

export const codeRule = (value: string) => (value.trim() ? null : <T i18nKey="admin.codeRequired" />);
