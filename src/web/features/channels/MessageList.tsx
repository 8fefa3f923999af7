import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDetail, MessageDto } from '../../../core/channels/schemas';
import { MarkingBanner } from '../../components/MarkingBanner';
import { ErrorAlert } from '../../lib/errors';
import { useFormatDateTime } from '../../lib/time';
import { useSignedInMe } from '../identity/api';
import { useAcknowledge } from './api';
import classes from './channels.module.css';
import { EditMessage, OwnMessageActions } from './MessageActions';
import { EditedMark } from './MessageHistory';

/** The conversation in sequence order; the newest last. */
export function MessageList({
  channel,
  messages,
  onReply,
}: {
  channel: ChannelDetail;
  messages: MessageDto[];
  onReply?: (message: MessageDto) => void;
}) {
  const { t } = useTranslation();
  if (messages.length === 0) return <Text c="dimmed">{t('channels.noMessages')}</Text>;
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  return (
    <Stack component="ol" gap="sm" mt="sm" className={classes.plainList} aria-label={t('channels.messages')}>
      {messages.map((message) => (
        <Message
          key={message.seq}
          channel={channel}
          message={message}
          answered={message.replyTo === null ? undefined : bySeq.get(message.replyTo)}
          onReply={channel.actions.post && message.body !== null ? onReply : undefined}
        />
      ))}
    </Stack>
  );
}

/** A message's text: its own direction, isolated from the page's (see .body). */
export function MessageBody({ body }: { body: string }) {
  return (
    <Text component="div" dir="auto" className={classes.body}>
      {body}
    </Text>
  );
}

function Message({
  channel,
  message,
  answered,
  onReply,
}: {
  channel: ChannelDetail;
  message: MessageDto;
  answered: MessageDto | undefined;
  onReply?: (message: MessageDto) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const me = useSignedInMe().user;
  const mine = message.author.id === me.id;
  const deleted = message.body === null;
  // What the server says the reader may do with this message (its author, while it and the room last).
  const mayChange = message.actions.edit || message.actions.delete;
  const [editing, setEditing] = useState(false);
  const className = [message.urgent && !deleted ? classes.urgent : '', mine ? classes.mine : '']
    .filter(Boolean)
    .join(' ');
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      className={className || undefined}
      data-seq={message.seq}
      aria-label={t('channels.messageFrom', { name: message.author.displayName })}
    >
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="sm">
          <Text span inherit fw={600}>
            <bdi dir="auto">{message.author.displayName}</bdi>
          </Text>{' '}
          <Text span inherit c="dimmed">
            · <time dateTime={message.createdAt}>{format(message.createdAt)}</time>
          </Text>
          {message.editedAt && !deleted && (
            <>
              <Text span inherit c="dimmed">
                {' · '}
              </Text>
              <EditedMark channelId={channel.id} message={message} />
            </>
          )}
        </Text>
        <Group gap="xs">
          {message.marking.portion !== channel.marking.portion && (
            <MarkingBanner marking={message.marking} variant="portion" />
          )}
          {!mine && message.mentions.includes(me.username) && (
            <Badge color="grape" radius="sm" tt="none">
              {t('channels.mentionsYou')}
            </Badge>
          )}
          {message.urgent && !deleted && (
            <Badge
              color="red"
              radius="sm"
              tt="none"
              leftSection={<IconAlertTriangle size={12} aria-hidden />}
            >
              {t('channels.urgent')}
            </Badge>
          )}
        </Group>
      </Group>
      {answered && (
        <Text size="sm" c="dimmed" mt={4} className={classes.quote}>
          {t('channels.inReplyTo', { name: answered.author.displayName })}{' '}
          <bdi dir="auto">{answered.body === null ? t('channels.deleted') : truncate(answered.body)}</bdi>
        </Text>
      )}
      {deleted ? (
        <Text c="dimmed" mt={4} className={classes.tombstone}>
          {t('channels.deleted')}
        </Text>
      ) : (
        <Stack gap={4} mt={4}>
          {editing ? (
            <EditMessage channelId={channel.id} message={message} onDone={() => setEditing(false)} />
          ) : (
            <MessageBody body={message.body ?? ''} />
          )}
          {message.sharedAt && (
            <Badge variant="light" color="teal" radius="sm" tt="none" w="fit-content">
              {t('channels.shared')}
            </Badge>
          )}
          {message.attachments.length > 0 && (
            <Group gap="xs" component="ul" className={classes.plainList} aria-label={t('channels.files')}>
              {message.attachments.map((file) => (
                <li key={file.id}>
                  <Anchor
                    href={`/api/channels/${encodeURIComponent(channel.id)}/messages/${message.seq}/attachments/${encodeURIComponent(file.id)}`}
                    size="sm"
                  >
                    <IconPaperclip size={14} aria-hidden /> <bdi dir="auto">{file.filename}</bdi>
                  </Anchor>
                </li>
              ))}
            </Group>
          )}
        </Stack>
      )}
      {message.urgent &&
        !deleted &&
        (mine ? <Acknowledgements message={message} /> : <Acknowledge channel={channel} message={message} />)}
      {(onReply || mayChange) && !editing && (
        <Group mt={4} gap="xs">
          {mayChange && (
            <OwnMessageActions channelId={channel.id} message={message} onEdit={() => setEditing(true)} />
          )}
          {onReply && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconArrowBackUp size={14} aria-hidden />}
              onClick={() => onReply(message)}
              aria-label={t('channels.replyTo', { name: message.author.displayName })}
            >
              {t('channels.reply')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

const truncate = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function Acknowledge({ channel, message }: { channel: ChannelDetail; message: MessageDto }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge(channel.id);
  if (message.acknowledgedByMe)
    return (
      <Group gap={4} mt="xs">
        <IconCheck size={16} aria-hidden />
        <Text size="sm">{t('channels.ack.done')}</Text>
      </Group>
    );
  return (
    <Stack gap="xs" mt="xs">
      {message.actions.acknowledge && (
        <Button
          color="red"
          w="fit-content"
          leftSection={<IconCheck size={16} aria-hidden />}
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate(message.seq)}
        >
          {t('channels.ack.action')}
        </Button>
      )}
      <ErrorAlert error={acknowledge.error} />
    </Stack>
  );
}

/** For the author of an urgent message: who has acknowledged it and who has not yet. */
function Acknowledgements({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const tally = message.acknowledgements;
  if (!tally) return null;
  const names = (people: { displayName: string }[]) => people.map((person) => person.displayName).join(', ');
  return (
    <Stack gap={2} mt="xs" data-testid="acknowledgements">
      <Text size="sm">
        {t('channels.ack.acknowledged')}{' '}
        <bdi dir="auto">
          {tally.acknowledged.length > 0 ? names(tally.acknowledged) : t('channels.ack.nobody')}
        </bdi>
      </Text>
      <Text size="sm" fw={tally.pending.length > 0 ? 700 : undefined}>
        {t('channels.ack.pending')}{' '}
        <bdi dir="auto">{tally.pending.length > 0 ? names(tally.pending) : t('channels.ack.nobody')}</bdi>
      </Text>
    </Stack>
  );
}
