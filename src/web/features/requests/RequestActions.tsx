import { Button, Group, NativeSelect, Radio, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { HANDOVER_KINDS } from '../../../core/directory/places';
import { ANSWERS, type Answer, requirementOf, type UserAction } from '../../../core/requests/lifecycle';
import type { RequestDetail } from '../../../core/requests/schemas';
import { zonedInputToOffsetIso } from '../../../core/zoned-time';
import { FormModal } from '../../components/FormModal';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { useDirectoryList } from '../directory/api';
import { useOpenCrisisRoom, useTransition } from './api';
import { ACTION_LABELS, DONE_LABELS } from './labels';

/** Refusals and cancelling in red, the ways forward filled (in the primary blue: white on Mantine's green is under 4.5:1), the rest quiet. */
const LOOKS: Partial<Record<UserAction, { variant: string; color?: string }>> = {
  acknowledge: { variant: 'filled' },
  approve: { variant: 'filled' },
  'approve-answer': { variant: 'filled' },
  'draft-answer': { variant: 'filled' },
  start: { variant: 'filled' },
  'hand-over': { variant: 'filled' },
  'not-found': { variant: 'outline', color: 'red' },
  'return-answer': { variant: 'outline', color: 'red' },
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
  const crisisRoom = useOpenCrisisRoom(request.id);
  const navigate = useNavigate();
  if (request.actions.length === 0 && !request.mayOpenCrisisRoom) return null;
  const openRoom = () =>
    crisisRoom.mutate(undefined, {
      onSuccess: ({ channelId }) => navigate(`/channels/${encodeURIComponent(channelId)}`),
    });

  const fire = (action: UserAction) => {
    // Approving a drafted answer opens it too: the supervisor reads it, and may change it, before it goes out.
    if (requirementOf(action) || action === 'approve-answer') return setAsking(action);
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
          {request.mayOpenCrisisRoom && (
            <Button variant="filled" color="red" loading={crisisRoom.isPending} onClick={openRoom}>
              {t('requests.crisisRoom.open')}
            </Button>
          )}
        </Group>
        {!asking && <ErrorAlert error={transition.error ?? crisisRoom.error} />}
      </Stack>
      {asking && <Ask request={request} action={asking} onClose={() => setAsking(null)} />}
    </section>
  );
}

/** The dialog an action needs: an answer to draft or approve, a handover, or words. */
function Ask({
  request,
  action,
  onClose,
}: {
  request: RequestDetail;
  action: UserAction;
  onClose: () => void;
}) {
  if (action === 'draft-answer' || action === 'approve-answer')
    return <AnswerDialog request={request} action={action} onClose={onClose} />;
  if (action === 'hand-over') return <HandoverDialog requestId={request.id} onClose={onClose} />;
  return <SayWhy requestId={request.id} action={action} onClose={onClose} />;
}

const ANSWER_LABELS = {
  approve: 'requests.actions.approve',
  'approve-with-conditions': 'requests.actions.approveWithConditions',
  deny: 'requests.actions.deny',
} as const;

/**
 * Four eyes: the desk drafts its answer (approve, with conditions, or deny);
 * a supervisor sees the draft filled in, may change it, and approves it.
 */
function AnswerDialog({
  request,
  action,
  onClose,
}: {
  request: RequestDetail;
  action: 'draft-answer' | 'approve-answer';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transition = useTransition(request.id);
  const draft = action === 'approve-answer' ? request.answerDraft : null;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      answer: (draft?.answer ?? '') as Answer | '',
      conditions: draft?.conditions ?? '',
      reason: draft?.reason ?? '',
    },
    validate: {
      answer: (value) => (value ? null : <T i18nKey="requests.answer.choose" />),
      conditions: (value, values) =>
        values.answer === 'approve-with-conditions' && !value.trim() ? (
          <T i18nKey="requests.conditionsRequired" />
        ) : null,
      reason: (value, values) =>
        values.answer === 'deny' && !value.trim() ? <T i18nKey="requests.reasonRequired" /> : null,
    },
  });
  const submit = form.onSubmit((values) =>
    transition.mutate(
      {
        action,
        answer: values.answer as Answer,
        ...(values.answer === 'approve-with-conditions' && { conditions: values.conditions.trim() }),
        ...(values.reason.trim() && { reason: values.reason.trim() }),
      },
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
      <Radio.Group
        label={t('requests.answer.label')}
        description={t(action === 'approve-answer' ? 'requests.answer.editHint' : 'requests.answer.hint')}
        required
        {...form.getInputProps('answer')}
      >
        <Stack gap="xs" mt="xs">
          {ANSWERS.map((answer) => (
            <Radio key={answer} value={answer} label={t(ANSWER_LABELS[answer])} />
          ))}
        </Stack>
      </Radio.Group>
      {form.values.answer === 'approve-with-conditions' && (
        <Textarea
          label={t('requests.conditions')}
          description={t('requests.conditionsHint')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          dir="auto"
          {...form.getInputProps('conditions')}
        />
      )}
      <Textarea
        label={t('requests.reason')}
        description={t('requests.reasonHint')}
        required={form.values.answer === 'deny'}
        autosize
        minRows={2}
        maxLength={4000}
        dir="auto"
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/** A safe return's last step: where (a place of the gazetteer), when, to whom, in what condition. */
function HandoverDialog({ requestId, onClose }: { requestId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const transition = useTransition(requestId);
  const places = useDirectoryList('districts');
  const timeZone = useDeployment().data?.timeZone ?? 'UTC';
  const required = <T i18nKey="requests.handover.required" />;
  const form = useForm({
    mode: 'controlled',
    initialValues: { placeId: '', at: '', receivedBy: '', condition: '' },
    validate: {
      placeId: (value) => (value ? null : required),
      at: (value) => (value ? null : required),
      receivedBy: (value) => (value.trim() ? null : required),
      condition: (value) => (value.trim() ? null : required),
    },
  });
  const submit = form.onSubmit((values) =>
    transition.mutate(
      {
        action: 'hand-over',
        placeId: values.placeId,
        at: zonedInputToOffsetIso(values.at, timeZone) ?? values.at,
        receivedBy: values.receivedBy.trim(),
        condition: values.condition.trim(),
      },
      {
        onSuccess: () => {
          notify('green', t(DONE_LABELS['hand-over']));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && transition.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t(ACTION_LABELS['hand-over'])}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t(ACTION_LABELS['hand-over'])}
      loading={transition.isPending}
      error={transition.error}
    >
      <NativeSelect
        label={t('requests.handover.place')}
        description={t('requests.handover.placeHint')}
        required
        data={[
          { value: '', label: t('requests.form.choose'), disabled: true },
          ...(places.data ?? [])
            .filter((place) => HANDOVER_KINDS.includes(place.kind))
            .map((place) => ({ value: place.id, label: localised(place.names) })),
        ]}
        data-autofocus
        {...form.getInputProps('placeId')}
      />
      <TextInput
        type="datetime-local"
        dir="ltr"
        label={t('requests.handover.at')}
        description={t('requests.form.timesIn', { zone: timeZone })}
        required
        {...form.getInputProps('at')}
      />
      <TextInput
        label={t('requests.handover.receivedBy')}
        description={t('requests.handover.receivedByHint')}
        required
        maxLength={300}
        dir="auto"
        {...form.getInputProps('receivedBy')}
      />
      <Textarea
        label={t('requests.handover.condition')}
        description={t('requests.handover.conditionHint')}
        required
        autosize
        minRows={2}
        maxLength={1000}
        dir="auto"
        {...form.getInputProps('condition')}
      />
    </FormModal>
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
  const needs = requirementOf(action) === 'conditions' ? 'conditions' : 'reason';
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
