import {
  Alert,
  Button,
  CloseButton,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { IconClockPause, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDetail, MessageDto } from '../../../core/channels/schemas';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { useLocalised } from '../../lib/use-localised';
import { typedDirection } from '../reports/parts';
import classes from './channels.module.css';
import { useSendMessage } from './live';
import { MessageBody } from './MessageList';

/**
 * Writing to the channel. The text area takes the direction of what is typed;
 * what is written while the link is down waits in a visible queue and goes
 * once the link returns.
 */
export function Composer({
  channel,
  replyTo,
  onReplyDone,
}: {
  channel: ChannelDetail;
  replyTo: MessageDto | null;
  onReplyDone: () => void;
}) {
  const { t } = useTranslation();
  const { send, queued } = useSendMessage(channel.id);
  const [body, setBody] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [marking, setMarking] = useState('');
  const higher = useHigherLevels(channel.marking.level);
  const [empty, setEmpty] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const text = body.trim();
    if (!text) return setEmpty(true);
    setSending(true);
    setError(null);
    try {
      await send({ body: text, urgent, replyTo: replyTo?.seq, ...(marking && { marking }) });
      setBody('');
      setUrgent(false);
      setMarking('');
      onReplyDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="xs" mt="md">
      {queued.length > 0 && (
        <Alert
          color="orange"
          icon={<IconClockPause size={18} aria-hidden />}
          title={t('channels.queued.title')}
        >
          <Stack
            component="ol"
            gap="xs"
            className={classes.plainList}
            aria-label={t('channels.queued.title')}
          >
            {queued.map((message) => (
              <Paper component="li" key={message.idempotencyKey} withBorder p="xs" className={classes.queued}>
                <MessageBody body={message.body} />
                <Text size="xs" c="dimmed">
                  {message.urgent ? `${t('channels.urgent')} · ` : ''}
                  {t('channels.queued.waiting')}
                </Text>
              </Paper>
            ))}
          </Stack>
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="xs">
          {replyTo && (
            <Group gap="xs" wrap="nowrap" className={classes.quote}>
              <Text size="sm" c="dimmed">
                {t('channels.replyingTo', { name: replyTo.author.displayName })}{' '}
                <bdi dir="auto">{(replyTo.body ?? '').slice(0, 80)}</bdi>
              </Text>
              <CloseButton size="sm" aria-label={t('channels.cancelReply')} onClick={onReplyDone} />
            </Group>
          )}
          <Textarea
            label={t('channels.compose.label')}
            description={t('channels.compose.hint')}
            ref={typedDirection}
            autosize
            minRows={2}
            maxRows={10}
            maxLength={20_000}
            value={body}
            error={empty ? t('channels.compose.empty') : undefined}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              setEmpty(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void submit();
              }
            }}
          />
          <ErrorAlert error={error} />
          <Group justify="space-between" align="flex-end">
            <Group gap="md" align="flex-end">
              <Switch
                label={t('channels.compose.urgent')}
                checked={urgent}
                color="red"
                onChange={(event) => setUrgent(event.currentTarget.checked)}
              />
              {higher.length > 0 && (
                <NativeSelect
                  size="xs"
                  label={t('channels.compose.marking')}
                  value={marking}
                  onChange={(event) => setMarking(event.currentTarget.value)}
                  data={[{ value: '', label: t('channels.compose.asChannel') }, ...higher]}
                />
              )}
            </Group>
            <Button type="submit" loading={sending} leftSection={<IconSend size={16} aria-hidden />}>
              {t('channels.compose.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * The levels a message may be marked at above its channel's: a message is
 * never marked lower, and only members cleared for it will read it.
 */
function useHigherLevels(channelLevel: string): { value: string; label: string }[] {
  const { data } = useDeployment();
  const localised = useLocalised();
  const levels = data?.classification.levels ?? [];
  const from = levels.findIndex((level) => level.code === channelLevel);
  return levels.slice(from + 1).map((level) => ({
    value: `(${level.portion})`,
    label: `(${level.portion}) ${localised(level.names)}`,
  }));
}
