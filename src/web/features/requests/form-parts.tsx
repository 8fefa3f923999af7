import { Group, NativeSelect, Radio, Stack } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyDto } from '../../../core/directory/schemas';
import { PRIORITIES } from '../../../core/requests/request-type';
import type { RequestTypeView } from '../../../core/requests/schemas';
import { Section } from '../../components/Section';
import { useLocalised } from '../../lib/use-localised';
import { FieldInput } from './FieldInput';
import { PRIORITY_LABELS } from './labels';

/** Pieces of the request form that a new request and an edited draft share. */

/** The type's own fields, each as its kind asks; shared by a new request and an edited draft. */
export function FieldsFieldset({
  view,
  timeZone,
  inputProps,
}: {
  view: RequestTypeView;
  timeZone: string;
  // biome-ignore lint/suspicious/noExplicitAny: what @mantine/form's getInputProps returns, for any form
  inputProps: (key: string) => any;
}) {
  const { t } = useTranslation();
  return (
    <Section id="request-details" title={t('requests.form.details')}>
      <Stack gap="sm" mt="sm">
        {view.fields.map((field) => (
          <FieldInput key={field.key} field={field} timeZone={timeZone} {...inputProps(field.key)} />
        ))}
      </Stack>
    </Section>
  );
}

/** How urgent: the type's usual priority is said, since the deadlines follow the choice. */
export function PriorityChoice({
  view,
  ...input
}: {
  view: RequestTypeView;
  value?: string;
  onChange?: (value: string) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('requests.priorityLabel')}
      description={t('requests.form.priorityHint', { priority: t(PRIORITY_LABELS[view.defaultPriority]) })}
      {...input}
    >
      <Group gap="lg" mt={6}>
        {PRIORITIES.map((priority) => (
          <Radio key={priority} value={priority} label={t(PRIORITY_LABELS[priority])} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** The party a coordinator asks, by its name in the user's language. */
export function ToPartySelect({
  parties,
  ...input
}: { parties: PartyDto[] } & Omit<ComponentProps<typeof NativeSelect>, 'data'>) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <NativeSelect
      label={t('requests.form.toParty')}
      description={t('requests.form.toPartyHint')}
      required
      data={[
        { value: '', label: t('requests.form.choose'), disabled: true },
        ...parties.map((party) => ({ value: party.code, label: localised(party.names) })),
      ]}
      {...input}
    />
  );
}

/** After a refused submission, the keyboard and screen reader go to the first field to fix. */
export function focusFirstError() {
  window.requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  });
}
