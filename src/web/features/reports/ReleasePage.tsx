import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReleaseView } from '../../../core/reports/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { type Fact, FactList } from '../../components/FactList';
import { Loaded } from '../../components/Loaded';
import { isApiError } from '../../lib/api';
import { useFormatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/use-page-title';
import { useNames } from '../requests/use-names';
import { useRelease } from './api';
import { MarkedDocument, Paragraphs, Tags } from './parts';
import classes from './reports.module.css';
import { useFormatDate } from './use-format-date';

export default function ReleasePage() {
  const { id = '' } = useParams();
  const release = useRelease(id);
  if (isApiError(release.error) && release.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={release.data} error={release.error} refetch={() => void release.refetch()}>
      {(data) => <ReleaseScreen release={data} />}
    </Loaded>
  );
}

/** What was released to a party, as frozen then: its banner top and bottom, each paragraph behind its mark. */
function ReleaseScreen({ release }: { release: ReleaseView }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const formatDate = useFormatDate();
  const names = useNames();
  usePageTitle(release.title);
  const rows: Fact[] = [
    [t('releases.from'), names.party(release.fromParty)],
    ...(release.originParty ? ([[t('releases.origin'), names.party(release.originParty)]] as Fact[]) : []),
    [t('releases.to'), names.party(release.toParty)],
    [
      t('releases.releasedBy'),
      <span key="by">
        <bdi dir="auto">{release.releasedBy.displayName}</bdi> ·{' '}
        <time dateTime={release.releasedAt}>{format(release.releasedAt)}</time>
      </span>,
    ],
    [
      t('reports.field.date'),
      <time key="date" dateTime={release.date}>
        {formatDate(release.date)}
      </time>,
    ],
    [
      t('releases.note'),
      <Text key="note" span dir="auto" className={classes.userText}>
        {release.note}
      </Text>,
    ],
  ];
  if (release.tags.length > 0) rows.push([t('reports.field.tags'), <Tags key="tags" tags={release.tags} />]);
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/releases" size="sm" className={classes.noPrint}>
        {t('releases.backToReleases')}
      </Anchor>
      <MarkedDocument banner={release.banner}>
        <header>
          <Text size="sm" c="dimmed">
            {t('releases.kicker', { party: names.party(release.toParty) })}
          </Text>
          <Title order={1} mt={4}>
            <span dir="auto">{release.title}</span>
          </Title>
          {release.subject && release.subject !== release.title && (
            <Text mt="xs" dir="auto" className={classes.userText}>
              {release.subject}
            </Text>
          )}
        </header>
        <FactList facts={rows} />
        <section aria-labelledby="release-text-title">
          <Title order={2} size="h4" id="release-text-title" mb="sm">
            {t('reports.text')}
          </Title>
          <Paragraphs paragraphs={release.paragraphs} />
        </section>
      </MarkedDocument>
    </Stack>
  );
}
