import { Anchor, Button, Group, Stack } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { isApiError } from '../../lib/api';
import { usePageTitle } from '../../lib/use-page-title';
import { useReport } from './api';
import { ReportDocument } from './ReportDocument';
import classes from './reports.module.css';

/**
 * The report ready to print (or save as PDF): the document only; the print
 * stylesheet leaves out the navigation and repeats the banner on every page.
 */
export default function ReportPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useReport(id);
  usePageTitle(report.data ? `${report.data.reference} · ${t('reports.printView')}` : t('reports.printView'));
  if (isApiError(report.error) && report.error.status === 404) return <NotFoundContent />;
  return (
    <Stack gap="md" className={classes.printPage}>
      <Group justify="space-between" className={classes.noPrint}>
        <Anchor component={Link} to={`/reports/${encodeURIComponent(id)}`} size="sm">
          {t('reports.backToReport')}
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
      </Group>
      <Loaded data={report.data} error={report.error} refetch={() => void report.refetch()}>
        {(data) => <ReportDocument report={data} />}
      </Loaded>
    </Stack>
  );
}
