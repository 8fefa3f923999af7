import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import {
  IconArrowBackUp,
  IconChecks,
  IconPencil,
  IconPrinter,
  IconSend,
  IconShare,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReportView } from '../../../core/reports/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { isApiError } from '../../lib/api';
import { useFormatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/use-page-title';
import { type ReviewAction, useReport } from './api';
import { ReleaseModal } from './ReleaseModal';
import { ReportDocument } from './ReportDocument';
import { REVIEW_LABELS, ReviewModal } from './ReviewModal';
import classes from './reports.module.css';
import { VersionHistory } from './VersionHistory';

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

const REVIEW_ICONS = { submit: IconSend, approve: IconChecks, return: IconArrowBackUp } as const;

/** The report, and the buttons for what the server says the reader may do to it now. */
function ReportScreen({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const [releasing, setReleasing] = useState(false);
  const [reviewing, setReviewing] = useState<ReviewAction | null>(null);
  usePageTitle(`${report.reference} · ${report.title}`);
  const reviewActions = (['submit', 'approve', 'return'] as const).filter((action) =>
    report.actions.includes(action),
  );
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
          {report.actions.includes('edit') && (
            <Button
              component={Link}
              to={`/reports/${encodeURIComponent(report.id)}/edit`}
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('reports.actions.edit')}
            </Button>
          )}
          {reviewActions.map((action) => {
            const Icon = REVIEW_ICONS[action];
            return (
              <Button
                key={action}
                variant={action === 'return' ? 'default' : 'filled'}
                leftSection={<Icon size={16} aria-hidden />}
                onClick={() => setReviewing(action)}
              >
                {t(REVIEW_LABELS[action])}
              </Button>
            );
          })}
          {report.actions.includes('release') && (
            <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => setReleasing(true)}>
              {t('reports.release.action')}
            </Button>
          )}
        </Group>
      </Group>
      <ReviewStep report={report} />
      <ReportDocument report={report} />
      <div className={classes.noPrint}>
        <VersionHistory reportId={report.id} current={report.version} />
      </div>
      {releasing && <ReleaseModal report={report} onClose={() => setReleasing(false)} />}
      {reviewing && (
        <ReviewModal reportId={report.id} action={reviewing} onClose={() => setReviewing(null)} />
      )}
    </Stack>
  );
}

const STEP_LABELS = {
  submitted: 'reports.review.step.submitted',
  approved: 'reports.review.step.approved',
  returned: 'reports.review.step.returned',
} as const;

/** The last review step: who submitted, approved or returned the report, when, and what they said. */
function ReviewStep({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const review = report.review;
  if (!review) return null;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      className={`${classes.noPrint} ${classes.reviewStep}`}
      data-step={review.step}
    >
      <Text fw={700}>{t(STEP_LABELS[review.step], { name: review.by.displayName })}</Text>
      <Text size="sm" c="dimmed">
        <time dateTime={review.at}>{format(review.at)}</time>
      </Text>
      {review.note && (
        <Text size="sm" mt={4} dir="auto" className={classes.userText}>
          {review.note}
        </Text>
      )}
    </Paper>
  );
}
