import { Anchor, Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PartyDto } from '../../../core/directory/schemas';
import { formatBanner } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { CreateSubmission, SubmissionView } from '../../../core/submissions/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { ClassificationPicker, type MarkingChoice } from '../../components/ClassificationPicker';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert, FieldIssueText } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useDirectoryList } from '../directory/api';
import { useSignedInMe } from '../identity/api';
import { bannerPreview, choiceOf, classificationOf, nearestField } from '../reports/editor-model';
import { typedDirection } from '../reports/parts';
import classes from '../reports/reports.module.css';
import { useCreateSubmission, useSubmission, useUpdateSubmission } from './api';
import { type Draft, type DraftForm, lowest, newPortion, PortionEditor } from './PortionEditor';

/** Writing a submission: the report editor's header and portion marking, and a release instruction per portion. */
export default function SubmissionEditorPage() {
  const { t } = useTranslation();
  const { abilities, user } = useSignedInMe();
  const deployment = useDeployment();
  const parties = useDirectoryList('parties');
  usePageTitle(t('submissions.new'));
  if (!abilities.writeSubmissions) return <NotFoundContent />;
  const ready =
    deployment.data && parties.data
      ? { scheme: deployment.data.classification, parties: parties.data }
      : undefined;
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to="/submissions" size="sm">
          {t('submissions.backToList')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('submissions.new')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('submissions.editor.intro')}
        </Text>
      </div>
      <Loaded data={ready} error={deployment.error ?? parties.error}>
        {({ scheme, parties }) => (
          <SubmissionEditor scheme={scheme} parties={parties} ownParty={user.party?.code ?? null} />
        )}
      </Loaded>
    </Stack>
  );
}

/** The same editor over a submission as it is (its party's writers cleared for all of it). */
export function SubmissionEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSignedInMe();
  const submission = useSubmission(id);
  const deployment = useDeployment();
  const parties = useDirectoryList('parties');
  usePageTitle(
    submission.data ? `${submission.data.reference} · ${t('submissions.edit')}` : t('submissions.edit'),
  );
  if (isApiError(submission.error) && submission.error.status === 404) return <NotFoundContent />;
  if (submission.data && !submission.data.actions.includes('edit')) return <NotFoundContent />;
  const ready =
    submission.data && deployment.data && parties.data
      ? { submission: submission.data, scheme: deployment.data.classification, parties: parties.data }
      : undefined;
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to={`/submissions/${encodeURIComponent(id)}`} size="sm">
          {t('submissions.backToSubmission')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('submissions.edit')}
        </Title>
      </div>
      <Loaded data={ready} error={submission.error ?? deployment.error ?? parties.error}>
        {({ submission, scheme, parties }) => (
          <SubmissionEditor
            scheme={scheme}
            parties={parties}
            ownParty={user.party?.code ?? null}
            submission={submission}
          />
        )}
      </Loaded>
    </Stack>
  );
}

function placeServerErrors(form: DraftForm, error: unknown): boolean {
  if (!isApiError(error) || error.errors.length === 0) return false;
  let placed = 0;
  for (const issue of error.errors) {
    const path = issue.path.replace(/\.release\./, '.');
    const field = nearestField(form.getValues(), path);
    if (!field) continue;
    form.setFieldError(field, <FieldIssueText error={error} issue={issue} />);
    placed += 1;
  }
  return placed === error.errors.length;
}

