import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import type { ChangeEvent, FocusEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestTypeView } from '../../../core/requests/schemas';
import { useLocalised } from '../../lib/use-localised';

type Field = RequestTypeView['fields'][number];

/** What @mantine/form's getInputProps hands an input. */
interface InputProps {
  value?: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  onBlur?: (event: FocusEvent) => void;
  onFocus?: (event: FocusEvent) => void;
  error?: ReactNode;
}

/** One field of a request type's form, as its kind asks: label and help in the user's language. */
export function FieldInput({ field, timeZone, ...input }: { field: Field; timeZone: string } & InputProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const common = {
    label: localised(field.labels),
    description: field.help ? localised(field.help) : undefined,
    required: field.required,
    ...input,
  };
  switch (field.kind) {
    case 'textarea':
      return <Textarea autosize minRows={3} maxRows={12} dir="auto" {...common} />;
    case 'number':
      return <TextInput inputMode="decimal" dir="auto" w={{ base: '100%', xs: 220 }} {...common} />;
    case 'datetime':
      return (
        <TextInput
          type="datetime-local"
          dir="ltr"
          w={{ base: '100%', xs: 260 }}
          {...common}
          // Which clock the time is read on: the deployment's, whatever the device's zone.
          description={[common.description, t('requests.form.timesIn', { zone: timeZone })]
            .filter(Boolean)
            .join(' · ')}
        />
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          data={[
            { value: '', label: t('requests.form.choose'), disabled: field.required },
            ...(field.options ?? []).map((option) => ({
              value: option.value,
              label: localised(option.labels),
            })),
          ]}
        />
      );
    default:
      return <TextInput dir="auto" {...common} />;
  }
}
