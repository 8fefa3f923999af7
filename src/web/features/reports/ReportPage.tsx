import { Anchor, Button, Group, Stack } from '@mantine/core';
import { IconPrinter, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReportView } from '../../../core/reports/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { isApiError } from '../../lib/api';
import { usePageTitle } from '../../lib/use-page-title';
import { useReport } from './api';
import { ReleaseModal } from './ReleaseModal';
import { ReportDocument } from './ReportDocument';
import classes from './reports.module.css';
import { useMayRelease } from './roles';

export default function ReportPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  // Absent, or not the caller's to see: the server answers 404 for both, and so does the page.
  if (isApiError(report.error) && report.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={report.data} error={report.error} refetch={() => void report.refetch()}>
      {(data) => <ReportScreen report={data} />}
    </Loaded>
  );
}

function ReportScreen({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const mayRelease = useMayRelease();
  const [releasing, setReleasing] = useState(false);
  usePageTitle(`${report.reference} · ${report.title}`);
  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" className={classes.noPrint}>
        <Anchor component={Link} to="/reports" size="sm">
          {t('reports.backToReports')}
        </Anchor>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/reports/${encodeURIComponent(report.id)}/print`}
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
          >
            {t('reports.printView')}
          </Button>
          {mayRelease && (
            <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => setReleasing(true)}>
              {t('reports.release.action')}
            </Button>
          )}
        </Group>
      </Group>
      <ReportDocument report={report} />
      {releasing && <ReleaseModal reportId={report.id} onClose={() => setReleasing(false)} />}
    </Stack>
  );
}
