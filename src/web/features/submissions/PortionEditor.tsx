import { ActionIcon, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PartyDto } from '../../../core/directory/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import { RELEASE_INSTRUCTIONS, type ReleaseInstruction } from '../../../core/submissions/schemas';
import { ClassificationPicker, type MarkingChoice } from '../../components/ClassificationPicker';
import { useLocalised } from '../../lib/use-localised';
import { portionOf } from '../reports/editor-model';
import { typedDirection } from '../reports/parts';
import classes from '../reports/reports.module.css';
import { INSTRUCTION_LABELS } from './labels';

export interface PortionDraft {
  key: string;
  /** A portion the submission already has keeps its id. */
  id?: string;
  heading: string;
  text: string;
  marking: MarkingChoice;
  instruction: ReleaseInstruction;
  toParty: string;
}

export interface Draft {
  title: string;
  subject: string;
  headerMarking: MarkingChoice;
  portions: PortionDraft[];
}

export type DraftForm = UseFormReturnType<Draft>;

export const lowest = (scheme: ClassificationScheme): MarkingChoice => ({
  level: scheme.levels[0]?.code ?? '',
  caveats: [],
  relTo: [],
  parties: [],
});

let nextKey = 0;
export const newPortion = (scheme: ClassificationScheme, toParty: string): PortionDraft => {
  nextKey += 1;
  return {
    key: `s${nextKey}`,
    heading: '',
    text: '',
    marking: lowest(scheme),
    instruction: 'not-releasable',
    toParty,
  };
};

/** One portion of a submission being written: its heading, text, marking and release instruction. */
export function PortionEditor({
  form,
  index,
  count,
  scheme,
  parties,
  others,
}: {
  form: DraftForm;
  index: number;
  count: number;
  scheme: ClassificationScheme;
  parties: PartyDto[];
  others: PartyDto[];
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const portion = form.getValues().portions[index];
  if (!portion) return null;
  const number = index + 1;
  return (
    <fieldset className={classes.paragraphEditor}>
      <legend>{t('submissions.editor.portion', { number })}</legend>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text size="sm" dir="ltr" fw={700} aria-hidden>
            {portionOf(scheme, portion.marking)}
          </Text>
          <ActionIcon
            variant="default"
            color="red"
            aria-label={t('submissions.editor.remove', { number })}
            disabled={count === 1}
            onClick={() => form.removeListItem('portions', index)}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
        <TextInput
          label={t('reports.editor.heading')}
          dir="auto"
          ref={typedDirection}
          {...form.getInputProps(`portions.${index}.heading`)}
        />
        <Textarea
          label={t('reports.editor.text')}
          dir="auto"
          ref={typedDirection}
          autosize
          minRows={3}
          withAsterisk
          {...form.getInputProps(`portions.${index}.text`)}
        />
        <ClassificationPicker
          scheme={scheme}
          parties={parties}
          withAudience={false}
          value={portion.marking}
          onChange={(choice) => form.setFieldValue(`portions.${index}.marking`, choice)}
          error={form.errors[`portions.${index}.marking`]}
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('submissions.instruction.label')}
            data={RELEASE_INSTRUCTIONS.map((value) => ({ value, label: t(INSTRUCTION_LABELS[value]) }))}
            {...form.getInputProps(`portions.${index}.instruction`)}
          />
          {portion.instruction !== 'not-releasable' && (
            <NativeSelect
              label={t('submissions.instruction.toParty')}
              data={others.map((party) => ({ value: party.code, label: localised(party.names) }))}
              {...form.getInputProps(`portions.${index}.toParty`)}
            />
          )}
        </Group>
      </Stack>
    </fieldset>
  );
}
