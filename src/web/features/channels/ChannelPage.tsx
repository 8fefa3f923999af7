import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDoorExit, IconFileText, IconLock, IconLogout } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ChannelDetail, MessageDto } from '../../../core/channels/schemas';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { LinkedRequests } from '../requests/LinkedRequests';
import { useChannel, useCloseChannel, useLeaveChannel, useMarkRead, useMessages } from './api';
import { Composer } from './Composer';
import { KIND_LABELS } from './labels';
import { useLiveMessages } from './live';
import { Members } from './Members';
import { MessageList } from './MessageList';
import { lastSeqOf } from './messages-model';

/** One channel: its marking, members and presence, the conversation in sequence order, and the composer. */
export default function ChannelPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const channel = useChannel(id);
  usePageTitle(channel.data?.name ?? t('channels.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to="/channels" size="sm">
        {t('channels.back')}
      </Anchor>
      <Loaded data={channel.data} error={channel.error} refetch={() => void channel.refetch()}>
        {(data) => <ChannelView channel={data} />}
      </Loaded>
    </Stack>
  );
}

function ChannelView({ channel }: { channel: ChannelDetail }) {
  const { t } = useTranslation();
  const messages = useMessages(channel.id);
  useLiveMessages(channel.id);
  useMarkNewestRead(channel, messages.data);
  const closed = channel.status === 'closed';
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  return (
    <Stack gap="md">
      <MarkingBanner marking={channel.marking} />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>
            <bdi dir="auto">{channel.name}</bdi>
          </Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light" color="gray" radius="sm" tt="none">
              {t(KIND_LABELS[channel.kind])}
            </Badge>
            {closed && (
              <Badge variant="filled" color="dark" radius="sm" tt="none">
                {t('channels.closed')}
              </Badge>
            )}
          </Group>
          {channel.requestId && (
            <Anchor
              component={Link}
              to={`/requests/${encodeURIComponent(channel.requestId)}`}
              size="sm"
              mt="xs"
              display="inline-flex"
              style={{ alignItems: 'center', gap: 4 }}
            >
              <IconFileText size={14} aria-hidden />
              {t('channels.openRequest')}
            </Anchor>
          )}
        </div>
        {!closed && (
          <Group gap="sm">
            <LeaveChannel channel={channel} />
            {channel.actions.close && <CloseRoom channel={channel} />}
          </Group>
        )}
      </Group>
      <Members channel={channel} />
      {channel.kind !== 'request' && <LinkedRequests kind="channel" id={channel.id} />}
      <Section id="channel-messages" title={t('channels.messages')}>
        <Loaded data={messages.data} error={messages.error} refetch={() => void messages.refetch()}>
          {(list) => <MessageList channel={channel} messages={list} onReply={setReplyTo} />}
        </Loaded>
        {closed || !channel.actions.post ? (
          <Alert
            color="gray"
            mt="md"
            icon={<IconLock size={18} aria-hidden />}
            title={t('channels.readOnly')}
          >
            {t('channels.readOnlyHint')}
          </Alert>
        ) : (
          <Composer channel={channel} replyTo={replyTo} onReplyDone={() => setReplyTo(null)} />
        )}
      </Section>
      <MarkingBanner marking={channel.marking} />
    </Stack>
  );
}

/** Moves the read position to the newest message shown, while the page is in front. */
function useMarkNewestRead(channel: ChannelDetail, messages: MessageDto[] | undefined) {
  const markRead = useMarkRead(channel.id);
  const newest = messages ? lastSeqOf(messages) : 0;
  const [marked, setMarked] = useState(channel.lastReadSeq);
  const { mutate } = markRead;
  useEffect(() => {
    if (newest <= marked) return;
    const mark = () => {
      if (document.visibilityState !== 'visible') return;
      setMarked(newest);
      mutate(newest);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [newest, marked, mutate]);
}

function CloseRoom({ channel }: { channel: ChannelDetail }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const close = useCloseChannel(channel.id);
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconDoorExit size={16} aria-hidden />}
        onClick={() => setAsking(true)}
      >
        {t('channels.close.action')}
      </Button>
      <ConfirmModal
        opened={asking}
        title={t('channels.close.title')}
        confirmLabel={t('channels.close.confirm')}
        loading={close.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => close.mutate(undefined, { onSuccess: () => setAsking(false) })}
      >
        <Text>{t('channels.close.body')}</Text>
      </ConfirmModal>
    </>
  );
}

/** The caller leaves: the channel stops reaching them, and they go back to their list. */
function LeaveChannel({ channel }: { channel: ChannelDetail }) {
  const { t } = useTranslation();
  const me = useSignedInMe().user;
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const leave = useLeaveChannel(channel.id);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconLogout size={16} aria-hidden />}
        onClick={() => {
          leave.reset();
          setAsking(true);
        }}
      >
        {t('channels.leave.action')}
      </Button>
      <ConfirmModal
        opened={asking}
        title={t('channels.leave.title')}
        confirmLabel={t('channels.leave.confirm')}
        loading={leave.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => leave.mutate(me.id, { onSuccess: () => navigate('/channels') })}
      >
        <Text>{t('channels.leave.body')}</Text>
        <ErrorAlert error={leave.error} />
      </ConfirmModal>
    </>
  );
}
