import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentDetail } from '../../../core/commitments/schemas';
import { FormModal } from '../../components/FormModal';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useEditCommitment, useTransitionCommitment } from './api';

/** The dialogs of a commitment's page: complete with evidence, edit, drop with a reason. */

export function CompleteDialog({
  commitment,
  onClose,
}: {
  commitment: CommitmentDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transition = useTransitionCommitment(commitment.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '', kind: '', id: '' },
  });
  const submit = form.onSubmit((values) =>
    transition.mutate(
      {
        action: 'complete',
        evidence: {
          ...(values.text.trim() && { text: values.text.trim() }),
          ...(values.kind &&
            values.id.trim() && {
              link: { kind: values.kind as 'request' | 'report', id: values.id.trim() },
            }),
        },
      },
      {
        onSuccess: () => {
          notify('green', t('commitments.done'));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && transition.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('commitments.actions.complete')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('commitments.actions.complete')}
      loading={transition.isPending}
      error={transition.error}
    >
      <Textarea
        label={t('commitments.evidenceText')}
        description={commitment.evidence?.files.length ? undefined : t('commitments.evidenceFileHint')}
        rows={3}
        maxLength={5000}
        dir="auto"
        data-autofocus
        {...form.getInputProps('text')}
      />
      <NativeSelect
        label={t('commitments.evidenceLinkKind')}
        data={[
          { value: '', label: t('commitments.noLink') },
          { value: 'request', label: t('commitments.request') },
          { value: 'report', label: t('commitments.report') },
        ]}
        {...form.getInputProps('kind')}
      />
      {form.values.kind && (
        <TextInput label={t('commitments.evidenceLinkId')} dir="ltr" {...form.getInputProps('id')} />
      )}
    </FormModal>
  );
}

/** Its owner, the chair of the owner's party or the secretary edit one still owed: the reminders follow a new date. */
export function EditDialog({ commitment, onClose }: { commitment: CommitmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const edit = useEditCommitment(commitment.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: commitment.title, doneMeans: commitment.doneMeans, dueOn: commitment.dueOn },
  });
  const submit = form.onSubmit((values) =>
    edit.mutate(
      { title: values.title.trim(), doneMeans: values.doneMeans.trim(), dueOn: values.dueOn },
      {
        onSuccess: () => {
          notify('green', t('commitments.done'));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && edit.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('commitments.edit')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('commitments.save')}
      loading={edit.isPending}
      error={edit.error}
    >
      <CommitmentFields inputProps={form.getInputProps} />
    </FormModal>
  );
}

export function DropDialog({ commitment, onClose }: { commitment: CommitmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const transition = useTransitionCommitment(commitment.id);
  const form = useForm({ mode: 'controlled', initialValues: { reason: '' } });
  const submit = form.onSubmit((values) =>
    transition.mutate(
      { action: 'drop', reason: values.reason.trim() },
      {
        onSuccess: () => {
          notify('green', t('commitments.done'));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && transition.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('commitments.actions.drop')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('commitments.actions.drop')}
      loading={transition.isPending}
      error={transition.error}
    >
      <Textarea
        label={t('commitments.reason')}
        required
        rows={2}
        maxLength={2000}
        dir="auto"
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/**
 * What a commitment says, as raised and as edited: its title, what "done"
 * means, (in between, what the caller adds: the owner when it is raised) and
 * its due date.
 */
export function CommitmentFields({
  inputProps,
  children,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: Mantine's input props for any of the three fields
  inputProps: (field: 'title' | 'doneMeans' | 'dueOn') => any;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('commitments.titleField')}
        required
        maxLength={300}
        dir="auto"
        data-autofocus
        {...inputProps('title')}
      />
      <Textarea
        label={t('commitments.doneMeans')}
        required
        rows={3}
        maxLength={5000}
        dir="auto"
        {...inputProps('doneMeans')}
      />
      {children}
      <TextInput type="date" dir="ltr" label={t('commitments.dueOn')} required {...inputProps('dueOn')} />
    </>
  );
}
