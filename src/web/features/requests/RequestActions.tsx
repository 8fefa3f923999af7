import { Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requirementOf, type UserAction } from '../../../core/requests/lifecycle';
import type { RequestDetail } from '../../../core/requests/schemas';
import { FormModal } from '../../components/FormModal';
import { T } from '../../components/T';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useTransition } from './api';
import { ACTION_LABELS, DONE_LABELS } from './labels';

/** Refusals and cancelling in red, the ways forward filled (in the primary blue: white on Mantine's green is under 4.5:1), the rest quiet. */
const LOOKS: Partial<Record<UserAction, { variant: string; color?: string }>> = {
  acknowledge: { variant: 'filled' },
  approve: { variant: 'filled' },
  start: { variant: 'filled' },
  complete: { variant: 'filled' },
  submit: { variant: 'filled' },
  'co-sign': { variant: 'filled' },
  deny: { variant: 'outline', color: 'red' },
  cancel: { variant: 'subtle', color: 'red' },
};

/**
 * Exactly the actions the server says the caller may take now. Those that
 * must say something (a reason, the conditions) ask for it in a dialog.
 */
export function RequestActions({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const transition = useTransition(request.id);
  const [asking, setAsking] = useState<UserAction | null>(null);
  if (request.actions.length === 0) return null;

  const fire = (action: UserAction) => {
    if (requirementOf(action)) return setAsking(action);
    transition.mutate({ action }, { onSuccess: () => notify('green', t(DONE_LABELS[action])) });
  };

  return (
    <section aria-labelledby="request-actions-title">
      <Title order={2} size="h4" id="request-actions-title" mb="xs">
        {t('requests.yourActions')}
      </Title>
      <Stack gap="sm">
        <Group gap="sm">
          {request.actions.map((action) => (
            <Button
              key={action}
              {...(LOOKS[action] ?? { variant: 'default' })}
              loading={transition.isPending && transition.variables?.action === action}
              disabled={transition.isPending}
              onClick={() => fire(action)}
            >
              {t(ACTION_LABELS[action])}
            </Button>
          ))}
        </Group>
        {!asking && <ErrorAlert error={transition.error} />}
      </Stack>
      {asking && <SayWhy requestId={request.id} action={asking} onClose={() => setAsking(null)} />}
    </section>
  );
}

/** The dialog for an action that needs words: a reason (deny, ask for information, cancel) or conditions. */
function SayWhy({
  requestId,
  action,
  onClose,
}: {
  requestId: string;
  action: UserAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transition = useTransition(requestId);
  const needs = requirementOf(action) ?? 'reason';
  const form = useForm({
    mode: 'controlled',
    initialValues: { [needs]: '' } as Record<'reason' | 'conditions', string>,
    validate: {
      [needs]: (value: string) =>
        value.trim() ? null : (
          <T i18nKey={needs === 'conditions' ? 'requests.conditionsRequired' : 'requests.reasonRequired'} />
        ),
    },
  });
  const submit = form.onSubmit((values) =>
    transition.mutate(
      { action, [needs]: values[needs].trim() },
      {
        onSuccess: () => {
          notify('green', t(DONE_LABELS[action]));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && transition.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t(ACTION_LABELS[action])}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t(ACTION_LABELS[action])}
      loading={transition.isPending}
      error={transition.error}
    >
      <Textarea
        label={t(needs === 'conditions' ? 'requests.conditions' : 'requests.reason')}
        description={t(needs === 'conditions' ? 'requests.conditionsHint' : 'requests.reasonHint')}
        required
        autosize
        minRows={3}
        maxRows={10}
        maxLength={4000}
        dir="auto"
        data-autofocus
        {...form.getInputProps(needs)}
      />
    </FormModal>
  );
}
