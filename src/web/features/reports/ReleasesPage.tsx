import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReleaseView } from '../../../core/reports/schemas';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { useFormatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/use-page-title';
import { useNames } from '../requests/use-names';
import { useReleases } from './api';
import classes from './reports.module.css';

/** Releases: a party's people see those made to their party; the coordinator's, all it made. */
export default function ReleasesPage() {
  const { t } = useTranslation();
  const releases = useReleases();
  usePageTitle(t('releases.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1}>{t('releases.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('releases.intro')}
        </Text>
      </div>
      <Loaded data={releases.data} error={releases.error} refetch={() => void releases.refetch()}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('releases.none')}</Text>
          ) : (
            <Stack component="ul" gap={0} className={classes.plainList}>
              {list.map((release) => (
                <li key={release.id} className={classes.row}>
                  <ReleaseRow release={release} />
                </li>
              ))}
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}

function ReleaseRow({ release }: { release: ReleaseView }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const names = useNames();
  return (
    <Stack gap={6} py="sm">
      <MarkingBanner marking={release.banner} variant="portion" />
      <Anchor component={Link} to={`/releases/${encodeURIComponent(release.id)}`} fw={700}>
        <span dir="auto">{release.title}</span>
      </Anchor>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('releases.fromTo', { from: names.party(release.fromParty), to: names.party(release.toParty) })} ·{' '}
          <time dateTime={release.releasedAt}>{format(release.releasedAt)}</time>
        </Text>
      </Group>
    </Stack>
  );
}
