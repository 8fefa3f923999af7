import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsentView } from '../../../core/submissions/schemas';
import { MarkingBanner } from '../../components/MarkingBanner';
import { ErrorAlert } from '../../lib/errors';
import { useFormatDateTime } from '../../lib/time';
import { Paragraphs } from '../reports/parts';
import { useNames } from '../requests/use-names';
import { useDecideConsent } from './api';
import { CONSENT_STATUS_LABELS } from './labels';

/** One release waiting for the owner party's consent: what it would carry, to whom; approve or refuse in place. */
export function ConsentCard({
  consent,
  withSubmission = true,
}: {
  consent: ConsentView;
  withSubmission?: boolean;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const format = useFormatDateTime();
  const decide = useDecideConsent(consent.id);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const headingId = `consent-${consent.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <MarkingBanner marking={consent.banner} variant="portion" />
        <Group justify="space-between" gap="xs">
          <Text fw={700} id={headingId}>
            {t('consents.heading', { party: names.party(consent.toParty) })}
          </Text>
          <Badge
            variant="light"
            color={consent.status === 'pending' ? 'orange' : consent.status === 'approved' ? 'teal' : 'red'}
          >
            {t(CONSENT_STATUS_LABELS[consent.status])}
          </Badge>
        </Group>
        {withSubmission && (
          <Anchor component={Link} to={`/submissions/${encodeURIComponent(consent.submissionId)}`} size="sm">
            <bdi dir="ltr">{consent.submissionReference}</bdi> ·{' '}
            <span dir="auto">{consent.submissionTitle}</span>
          </Anchor>
        )}
        <Text size="sm" c="dimmed">
          {t('consents.askedBy')} <bdi dir="auto">{consent.requestedBy.displayName}</bdi> ·{' '}
          <time dateTime={consent.requestedAt}>{format(consent.requestedAt)}</time>
        </Text>
        {consent.note && (
          <Text size="sm" dir="auto">
            {consent.note}
          </Text>
        )}
        <Paragraphs
          paragraphs={consent.portionTexts.map((portion) => ({ ...portion, number: portion.position + 1 }))}
        />
        {consent.decision && (
          <Text size="sm">
            {t('consents.decidedBy')} <bdi dir="auto">{consent.decision.by.displayName}</bdi> ·{' '}
            <time dateTime={consent.decision.at}>{format(consent.decision.at)}</time>
            {consent.decision.note && (
              <>
                {' · '}
                <span dir="auto">{consent.decision.note}</span>
              </>
            )}
          </Text>
        )}
        {consent.actions.length > 0 && (
          <Stack gap="xs">
            <Textarea
              label={t('consents.note')}
              description={t('consents.noteHint')}
              dir="auto"
              autosize
              minRows={2}
              value={note}
              error={noteMissing ? t('consents.noteRequired') : undefined}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteMissing(false);
              }}
            />
            <ErrorAlert error={decide.error} />
            <Group gap="sm">
              <Button
                leftSection={<IconCheck size={16} aria-hidden />}
                loading={decide.isPending}
                onClick={() => decide.mutate({ decision: 'approve', ...(note.trim() ? { note } : {}) })}
              >
                {t('consents.approve')}
              </Button>
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                loading={decide.isPending}
                onClick={() => {
                  if (!note.trim()) return setNoteMissing(true);
                  decide.mutate({ decision: 'refuse', note });
                }}
              >
                {t('consents.refuse')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
