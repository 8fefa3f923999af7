import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesView } from '../../../core/minutes/schemas';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useFormatDateTime } from '../../lib/time';
import { useMinutesAction } from './api';

/**
 * The changes the chairs asked for, each with the version it was about (an
 * older version's request led to the versions after it), and, for a chair
 * who has not signed the circulated version, the request itself.
 */
export function ChangeRequests({ view }: { view: MinutesView }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  return (
    <Stack gap="xs">
      {view.changeRequests.length > 0 && (
        <Stack
          gap={6}
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('minutes.changeRequests')}
        >
          {view.changeRequests.map((request) => (
            <Paper component="li" key={`${request.party}-${request.createdAt}`} withBorder p="xs" radius="sm">
              <Text size="sm" fw={600}>
                {t('minutes.changeRequestedBy', {
                  party: request.party,
                  name: request.requestedBy.displayName,
                  version: request.version,
                  at: format(request.createdAt),
                })}
              </Text>
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                {request.note}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {view.actions.includes('request-change') && <AskForChange view={view} />}
    </Stack>
  );
}

function AskForChange({ view }: { view: MinutesView }) {
  const { t } = useTranslation();
  const action = useMinutesAction(view.meetingId);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  if (!open)
    return (
      <Button variant="default" w="fit-content" onClick={() => setOpen(true)}>
        {t('minutes.askForChange')}
      </Button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate(
      { kind: 'request-change', version: view.version, note },
      {
        onSuccess: () => {
          notify('green', t('minutes.changeAsked'));
          setOpen(false);
          setNote('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('minutes.changeNote', { version: view.version })}
          required
          autosize
          minRows={2}
          maxLength={2000}
          dir="auto"
          data-autofocus
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group gap="sm">
          <Button type="submit" loading={action.isPending}>
            {t('minutes.sendChangeRequest')}
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
        <ErrorAlert error={action.error} />
      </Stack>
    </form>
  );
}
