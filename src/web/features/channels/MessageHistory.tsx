import { Button, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../../core/channels/schemas';
import { ErrorAlert } from '../../lib/errors';
import { useFormatDateTime } from '../../lib/time';
import { useMessageHistory } from './api';
import classes from './channels.module.css';
import { versionsNewestFirst } from './messages-model';

/** The "edited" mark of a message: pressed, it shows every version, newest first. */
export function EditedMark({ channelId, message }: { channelId: string; message: MessageDto }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        leftSection={<IconHistory size={12} aria-hidden />}
        onClick={() => setOpened(true)}
        aria-label={t('channels.history.open', {
          edited: t('channels.edited'),
          name: message.author.displayName,
        })}
      >
        {t('channels.edited')}
      </Button>
      <Modal.Root opened={opened} onClose={() => setOpened(false)} centered size="lg">
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title fw={650}>{t('channels.history.title')}</Modal.Title>
            <Modal.CloseButton aria-label={t('common.close')} />
          </Modal.Header>
          <Modal.Body>{opened && <Versions channelId={channelId} seq={message.seq} />}</Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

function Versions({ channelId, seq }: { channelId: string; seq: number }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const history = useMessageHistory(channelId, seq, true);
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data) return <Loader size="sm" aria-label={t('channels.history.loading')} />;
  const versions = versionsNewestFirst(history.data);
  return (
    <Stack component="ol" gap="sm" className={classes.plainList} aria-label={t('channels.history.title')}>
      {versions.map((version) => (
        <Paper component="li" key={`${version.writtenAt}-${version.body}`} withBorder p="sm" radius="md">
          <Text size="sm" c="dimmed" mb={4}>
            {version.current ? t('channels.history.current') : t('channels.history.earlier')}
            {' · '}
            <time dateTime={version.writtenAt}>{format(version.writtenAt)}</time>
            {version.replacedAt && (
              <>
                {' · '}
                {t('channels.history.replaced')}{' '}
                <time dateTime={version.replacedAt}>{format(version.replacedAt)}</time>
              </>
            )}
          </Text>
          <Text dir="auto" className={classes.body}>
            {version.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
