import { Checkbox, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { releasableTo } from '../../../core/reports/releases';
import type { ReportView } from '../../../core/reports/schemas';
import { FormModal } from '../../components/FormModal';
import { MarkingBanner } from '../../components/MarkingBanner';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { useDirectoryList } from '../directory/api';
import { partiesProper } from '../directory/model';
import { useReleaseReport } from './api';
import { typedDirection } from './parts';
import classes from './reports.module.css';

const EXCERPT = 90;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/**
 * "Release to party": the portions the party may see are offered, chosen
 * already; the server checks again, recomputes the banner, and when nothing
 * is releasable says so, here.
 */
export function ReleaseModal({ report, onClose }: { report: ReportView; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const scheme = useDeployment().data?.classification;
  const parties = partiesProper(useDirectoryList('parties').data ?? []);
  const release = useReleaseReport(report.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: { toParty: '', note: '', portions: [] as string[] },
    validate: {
      toParty: (value) => (value ? null : <T i18nKey="reports.release.partyRequired" />),
      note: (value) => (value.trim() ? null : <T i18nKey="reports.release.noteRequired" />),
    },
  });
  const party = parties.find((candidate) => candidate.code === form.getValues().toParty);
  const releasable = (portion: ReportView['paragraphs'][number]['portion']) =>
    !!party && !!scheme && releasableTo(scheme, portion, party.nationalities);
  // An error said beside its field is not said again above the buttons.
  const [placed, setPlaced] = useState(false);

  const chooseParty = (code: string) => {
    const chosen = parties.find((candidate) => candidate.code === code);
    form.setFieldValue('toParty', code);
    form.setFieldValue(
      'portions',
      chosen && scheme
        ? report.paragraphs
            .filter((paragraph) => releasableTo(scheme, paragraph.portion, chosen.nationalities))
            .map((paragraph) => paragraph.id)
        : [],
    );
  };

  const submit = form.onSubmit((values) => {
    setPlaced(false);
    release.mutate(
      {
        toParty: values.toParty,
        note: values.note.trim(),
        // None chosen: the server decides, and says when nothing may go.
        ...(values.portions.length ? { portions: values.portions } : {}),
      },
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
          ...parties.map((candidate) => ({ value: candidate.code, label: localised(candidate.names) })),
        ]}
        {...form.getInputProps('toParty')}
        onChange={(event) => chooseParty(event.currentTarget.value)}
      />
      {party && (
        <Checkbox.Group
          label={t('reports.release.portions')}
          description={t('reports.release.portionsHint')}
          {...form.getInputProps('portions')}
        >
          <Stack gap={6} mt={6}>
            {report.paragraphs.map((paragraph) => {
              const allowed = releasable(paragraph.portion);
              return (
                <Checkbox
                  key={paragraph.id}
                  value={paragraph.id}
                  disabled={!allowed}
                  label={
                    <span>
                      <span className={classes.portionMark}>
                        <MarkingBanner marking={paragraph.portion} variant="portion" />
                      </span>
                      <span dir="auto">{excerpt(paragraph.text)}</span>
                      {!allowed && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({t('reports.release.notReleasable', { party: localised(party.names) })})
                        </Text>
                      )}
                    </span>
                  }
                />
              );
            })}
          </Stack>
        </Checkbox.Group>
      )}
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