function SubmissionEditor({
  scheme,
  parties,
  ownParty,
  submission,
}: {
  scheme: ClassificationScheme;
  parties: PartyDto[];
  ownParty: string | null;
  /** The submission to edit; none for a new one. */
  submission?: SubmissionView;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createSubmission = useCreateSubmission();
  const update = useUpdateSubmission(submission?.id ?? '');
  const create = submission ? update : createSubmission;
  // The version the writer started from: an edit over a newer one is refused, not lost.
  const [base] = useState(submission);
  const [allPlaced, setAllPlaced] = useState(false);
  // The parties a portion may go to: the other parties, never the coordinator or one's own.
  const others = parties.filter((party) => party.kind === 'party' && party.code !== ownParty);
  const firstOther = others[0]?.code ?? '';
  const form = useForm<Draft>({
    mode: 'controlled',
    initialValues: base
      ? {
          title: base.title,
          subject: base.subject,
          headerMarking: choiceOf(base.headerMarking),
          portions: base.portions.map((portion) => ({
            key: portion.id,
            id: portion.id,
            heading: portion.heading ?? '',
            text: portion.text,
            marking: choiceOf(portion.portion),
            instruction: portion.release.instruction,
            toParty: portion.release.toParty ?? firstOther,
          })),
        }
      : {
          title: '',
          subject: '',
          headerMarking: lowest(scheme),
          portions: [newPortion(scheme, firstOther)],
        },
  });
  const values = form.getValues();
  const preview = bannerPreview(scheme, {
    headerMarking: values.headerMarking,
    paragraphs: values.portions.map((portion) => ({ ...portion, heading: null })),
  } as unknown as Parameters<typeof bannerPreview>[1]);

  const submit = form.onSubmit((draft) => {
    setAllPlaced(false);
    const marking = (choice: MarkingChoice) => ({
      classification: formatBanner(scheme, classificationOf(choice)),
      groups: [],
    });
    const payload: CreateSubmission = {
      title: draft.title,
      subject: draft.subject,
      headerMarking: marking(draft.headerMarking),
      portions: draft.portions.map((portion) => ({
        ...(base && portion.id ? { id: portion.id } : {}),
        ...(portion.heading ? { heading: portion.heading } : {}),
        text: portion.text,
        marking: marking(portion.marking),
        release:
          portion.instruction === 'not-releasable'
            ? { instruction: portion.instruction }
            : { instruction: portion.instruction, toParty: portion.toParty },
      })),
    };
    const options = {
      onSuccess: (saved: SubmissionView) => navigate(`/submissions/${encodeURIComponent(saved.id)}`),
      onError: (error: unknown) => setAllPlaced(placeServerErrors(form, error)),
    };
    if (base) update.mutate({ ...payload, version: base.version }, options);
    else createSubmission.mutate(payload, options);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <div className={classes.stickyPreview} aria-live="polite">
          <Text size="sm" fw={600} mb={4}>
            {t('reports.editor.bannerPreview')}
          </Text>
          {preview.marking ? (
            <MarkingBanner marking={preview.marking} />
          ) : (
            <Text c="red.9" size="sm" dir="ltr">
              {preview.problem}
            </Text>
          )}
        </div>
        <Section id="submission-header" title={t('reports.editor.header')}>
          <Stack gap="sm" mt="sm">
            <TextInput
              label={t('reports.field.title')}
              dir="auto"
              ref={typedDirection}
              withAsterisk
              {...form.getInputProps('title')}
            />
            <Textarea
              label={t('reports.field.subject')}
              dir="auto"
              ref={typedDirection}
              autosize
              minRows={2}
              {...form.getInputProps('subject')}
            />
            <Text fw={600} mt="xs">
              {t('reports.editor.headerMarking')}
            </Text>
            <ClassificationPicker
              scheme={scheme}
              parties={parties}
              withAudience={false}
              value={values.headerMarking}
              onChange={(choice) => form.setFieldValue('headerMarking', choice)}
              error={form.errors.headerMarking}
            />
          </Stack>
        </Section>
        <Section
          id="submission-portions"
          title={t('submissions.editor.portions')}
          description={t('submissions.editor.portionsHint')}
        >
          <Stack gap="md" mt="sm">
            {values.portions.map((portion, index) => (
              <PortionEditor
                key={portion.key}
                form={form}
                index={index}
                count={values.portions.length}
                scheme={scheme}
                parties={parties}
                others={others}
              />
            ))}
            <Button
              variant="default"
              w="fit-content"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('portions', newPortion(scheme, firstOther))}
            >
              {t('submissions.editor.addPortion')}
            </Button>
          </Stack>
        </Section>
        {!allPlaced && <ErrorAlert error={create.error} />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {base ? t('submissions.editor.saveChanges') : t('submissions.editor.save')}
          </Button>
          <Button
            component={Link}
            to={base ? `/submissions/${encodeURIComponent(base.id)}` : '/submissions'}
            variant="default"
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
