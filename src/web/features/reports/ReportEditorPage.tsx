import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PartyDto } from '../../../core/directory/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { CreateReport, ReportView } from '../../../core/reports/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { ClassificationPicker } from '../../components/ClassificationPicker';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert, FieldIssueText } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useDirectoryList } from '../directory/api';
import { useAbilities } from '../identity/api';
import { useCreateReport, useReport, useUpdateReport } from './api';
import {
  bannerPreview,
  type Draft,
  draftOf,
  nearestField,
  newParagraph,
  payloadOf,
  portionOf,
} from './editor-model';
import { typedDirection } from './parts';
import classes from './reports.module.css';

type DraftForm = UseFormReturnType<Draft>;

/**
 * Puts each of the server's field issues beside the field it is about: the
 * nearest field the form holds (`paragraphs.1.marking.classification` → the
 * paragraph's marking picker). Returns whether every issue found a field.
 */
function placeServerErrors(form: DraftForm, error: unknown): boolean {
  if (!isApiError(error) || error.errors.length === 0) return false;
  let placed = 0;
  for (const issue of error.errors) {
    const field = nearestField(form.getValues(), issue.path);
    if (!field) continue;
    form.setFieldError(field, <FieldIssueText error={error} issue={issue} />);
    placed += 1;
  }
  return placed === error.errors.length;
}

export default function ReportEditorPage() {
  const { t } = useTranslation();
  const mayWrite = useAbilities().writeReports;
  const deployment = useDeployment();
  const parties = useDirectoryList('parties');
  usePageTitle(t('reports.new'));
  if (!mayWrite) return <NotFoundContent />;
  const ready =
    deployment.data && parties.data
      ? { scheme: deployment.data.classification, parties: parties.data }
      : undefined;
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to="/reports" size="sm">
          {t('reports.backToReports')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('reports.new')}
        </Title>
      </div>
      <Loaded data={ready} error={deployment.error ?? parties.error}>
        {({ scheme, parties }) => <ReportEditor scheme={scheme} parties={parties} />}
      </Loaded>
    </Stack>
  );
}

/** The same editor over a report as it is; saving keeps a new version. */
export function ReportEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useReport(id);
  const deployment = useDeployment();
  const parties = useDirectoryList('parties');
  usePageTitle(
    report.data ? t('reports.editTitle', { reference: report.data.reference }) : t('reports.actions.edit'),
  );
  if (isApiError(report.error) && report.error.status === 404) return <NotFoundContent />;
  if (report.data && !report.data.actions.includes('edit')) return <NotFoundContent />;
  const ready =
    report.data && deployment.data && parties.data
      ? { report: report.data, scheme: deployment.data.classification, parties: parties.data }
      : undefined;
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Anchor component={Link} to={`/reports/${encodeURIComponent(id)}`} size="sm">
          {t('reports.backToReport')}
        </Anchor>
        <Title order={1} mt={4}>
          {report.data
            ? t('reports.editTitle', { reference: report.data.reference })
            : t('reports.actions.edit')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('reports.editor.editHint')}
        </Text>
      </div>
      <Loaded data={ready} error={report.error ?? deployment.error ?? parties.error}>
        {({ report, scheme, parties }) => <ReportEditor scheme={scheme} parties={parties} report={report} />}
      </Loaded>
    </Stack>
  );
}

