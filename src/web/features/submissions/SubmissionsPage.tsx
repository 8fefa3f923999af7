import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencilPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { useFormatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/use-page-title';
import { useAbilities } from '../identity/api';
import classes from '../reports/reports.module.css';
import { useNames } from '../requests/use-names';
import { useSubmissions } from './api';

/** The submissions the reader may see: their party's, or (the coordinator) all addressed to it. */
export default function SubmissionsPage() {
  const { t } = useTranslation();
  const submissions = useSubmissions();
  const abilities = useAbilities();
  const names = useNames();
  const format = useFormatDateTime();
  usePageTitle(t('submissions.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('submissions.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('submissions.intro')}
          </Text>
        </div>
        {abilities.writeSubmissions && (
          <Button
            component={Link}
            to="/submissions/new"
            leftSection={<IconPencilPlus size={16} aria-hidden />}
          >
            {t('submissions.new')}
          </Button>
        )}
      </Group>
      <Loaded data={submissions.data} error={submissions.error} refetch={() => void submissions.refetch()}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('submissions.none')}</Text>
          ) : (
            <Stack component="ul" gap={0} className={classes.plainList}>
              {list.map((submission) => (
                <li key={submission.id} className={classes.row}>
                  <Stack gap={6} py="sm">
                    <MarkingBanner marking={submission.banner} variant="portion" />
                    <Group gap="sm">
                      <Anchor
                        component={Link}
                        to={`/submissions/${encodeURIComponent(submission.id)}`}
                        fw={700}
                      >
                        <bdi dir="ltr">{submission.reference}</bdi> ·{' '}
                        <span dir="auto">{submission.title}</span>
                      </Anchor>
                      {submission.pendingConsents > 0 && (
                        <Badge color="orange" variant="light">
                          {t('submissions.consentsWaiting', { count: submission.pendingConsents })}
                        </Badge>
                      )}
                      {submission.releases > 0 && (
                        <Badge color="teal" variant="light">
                          {t('submissions.releasesMade', { count: submission.releases })}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('submissions.fromTo', {
                        from: names.party(submission.ownerParty),
                        to: names.party(submission.coordinatorParty),
                      })}{' '}
                      · <time dateTime={submission.updatedAt}>{format(submission.updatedAt)}</time>
                    </Text>
                  </Stack>
                </li>
              ))}
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}
