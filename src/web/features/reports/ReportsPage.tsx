import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconPencilPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { usePageTitle } from '../../lib/use-page-title';
import { useReports } from './api';
import { ReportRows } from './parts';
import { useMayWriteReports } from './roles';

/** The reports the user may see, each under the banner of what they may read of it. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const reports = useReports();
  const mayWrite = useMayWriteReports();
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
          {mayWrite && (
            <>
              <Button
                component={Link}
                to="/reports/import"
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
              >
                {t('reports.import.title')}
              </Button>
              <Button
                component={Link}
                to="/reports/new"
                leftSection={<IconPencilPlus size={16} aria-hidden />}
              >
                {t('reports.new')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Loaded data={reports.data} error={reports.error} refetch={() => void reports.refetch()}>
        {(list) => <ReportRows reports={list} />}
      </Loaded>
    </Stack>
  );
}
