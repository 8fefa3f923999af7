import { NativeSelect, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormModal } from '../../components/FormModal';
import { T } from '../../components/T';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { useDirectoryList } from '../directory/api';
import { useReleaseReport } from './api';
import { typedDirection } from './parts';

/**
 * "Release to party": the server keeps only the portions the party may see
 * and recomputes the banner; when nothing is releasable it says so, here.
 */
export function ReleaseModal({ reportId, onClose }: { reportId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const parties = (useDirectoryList('parties').data ?? []).filter((party) => party.kind === 'party');
  const release = useReleaseReport(reportId);
  const form = useForm({
    mode: 'controlled',
    initialValues: { toParty: '', note: '' },
    validate: {
      toParty: (value) => (value ? null : <T i18nKey="reports.release.partyRequired" />),
      note: (value) => (value.trim() ? null : <T i18nKey="reports.release.noteRequired" />),
    },
  });
  // An error said beside its field is not said again above the buttons.
  const [placed, setPlaced] = useState(false);
  const submit = form.onSubmit((values) => {
    setPlaced(false);
    release.mutate(
      { toParty: values.toParty, note: values.note.trim() },
      {
        onSuccess: (made) => {
          notify('green', t('reports.release.done', { party: made.toParty }));
          onClose();
          navigate(`/releases/${encodeURIComponent(made.id)}`);
        },
        onError: (error) => setPlaced(applyServerErrors(form, error)),
      },
    );
  });
  return (
    <FormModal
      title={t('reports.release.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('reports.release.submit')}
      loading={release.isPending}
      error={placed ? null : release.error}
    >
      <Text size="sm">{t('reports.release.explain')}</Text>
      <NativeSelect
        label={t('reports.release.party')}
        data={[
          { value: '', label: t('reports.release.chooseParty') },
          ...parties.map((party) => ({ value: party.code, label: localised(party.names) })),
        ]}
        {...form.getInputProps('toParty')}
      />
      <Textarea
        label={t('reports.release.note')}
        dir="auto"
        ref={typedDirection}
        autosize
        minRows={3}
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}
