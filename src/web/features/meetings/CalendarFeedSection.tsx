import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useCalendarToken, useRevokeCalendarToken, useRotateCalendarToken } from './api';
import { useMeetingTime } from './format';

/** The profile's calendar feed: a secret address, shown once when made; rotate or revoke it. */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const status = useCalendarToken();
  const rotate = useRotateCalendarToken();
  const revoke = useRevokeCalendarToken();
  const time = useMeetingTime();
  return (
    <Section
      id="calendar-feed"
      title={t('meetings.calendar.title')}
      description={t('meetings.calendar.intro')}
    >
      <Stack gap="sm" mt="sm">
        <Text>
          {status.data?.active && status.data.createdAt
            ? t('meetings.calendar.active', { date: time.date(status.data.createdAt) })
            : t('meetings.calendar.inactive')}
        </Text>
        {rotate.data && (
          <div>
            <Text size="sm">{t('meetings.calendar.newUrl')}</Text>
            <Code block dir="ltr" data-testid="calendar-url">
              {rotate.data.url}
            </Code>
          </div>
        )}
        <Group gap="sm">
          <Button onClick={() => rotate.mutate()} loading={rotate.isPending}>
            {t('meetings.calendar.rotate')}
          </Button>
          {status.data?.active && (
            <Button
              variant="subtle"
              color="red"
              loading={revoke.isPending}
              onClick={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => {
                    rotate.reset();
                    notify('green', t('meetings.calendar.revoked'));
                  },
                })
              }
            >
              {t('meetings.calendar.revoke')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={status.error ?? rotate.error ?? revoke.error} />
      </Stack>
    </Section>
  );
}