function ReportEditor({
  scheme,
  parties,
  report,
}: {
  scheme: ClassificationScheme;
  parties: PartyDto[];
  /** The report to edit; none for a new one. */
  report?: ReportView;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateReport();
  const update = useUpdateReport(report?.id ?? '');
  const save = report ? update : create;
  const [allPlaced, setAllPlaced] = useState(false);
  // The version the author started from: when someone saves a newer one meanwhile, the server refuses
  // this edit (and says so) rather than the page silently taking theirs and losing these changes.
  const [base] = useState(report);
  const form = useForm<Draft>({ mode: 'controlled', initialValues: draftOf(scheme, base) });
  const values = form.getValues();
  const preview = bannerPreview(scheme, values);

  const submit = form.onSubmit((draft) => {
    setAllPlaced(false);
    const options = {
      onSuccess: (saved: ReportView) => navigate(`/reports/${encodeURIComponent(saved.id)}`),
      onError: (error: unknown) => setAllPlaced(placeServerErrors(form, error)),
    };
    const payload = payloadOf(scheme, draft);
    if (base) update.mutate({ ...payload, version: base.version }, options);
    else create.mutate(payload as CreateReport, options);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <div className={classes.stickyPreview} aria-live="polite">
          <Text size="sm" fw={600} mb={4} id="report-banner-preview">
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

        <Section id="report-header" title={t('reports.editor.header')}>
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
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TagsInput
                label={t('reports.field.tags')}
                description={t('reports.editor.tagsHint')}
                dir="ltr"
                {...form.getInputProps('tags')}
              />
              <TextInput
                type="date"
                label={t('reports.field.date')}
                description={t('reports.editor.dateHint')}
                {...form.getInputProps('date')}
              />
            </SimpleGrid>
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

        <Section id="report-authority" title={t('reports.authority.title')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
            <TextInput
              label={t('reports.authority.classifiedBy')}
              dir="auto"
              ref={typedDirection}
              {...form.getInputProps('classificationAuthority.classifiedBy')}
            />
            <TagsInput
              label={t('reports.authority.reasons')}
              description={t('reports.editor.reasonsHint')}
              dir="ltr"
              {...form.getInputProps('classificationAuthority.reasons')}
            />
            <TextInput
              type="date"
              label={t('reports.authority.declassifyOn')}
              {...form.getInputProps('classificationAuthority.declassifyOn')}
            />
          </SimpleGrid>
        </Section>

        <Section
          id="report-paragraphs"
          title={t('reports.editor.paragraphs')}
          description={t('reports.editor.paragraphsHint')}
        >
          <Stack gap="md" mt="sm">
            {values.paragraphs.map((paragraph, index) => (
              <ParagraphEditor
                key={paragraph.key}
                form={form}
                index={index}
                count={values.paragraphs.length}
                scheme={scheme}
                parties={parties}
              />
            ))}
            {form.errors.paragraphs && (
              <Text c="red.9" size="sm" role="alert">
                {form.errors.paragraphs}
              </Text>
            )}
            <Button
              variant="default"
              w="fit-content"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('paragraphs', newParagraph(scheme))}
            >
              {t('reports.editor.addParagraph')}
            </Button>
          </Stack>
        </Section>

        {!allPlaced && <ErrorAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {report ? t('reports.editor.saveChanges') : t('reports.editor.save')}
          </Button>
          <Button
            component={Link}
            to={report ? `/reports/${encodeURIComponent(report.id)}` : '/reports'}
            variant="default"
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ParagraphEditor({
  form,
  index,
  count,
  scheme,
  parties,
}: {
  form: DraftForm;
  index: number;
  count: number;
  scheme: ClassificationScheme;
  parties: PartyDto[];
}) {
  const { t } = useTranslation();
  const paragraph = form.getValues().paragraphs[index];
  if (!paragraph) return null;
  const number = index + 1;
  const portion = portionOf(scheme, paragraph.marking);
  return (
    <fieldset className={classes.paragraphEditor}>
      <legend>{t('reports.editor.paragraph', { number })}</legend>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text size="sm" dir="ltr" fw={700} aria-hidden>
            {portion}
          </Text>
          <Group gap={4}>
            <ActionIcon
              variant="default"
              aria-label={t('reports.editor.moveUp', { number })}
              disabled={index === 0}
              onClick={() => form.reorderListItem('paragraphs', { from: index, to: index - 1 })}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('reports.editor.moveDown', { number })}
              disabled={index === count - 1}
              onClick={() => form.reorderListItem('paragraphs', { from: index, to: index + 1 })}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              color="red"
              aria-label={t('reports.editor.remove', { number })}
              disabled={count === 1}
              onClick={() => form.removeListItem('paragraphs', index)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <TextInput
          label={t('reports.editor.heading')}
          dir="auto"
          ref={typedDirection}
          value={paragraph.heading ?? ''}
          onChange={(event) =>
            form.setFieldValue(`paragraphs.${index}.heading`, event.currentTarget.value || null)
          }
          error={form.errors[`paragraphs.${index}.heading`]}
        />
        <Textarea
          label={t('reports.editor.text')}
          dir="auto"
          ref={typedDirection}
          autosize
          minRows={3}
          withAsterisk
          {...form.getInputProps(`paragraphs.${index}.text`)}
        />
        <ClassificationPicker
          scheme={scheme}
          parties={parties}
          withAudience={false}
          value={paragraph.marking}
          onChange={(choice) => form.setFieldValue(`paragraphs.${index}.marking`, choice)}
          error={form.errors[`paragraphs.${index}.marking`]}
        />
      </Stack>
    </fieldset>
  );
}
