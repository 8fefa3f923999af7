import { Text } from '@mantine/core';
import { IconAlarm, IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { countdownTo } from './countdown';
import { MILESTONE_LABELS, type Milestone } from './labels';

/** The current time, renewed every second, for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * "Acknowledge in 04:32", red once the deadline has passed ("Acknowledge
 * overdue by 01:10"). When the server already counts it missed but this
 * device's clock lags behind, it says so without a contradicting time. It
 * changes every second, so it is not announced by screen readers; arrivals
 * and changes of state are.
 */
export function TimeLeft({
  deadline,
  now,
  missed = false,
}: {
  deadline: { milestone: Milestone; at: string };
  now: number;
  /** The server already counts this deadline as missed. */
  missed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const countdown = countdownTo(deadline.at, now, currentLocale(i18n.language));
  const time = countdown.days
    ? t('requests.countdown.days', { count: countdown.days, clock: countdown.clock })
    : countdown.clock;
  const late = countdown.overdue || missed;
  const message = countdown.overdue
    ? 'requests.countdown.overdue'
    : missed
      ? 'requests.countdown.missed'
      : 'requests.countdown.left';
  const Icon = late ? IconAlertTriangle : IconAlarm;
  const milestone = t(MILESTONE_LABELS[deadline.milestone]);
  return (
    <Text
      span
      size="sm"
      fw={late ? 700 : 500}
      c={late ? 'red.9' : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      <Icon size={14} aria-hidden style={{ verticalAlign: '-2px', marginInlineEnd: 4 }} />
      <Trans i18nKey={message} values={{ milestone, time }} components={{ bdi: <bdi /> }} />
    </Text>
  );
}
