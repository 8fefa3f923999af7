import { Anchor, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestSummary } from '../../../core/requests/schemas';
import { useLocalised } from '../../lib/use-localised';
import { useArrivals } from './arrivals';
import { PriorityBadge, StatusBadge } from './Badges';
import classes from './requests.module.css';
import { TimeLeft, useNow } from './TimeLeft';
import { useNames } from './use-names';

/** Requests as a list of cards (they fit a phone, where a table would not), each counting down to its next deadline. */
export function RequestList({ items }: { items: RequestSummary[] }) {
  const now = useNow();
  return (
    <Stack component="ul" gap="sm" className={classes.plainList}>
      {items.map((request) => (
        <RequestRow key={request.id} request={request} now={now} />
      ))}
    </Stack>
  );
}

/**
 * Says "New request REQ-…" to screen readers when a refresh brings requests
 * the list did not have. Rendered beside the list, empty or not, so that it
 * remembers what was already there.
 */
export function ArrivalsAnnouncer({ items }: { items: RequestSummary[] }) {
  const { t } = useTranslation();
  const names = useNames();
  const arrived = useArrivals(items);
  return (
    <VisuallyHidden role="status" aria-live="polite">
      {arrived
        .map((request) =>
          t('requests.arrived', { reference: request.reference, type: names.type(request.type) }),
        )
        .join(' ')}
    </VisuallyHidden>
  );
}

function RequestRow({ request, now }: { request: RequestSummary; now: number }) {
  const { t } = useTranslation();
  const names = useNames();
  const localised = useLocalised();
  const next = request.deadlines.next;
  const breached = request.deadlines.breached.length > 0;
  const late = breached || (next !== null && Date.parse(next.at) < now);
  return (
    <Paper component="li" withBorder p="sm" radius="md" className={late ? classes.late : undefined}>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/requests/${request.id}`} fw={700} dir="ltr">
            {request.reference}
          </Anchor>
          <Text span fw={600}>
            {names.type(request.type)}
          </Text>
          <PriorityBadge priority={request.priority} />
          <StatusBadge status={request.status} />
        </Group>
        {next && (
          <TimeLeft deadline={next} now={now} missed={request.deadlines.breached.includes(next.milestone)} />
        )}
      </Group>
      {request.summary && (
        <Text dir="auto" mt={4} lineClamp={2}>
          {request.summary}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={4}>
        {localised(request.district.names)} ·{' '}
        {t('requests.route', {
          from: names.party(request.fromParty),
          to: localised(request.receivingDesk.names),
        })}
      </Text>
    </Paper>
  );
}
