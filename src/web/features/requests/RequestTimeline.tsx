import { Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconBellRinging, IconCircleCheck, IconClockExclamation } from '@tabler/icons-react';
import type { ParseKeys } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../core/requests/schemas';
import { Section } from '../../components/Section';
import { useFormatDateTime } from '../../lib/time';
import { useLocalised } from '../../lib/use-localised';
import { DONE_LABELS, isMilestone, MILESTONE_LABELS } from './labels';
import classes from './requests.module.css';
import { useNames } from './use-names';

const ESCALATION_TARGETS: Record<string, ParseKeys> = {
  desk: 'requests.escalationTarget.desk',
  supervisors: 'requests.escalationTarget.supervisors',
  coordinator: 'requests.escalationTarget.coordinator',
};

/** Escalations and missed deadlines stand out from the ordinary steps: their own colour and icon. */
const LOOKS = {
  escalation: { color: 'orange', Icon: IconBellRinging },
  breach: { color: 'red', Icon: IconClockExclamation },
  normal: { color: 'blue', Icon: IconCircleCheck },
} as const;

/** Every step of the request: who, from which party and desk, when, and what they said. */
export function RequestTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  return (
    <Section id="request-timeline" title={t('requests.timeline')}>
      <Timeline mt="md" bulletSize={26} lineWidth={2} component="ol" className={classes.plainList}>
        {entries.map((entry) => {
          const look =
            entry.kind === 'escalation' || entry.kind === 'breach' ? LOOKS[entry.kind] : LOOKS.normal;
          return (
            <Timeline.Item
              key={entry.id}
              component="li"
              bullet={
                <ThemeIcon size={26} radius="xl" color={look.color} aria-hidden>
                  <look.Icon size={14} />
                </ThemeIcon>
              }
              title={<EntryTitle entry={entry} />}
            >
              <EntryBody entry={entry} />
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Section>
  );
}

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const whom = ESCALATION_TARGETS[entry.detail ?? ''];
  const target = whom ? t(whom) : (entry.detail ?? '');
  switch (entry.action) {
    case 'alert':
      return <Text fw={700}>{t('requests.alerted', { whom: target })}</Text>;
    case 'escalate':
      return (
        <Text fw={700} c="var(--mantine-color-orange-light-color)">
          {t('requests.escalated', { whom: target })}
        </Text>
      );
    case 'realert':
      return (
        <Text fw={700} c="var(--mantine-color-orange-light-color)">
          {t('requests.realerted', { whom: target })}
        </Text>
      );
    case 'breach-alert':
      return (
        <Text fw={700} c="red.9">
          {t('requests.breachReported', { whom: target })}
        </Text>
      );
    case 'breach':
      return (
        <Text fw={700} c="red.9">
          {t('requests.breachedMilestone', {
            milestone: isMilestone(entry.detail) ? t(MILESTONE_LABELS[entry.detail]) : (entry.detail ?? ''),
          })}
        </Text>
      );
    default:
      return <Text fw={700}>{t(DONE_LABELS[entry.action])}</Text>;
  }
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const localised = useLocalised();
  const names = useNames();
  const who = [
    entry.actor ? entry.actor.displayName : t('requests.bySystem'),
    entry.actorParty ? names.party(entry.actorParty) : null,
    entry.desk ? localised(entry.desk.names) : null,
  ].filter((part): part is string => part !== null);
  return (
    <>
      <Text size="sm" c="dimmed">
        {/* Each part isolated, so that a Latin name keeps its place in an Arabic line. */}
        {who.map((part) => (
          <Fragment key={part}>
            <bdi>{part}</bdi>
            {' · '}
          </Fragment>
        ))}
        <time dateTime={entry.at}>{format(entry.at)}</time>
      </Text>
      {entry.reason && (
        <Text size="sm" mt={4} className={classes.userText}>
          <Text span inherit fw={600}>
            {t('requests.reason')}:{' '}
          </Text>
          <span dir="auto">{entry.reason}</span>
        </Text>
      )}
      {entry.conditions && (
        <Text size="sm" mt={4} className={classes.userText}>
          <Text span inherit fw={600}>
            {t('requests.conditions')}:{' '}
          </Text>
          <span dir="auto">{entry.conditions}</span>
        </Text>
      )}
    </>
  );
}
