import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportVersionSummary, ReportVersionView } from '../../../core/reports/schemas';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { useFormatDateTime } from '../../lib/time';
import { useReportVersion, useReportVersions } from './api';
import classes from './reports.module.css';

const CHANGE_LABELS = {
  created: 'reports.history.change.created',
  imported: 'reports.history.change.imported',
  edited: 'reports.history.change.edited',
} as const;

const PARAGRAPH_CHANGES = {
  added: 'reports.history.paragraph.added',
  removed: 'reports.history.paragraph.removed',
  changed: 'reports.history.paragraph.changed',
} as const;

const FIELD_LABELS = {
  title: 'reports.field.title',
  subject: 'reports.field.subject',
  tags: 'reports.field.tags',
  date: 'reports.field.date',
} as const;

/** Every version of the report, and for each what changed from the one before, word by word. */
export function VersionHistory({ reportId, current }: { reportId: string; current: number }) {
  const { t } = useTranslation();
  const versions = useReportVersions(reportId);
  const [shown, setShown] = useState<number | null>(null);
  return (
    <Section id="report-history" title={t('reports.history.title')}>
      <Loaded data={versions.data} error={versions.error} refetch={() => void versions.refetch()}>
        {(list) => (
          <Stack component="ol" gap={0} mt="sm" className={classes.plainList}>
            {[...list].reverse().map((version) => (
              <li key={version.version} className={classes.row}>
                <VersionRow
                  reportId={reportId}
                  version={version}
                  current={version.version === current}
                  open={shown === version.version}
                  onToggle={() => setShown(shown === version.version ? null : version.version)}
                />
              </li>
            ))}
          </Stack>
        )}
      </Loaded>
    </Section>
  );
}

function VersionRow({
  reportId,
  version,
  current,
  open,
  onToggle,
}: {
  reportId: string;
  version: ReportVersionSummary;
  current: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const detailId = `report-version-${version.version}`;
  return (
    <Stack gap="xs" py="sm">
      <Group justify="space-between" gap="xs">
        <div>
          <Group gap="xs">
            <Text fw={700}>{t('reports.history.version', { version: version.version })}</Text>
            {current && (
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {t('reports.history.current')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t(CHANGE_LABELS[version.change])}
            {version.by && (
              <>
                {' · '}
                <bdi dir="auto">{version.by.displayName}</bdi>
              </>
            )}
            {' · '}
            <time dateTime={version.at}>{format(version.at)}</time>
          </Text>
        </div>
        <Button variant="default" size="xs" onClick={onToggle} aria-expanded={open} aria-controls={detailId}>
          {open
            ? t('reports.history.hide', { version: version.version })
            : t('reports.history.show', { version: version.version })}
        </Button>
      </Group>
      <div id={detailId}>{open && <VersionDetail reportId={reportId} version={version.version} />}</div>
    </Stack>
  );
}

function VersionDetail({ reportId, version }: { reportId: string; version: number }) {
  const query = useReportVersion(reportId, version);
  return (
    <Loaded data={query.data} error={query.error} refetch={() => void query.refetch()}>
      {(view) => <Differences view={view} />}
    </Loaded>
  );
}

/** Words replaced in place: a space between what went and what came, so they do not run together. */
const spaced = (before: { change: string; text: string } | undefined, text: string) =>
  before?.change === 'removed' && !/\s$/.test(before.text) && !/^\s/.test(text) ? ` ${text}` : text;

/** What changed: fields before and after, and each paragraph's words kept, removed (<del>) or added (<ins>). */
function Differences({ view }: { view: ReportVersionView }) {
  const { t } = useTranslation();
  const { fields, paragraphs } = view.differences;
  const changed = paragraphs.filter((paragraph) => paragraph.change !== 'same');
  if (view.version === 1) return <Text size="sm">{t('reports.history.first')}</Text>;
  if (fields.length === 0 && changed.length === 0)
    return <Text size="sm">{t('reports.history.noDifferences')}</Text>;
  return (
    <Stack gap="sm" className={classes.differences}>
      <div>
        <MarkingBanner marking={view.banner} variant="portion" />
      </div>
      {fields.map((field) => (
        <Text key={field.field} size="sm">
          <Text span fw={700}>
            {t(FIELD_LABELS[field.field])}:{' '}
          </Text>
          <del dir="auto">{field.before}</del> <ins dir="auto">{field.after}</ins>
        </Text>
      ))}
      {changed.map((paragraph, index) => {
        const portion = (paragraph.after ?? paragraph.before)?.portion;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the differences of one version, in order, never reordered
          <div key={`${paragraph.change}-${index}`}>
            <Text size="sm" fw={700}>
              {t(PARAGRAPH_CHANGES[paragraph.change as keyof typeof PARAGRAPH_CHANGES])}
            </Text>
            <p className={classes.paragraph}>
              {portion && (
                <span className={classes.portionMark}>
                  <MarkingBanner marking={portion} variant="portion" />
                </span>
              )}
              <span dir="auto" className={classes.userText}>
                {paragraph.change === 'added' ? (
                  <ins>{paragraph.after?.text}</ins>
                ) : paragraph.change === 'removed' ? (
                  <del>{paragraph.before?.text}</del>
                ) : (
                  paragraph.words.map((word, i) =>
                    word.change === 'added' ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the words of one difference, in order, never reordered
                      <ins key={i}>{spaced(paragraph.words[i - 1], word.text)}</ins>
                    ) : word.change === 'removed' ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above
                      <del key={i}>{word.text}</del>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above
                      <span key={i}>{word.text}</span>
                    ),
                  )
                )}
              </span>
            </p>
          </div>
        );
      })}
    </Stack>
  );
}
