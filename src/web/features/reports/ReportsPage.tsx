import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconPencilPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { usePageTitle } from '../../lib/use-page-title';
import { useAbilities } from '../identity/api';
import { useReports } from './api';
import { ReportRows } from './parts';

const SHOWN = ['all', 'draft', 'review', 'published'] as const;
type Shown = (typeof SHOWN)[number];
const SHOWN_LABELS = {
  all: 'reports.all',
  draft: 'reports.status.draft',
  review: 'reports.status.review',
  published: 'reports.status.published',
} as const;

/** The reports the user may see, each under the banner of what they may read of it. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const reports = useReports();
  const abilities = useAbilities();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('status') as Shown | null;
  const shown: Shown = asked && SHOWN.includes(asked) ? asked : 'all';
  usePageTitle(t('reports.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('reports.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('reports.intro')}
          </Text>
        </div>
        <Group gap="sm">
          <Button
            component={Link}
            to="/search"
            variant="default"
            leftSection={<IconSearch size={16} aria-hidden />}
          >
            {t('search.title')}
          </Button>
          {abilities.importCables && (
            <Button
              component={Link}
              to="/reports/import"
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
            >
              {t('reports.import.title')}
            </Button>
          )}
          {abilities.writeReports && (
            <Button component={Link} to="/reports/new" leftSection={<IconPencilPlus size={16} aria-hidden />}>
              {t('reports.new')}
            </Button>
          )}
        </Group>
      </Group>
      <SegmentedControl
        aria-label={t('reports.show')}
        w="fit-content"
        value={shown}
        onChange={(value) => setSearch(value === 'all' ? {} : { status: value }, { replace: true })}
        data={SHOWN.map((value) => ({ value, label: t(SHOWN_LABELS[value]) }))}
      />
      <Loaded data={reports.data} error={reports.error} refetch={() => void reports.refetch()}>
        {(list) => (
          <ReportRows reports={shown === 'all' ? list : list.filter((report) => report.status === shown)} />
        )}
      </Loaded>
    </Stack>
  );
}
