import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileExport, IconPencil, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { releasableTo } from '../../../core/reports/releases';
import type { SubmissionView } from '../../../core/submissions/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { FactList } from '../../components/FactList';
import { FormModal } from '../../components/FormModal';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { isApiError } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useFormatDateTime } from '../../lib/time';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useDirectoryList } from '../directory/api';
import { partiesProper } from '../directory/model';
import { MarkedDocument, typedDirection } from '../reports/parts';
import classes from '../reports/reports.module.css';
import { useNames } from '../requests/use-names';
import { useConsents, useExtractReport, useReleaseSubmission, useSubmission } from './api';
import { ConsentCard } from './ConsentCard';
import { INSTRUCTION_LABELS } from './labels';

export default function SubmissionPage() {
  const { id = '' } = useParams();
  const submission = useSubmission(id);
  // Absent, or not the caller's to see: the server answers 404 for both, and so does the page.
  if (isApiError(submission.error) && submission.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={submission.data} error={submission.error} refetch={() => void submission.refetch()}>
      {(data) => <SubmissionScreen submission={data} />}
    </Loaded>
  );
}

function SubmissionScreen({ submission }: { submission: SubmissionView }) {
  const { t } = useTranslation();
  const names = useNames();
  const format = useFormatDateTime();
  const [releasing, setReleasing] = useState(false);
  const [extracting, setExtracting] = useState(false);
  const consents = useConsents('all');
  usePageTitle(`${submission.reference} · ${submission.title}`);
  const numberOf = (portionId: string) =>
    (submission.portions.find((portion) => portion.id === portionId)?.position ?? 0) + 1;
  const facts: [string, React.ReactNode][] = [
    [t('submissions.owner'), names.party(submission.ownerParty)],
    [t('submissions.addressedTo'), names.party(submission.coordinatorParty)],
    [
      t('submissions.writtenBy'),
      <span key="by">
        <bdi dir="auto">{submission.author.displayName}</bdi> ·{' '}
        <time dateTime={submission.createdAt}>{format(submission.createdAt)}</time>
      </span>,
    ],
  ];
  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between">
        <Anchor component={Link} to="/submissions" size="sm">
          {t('submissions.backToList')}
        </Anchor>
        <Group gap="sm">
          {submission.actions.includes('edit') && (
            <Button
              component={Link}
              to={`/submissions/${encodeURIComponent(submission.id)}/edit`}
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('submissions.edit')}
            </Button>
          )}
          {submission.actions.includes('extract') && (
            <Button
              variant="default"
              leftSection={<IconFileExport size={16} aria-hidden />}
              onClick={() => setExtracting(true)}
            >
              {t('submissions.extract.action')}
            </Button>
          )}
          {submission.actions.includes('release') && (
            <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => setReleasing(true)}>
              {t('submissions.release.action')}
            </Button>
          )}
        </Group>
      </Group>
      <MarkedDocument banner={submission.banner}>
        <header>
          <Text size="sm" c="dimmed" dir="ltr" ta="start">
            {submission.reference}
          </Text>
          <Title order={1} mt={4}>
            <span dir="auto">{submission.title}</span>
          </Title>
          {submission.subject && (
            <Text mt="xs" dir="auto" className={classes.userText}>
              {submission.subject}
            </Text>
          )}
        </header>
        <FactList facts={facts} />
        <section aria-labelledby="submission-portions-title">
          <Title order={2} size="h4" id="submission-portions-title" mb="sm">
            {t('submissions.portions')}
          </Title>
          <Stack gap="md">
            {submission.portions.map((portion) => (
              <div key={portion.id}>
                {portion.heading && (
                  <Text fw={700} dir="auto" mb={4}>
                    {portion.heading}
                  </Text>
                )}
                <p className={classes.paragraph}>
                  <span className={classes.portionMark}>
                    <MarkingBanner marking={portion.portion} variant="portion" />
                  </span>
                  <bdi dir="ltr" className={classes.paragraphNumber}>
                    ¶{portion.position + 1}
                  </bdi>{' '}
                  <span dir="auto" className={classes.userText}>
                    {portion.text}
                  </span>
                </p>
                <Badge
                  variant="light"
                  color={portion.release.instruction === 'not-releasable' ? 'gray' : 'blue'}
                >
                  {t(INSTRUCTION_LABELS[portion.release.instruction])}
                  {portion.release.toParty ? `: ${names.party(portion.release.toParty)}` : ''}
                </Badge>
              </div>
            ))}
          </Stack>
        </section>
      </MarkedDocument>

      <Section id="submission-releases" title={t('submissions.releases.title')}>
        {submission.releaseHistory.length === 0 ? (
          <Text mt="xs">{t('submissions.releases.none')}</Text>
        ) : (
          <Stack component="ul" gap={0} className={classes.plainList} mt="xs">
            {submission.releaseHistory.map((release) => (
              <li key={release.id} className={classes.row}>
                <Text py="xs">
                  {t('submissions.releases.line', {
                    party: names.party(release.toParty),
                    portions: release.portions.map(numberOf).join(', '),
                  })}{' '}
                  · <time dateTime={release.releasedAt}>{format(release.releasedAt)}</time> ·{' '}
                  <bdi dir="auto">{release.releasedBy.displayName}</bdi>
                  {release.consentId && (
                    <Text span c="dimmed">
                      {' '}
                      ({t('submissions.releases.withConsent')})
                    </Text>
                  )}{' '}
                  <Anchor component={Link} to={`/releases/${encodeURIComponent(release.id)}`}>
                    {t('submissions.releases.open')}
                  </Anchor>
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      {submission.consents.length > 0 && (
        <Section id="submission-consents" title={t('consents.title')}>
          <Stack gap="md" mt="sm">
            {(consents.data ?? [])
              .filter((consent) => consent.submissionId === submission.id)
              .map((consent) => (
                <ConsentCard key={consent.id} consent={consent} withSubmission={false} />
              ))}
          </Stack>
        </Section>
      )}
      {releasing && <ReleaseSubmissionModal submission={submission} onClose={() => setReleasing(false)} />}
      {extracting && <ExtractModal submission={submission} onClose={() => setExtracting(false)} />}
    </Stack>
  );
}

/** "Release portions": the party, then the portions whose instruction and marking allow it. */
function ReleaseSubmissionModal({
  submission,
  onClose,
}: {
  submission: SubmissionView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const scheme = useDeployment().data?.classification;
  const parties = partiesProper(useDirectoryList('parties').data ?? []).filter(
    (party) => party.code !== submission.ownerParty,
  );
  const release = useReleaseSubmission(submission.id);
  const [placed, setPlaced] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { toParty: '', note: '', portions: [] as string[] },
    validate: {
      toParty: (value) => (value ? null : <T i18nKey="reports.release.partyRequired" />),
      portions: (value) => (value.length ? null : <T i18nKey="submissions.release.portionsRequired" />),
    },
  });
  const party = parties.find((candidate) => candidate.code === form.getValues().toParty);
  const allowed = (portion: SubmissionView['portions'][number]) =>
    !!party &&
    !!scheme &&
    portion.release.instruction !== 'not-releasable' &&
    portion.release.toParty === party.code &&
    releasableTo(scheme, portion.portion, party.nationalities);
  const submit = form.onSubmit((values) => {
    setPlaced(false);
    release.mutate(
      {
        toParty: values.toParty,
        portions: values.portions,
        ...(values.note.trim() ? { note: values.note } : {}),
      },
      {
        onSuccess: (result) => {
          notify(
            'green',
            result.status === 'released'
              ? t('submissions.release.done', {
                  party: localised(party?.names ?? { en: '', ar: '', he: '' }),
                })
              : t('submissions.release.waiting'),
          );
          onClose();
        },
        onError: (error) => setPlaced(applyServerErrors(form, error)),
      },
    );
  });
  return (
    <FormModal
      title={t('submissions.release.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('submissions.release.submit')}
      loading={release.isPending}
      error={placed ? null : release.error}
    >
      <Text size="sm">{t('submissions.release.explain')}</Text>
      <NativeSelect
        label={t('reports.release.party')}
        data={[
          { value: '', label: t('reports.release.chooseParty') },
          ...parties.map((candidate) => ({ value: candidate.code, label: localised(candidate.names) })),
        ]}
        {...form.getInputProps('toParty')}
        onChange={(event) => {
          form.setFieldValue('toParty', event.currentTarget.value);
          form.setFieldValue('portions', []);
        }}
      />
      {party && (
        <Checkbox.Group label={t('reports.release.portions')} {...form.getInputProps('portions')}>
          <Stack gap={6} mt={6}>
            {submission.portions.map((portion) => {
              const may = allowed(portion);
              return (
                <Checkbox
                  key={portion.id}
                  value={portion.id}
                  disabled={!may}
                  label={
                    <span>
                      <span className={classes.portionMark}>
                        <MarkingBanner marking={portion.portion} variant="portion" />
                      </span>
                      <span dir="auto">
                        {portion.text.length > 90 ? `${portion.text.slice(0, 90)}…` : portion.text}
                      </span>
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t(INSTRUCTION_LABELS[portion.release.instruction])}
                        {portion.release.toParty
                          ? `: ${localised(parties.find((p) => p.code === portion.release.toParty)?.names ?? { en: portion.release.toParty, ar: portion.release.toParty, he: portion.release.toParty })}`
                          : ''}
                        )
                      </Text>
                    </span>
                  }
                />
              );
            })}
          </Stack>
        </Checkbox.Group>
      )}
      <Textarea
        label={t('submissions.release.note')}
        dir="auto"
        ref={typedDirection}
        autosize
        minRows={2}
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}

/** "Extract into a report": the portions chosen become the paragraphs of a new draft report of the coordinator. */
function ExtractModal({ submission, onClose }: { submission: SubmissionView; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const extract = useExtractReport(submission.id);
  const [placed, setPlaced] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: submission.title, portions: submission.portions.map((portion) => portion.id) },
    validate: {
      portions: (value) => (value.length ? null : <T i18nKey="submissions.release.portionsRequired" />),
    },
  });
  const submit = form.onSubmit((values) => {
    setPlaced(false);
    extract.mutate(
      { portions: values.portions, ...(values.title.trim() ? { title: values.title } : {}) },
      {
        onSuccess: ({ reportId }) => {
          onClose();
          navigate(`/reports/${encodeURIComponent(reportId)}`);
        },
        onError: (error) => setPlaced(applyServerErrors(form, error)),
      },
    );
  });
  return (
    <FormModal
      title={t('submissions.extract.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('submissions.extract.submit')}
      loading={extract.isPending}
      error={placed ? null : extract.error}
    >
      <Text size="sm">{t('submissions.extract.explain')}</Text>
      <TextInput
        label={t('reports.field.title')}
        dir="auto"
        ref={typedDirection}
        {...form.getInputProps('title')}
      />
      <Checkbox.Group label={t('submissions.portions')} {...form.getInputProps('portions')}>
        <Stack gap={6} mt={6}>
          {submission.portions.map((portion) => (
            <Checkbox
              key={portion.id}
              value={portion.id}
              label={
                <span>
                  <span className={classes.portionMark}>
                    <MarkingBanner marking={portion.portion} variant="portion" />
                  </span>
                  <span dir="auto">
                    {portion.text.length > 90 ? `${portion.text.slice(0, 90)}…` : portion.text}
                  </span>
                </span>
              }
            />
          ))}
        </Stack>
      </Checkbox.Group>
    </FormModal>
  );
}
