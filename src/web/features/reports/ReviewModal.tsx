import { Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { T } from '../../components/T';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { type ReviewAction, useReviewReport } from './api';
import { typedDirection } from './parts';

export const REVIEW_LABELS = {
  submit: 'reports.actions.submit',
  approve: 'reports.actions.approve',
  return: 'reports.actions.return',
} as const;

const DONE = {
  submit: 'reports.review.done.submit',
  approve: 'reports.review.done.approve',
  return: 'reports.review.done.return',
} as const;

/** A review step with its note: optional when submitting or approving, required when returning. */
export function ReviewModal({
  reportId,
  action,
  onClose,
}: {
  reportId: string;
  action: ReviewAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const review = useReviewReport(reportId);
  const [placed, setPlaced] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { note: '' },
    validate: {
      note: (value) =>
        action === 'return' && !value.trim() ? <T i18nKey="reports.review.noteRequired" /> : null,
    },
  });
  const submit = form.onSubmit(({ note }) => {
    setPlaced(false);
    review.mutate(
      { action, note: note.trim() || undefined },
      {
        onSuccess: () => {
          notify('green', t(DONE[action]));
          onClose();
        },
        onError: (error) => setPlaced(applyServerErrors(form, error)),
      },
    );
  });
  return (
    <FormModal
      title={t(REVIEW_LABELS[action])}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t(REVIEW_LABELS[action])}
      loading={review.isPending}
      error={placed ? null : review.error}
    >
      <Textarea
        label={action === 'return' ? t('reports.review.note') : t('reports.review.noteOptional')}
        withAsterisk={action === 'return'}
        dir="auto"
        ref={typedDirection}
        autosize
        minRows={3}
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}
