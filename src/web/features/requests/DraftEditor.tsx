import { Button, Group, Stack, Text } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../core/requests/request-type';
import type { RequestDetail, RequestTypeView } from '../../../core/requests/schemas';
import { Loaded } from '../../components/Loaded';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useUpdateDraft } from './api';
import { type FieldInputs, fieldProblems, fieldValuesOf, inputsOf } from './form-model';
import { FieldsFieldset, focusFirstError, PriorityChoice } from './form-parts';

/**
 * A draft's form, filled with what was saved: the same fields as a new
 * request of its type. Only the form and the priority change here; the
 * district and the marking were fixed when the draft was created.
 */
export function DraftEditor(props: { request: RequestDetail; view: RequestTypeView; onDone: () => void }) {
  const deployment = useDeployment();
  return (
    <Loaded data={deployment.data} error={deployment.error} refetch={() => void deployment.refetch()}>
      {({ timeZone }) => <DraftForm {...props} timeZone={timeZone} />}
    </Loaded>
  );
}

interface DraftValues {
  fields: FieldInputs;
  priority: Priority;
}

function DraftForm({
  request,
  view,
  timeZone,
  onDone,
}: {
  request: RequestDetail;
  view: RequestTypeView;
  timeZone: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateDraft(request.id);
  // Still a draft: required fields may stay empty until it is submitted.
  const problemsOf = (values: DraftValues): FormErrors =>
    Object.fromEntries(
      Object.entries(fieldProblems(view, values.fields, timeZone, { draft: true })).map(([key, problem]) => [
        `fields.${key}`,
        <T key={key} i18nKey={problem.i18nKey} values={problem.values} />,
      ]),
    );
  const form = useForm<DraftValues>({
    mode: 'controlled',
    initialValues: { fields: inputsOf(view, request.fields, timeZone), priority: request.priority },
    validate: problemsOf,
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    (values) =>
      update.mutate(
        { fields: fieldValuesOf(view, values.fields, timeZone), priority: values.priority },
        {
          onSuccess: (saved) => {
            notify('green', t('requests.draft.saved', { reference: saved.reference }));
            onDone();
          },
          onError: (error) => {
            if (applyServerErrors(form, error)) update.reset();
            focusFirstError();
          },
        },
      ),
    focusFirstError,
  );

  return (
    <form noValidate onSubmit={submit} aria-labelledby="draft-editor-title">
      <Stack gap="lg">
        <Text id="draft-editor-title" fw={700} size="lg">
          {t('requests.draft.title')}
        </Text>
        <Text size="sm">{t('requests.draft.hint')}</Text>
        <FieldsFieldset
          view={view}
          timeZone={timeZone}
          inputProps={(key) => form.getInputProps(`fields.${key}`)}
        />
        <PriorityChoice view={view} {...form.getInputProps('priority')} />
        <ErrorAlert error={update.error} />
        <Group gap="sm">
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            loading={update.isPending}
          >
            {t('requests.draft.save')}
          </Button>
          <Button variant="default" onClick={onDone} disabled={update.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
