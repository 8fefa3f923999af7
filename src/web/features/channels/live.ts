import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ChannelDetail, ChannelDto, MessageDto } from '../../../core/channels/schemas';
import type { LiveEvent } from '../../../core/events/live';
import { isApiError, NETWORK_ERROR } from '../../lib/api';
import { useConnectionState, useLiveEvent } from '../../lib/events';
import { notify } from '../../lib/notify';
import { useSignedInMe } from '../identity/api';
import { playAlertTone } from '../requests/alert-tone';
import { fetchMessage, fetchMessagesAfter, postMessage, useMergeMessages } from './api';
import { desktopPermission, showDesktopNotification } from './desktop';
import { CHANNELS_KEY, channelKey, messagesKey, presenceKey } from './keys';
import { lastSeqOf } from './messages-model';
import { outbox, type QueuedMessage, sendQueued, useQueued } from './outbox';

/**
 * How the channels pages stay current. Events carry ids only (the channel,
 * a seq, a user): each one makes the page fetch what changed. Everything live
 * about channels goes through this file.
 */

const POLL_MS = 5_000;

const seqOf = (event: LiveEvent): number | null => (typeof event.seq === 'number' ? event.seq : null);

/**
 * Mounted once, in the shell: keeps the channel list's counts current and
 * raises desktop notifications (when permitted) for urgent messages, mentions
 * and re-alerts.
 */
export function useLiveChannels(): void {
  const client = useQueryClient();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInMe().user;
  outbox.bindTo(me.id);

  const listed = (id: string) =>
    client.getQueryData<ChannelDto[]>([...CHANNELS_KEY, 'list'])?.find((channel) => channel.id === id);
  const channelName = (id: string) =>
    client.getQueryData<ChannelDetail>(channelKey(id))?.name ?? listed(id)?.name ?? t('channels.title');
  const open = (id: string) => () => navigate(`/channels/${encodeURIComponent(id)}`);

  useLiveEvent('message.', (event) => {
    void client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] });
    const seq = seqOf(event);
    if (event.type !== 'message.created' || event.authorId === me.id || seq === null) return;
    if (event.urgent === true) playAlertTone();
    if (desktopPermission() !== 'granted') return;
    if (event.urgent === true) {
      showDesktopNotification(
        t('channels.desktop.urgent'),
        channelName(event.id),
        `${event.id}:${seq}`,
        open(event.id),
      );
      return;
    }
    void fetchMessage(event.id, seq)
      .then((message) => {
        if (message.mentions.includes(me.username))
          showDesktopNotification(
            t('channels.desktop.mention'),
            channelName(event.id),
            `${event.id}:${seq}`,
            open(event.id),
          );
      })
      .catch(() => undefined);
  });
  // Someone who shares a channel came online or left: the open channel's members read their presence again.
  useLiveEvent('presence.changed', () => {
    void client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'presence'] });
  });
  useLiveEvent('channel.', (event) => {
    void client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] });
    void client.invalidateQueries({ queryKey: channelKey(event.id) });
    void client.invalidateQueries({ queryKey: presenceKey(event.id) });
    // A closed room's messages may no longer be edited, deleted or acknowledged: their actions are read again.
    if (event.type === 'channel.closed') void client.invalidateQueries({ queryKey: messagesKey(event.id) });
  });
  useLiveEvent('notification.created', (event) => {
    const channelId = typeof event.channelId === 'string' ? event.channelId : null;
    const seq = seqOf(event);
    if (!channelId || seq === null) return;
    // Alerted again until acknowledged: a sound and a note in the page, and on the desktop when permitted.
    playAlertTone();
    notify('red', t('channels.realert', { channel: channelName(channelId) }));
    showDesktopNotification(
      t('channels.desktop.realert'),
      channelName(channelId),
      `${channelId}:${seq}`,
      open(channelId),
    );
  });
}

/**
 * Keeps one channel's messages current: a new message fetches what came after
 * the last seq held (so nothing is duplicated and the order stays the
 * sequence), a change or an acknowledgement fetches that message again, and
 * a reconnect fetches whatever was missed.
 */
export function useLiveMessages(channelId: string): void {
  const client = useQueryClient();
  const merge = useMergeMessages(channelId);
  const state = useConnectionState();

  const catchUp = useCallback(async () => {
    const held = client.getQueryData<MessageDto[]>(messagesKey(channelId));
    if (!held) return;
    merge(await fetchMessagesAfter(channelId, lastSeqOf(held)));
  }, [client, channelId, merge]);

  useLiveEvent('message.', (event) => {
    if (event.id !== channelId) return;
    // Whoever writes is online: the presence shown follows the conversation.
    void client.invalidateQueries({ queryKey: presenceKey(channelId) });
    const seq = seqOf(event);
    if (event.type === 'message.created') void catchUp().catch(() => undefined);
    else if (seq !== null)
      void fetchMessage(channelId, seq)
        .then((message) => merge([message]))
        .catch(() => undefined);
  });

  const wasLive = useRef(state === 'live');
  useEffect(() => {
    if (state === 'live' && !wasLive.current) void catchUp().catch(() => undefined);
    wasLive.current = state === 'live';
    if (state === 'live') return;
    // While the live link is down, ask every few seconds instead, as the request pages do.
    const timer = setInterval(() => void catchUp().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [state, catchUp]);
}

const RETRY_MS = 5_000;

/** What the server receives of a written message: the same key however often it is sent. */
const postedForm = ({ body, urgent, idempotencyKey, replyTo, marking }: QueuedMessage) => ({
  body,
  urgent,
  idempotencyKey,
  replyTo,
  ...(marking && { marking: { classification: marking } }),
});

/**
 * Sending from the composer. While the live link is down, or when a send
 * fails on the network, the message waits in the outbox (shown as queued) and
 * is sent again, with the idempotency key it was given when written, as soon
 * as the link returns: the server answers the same message for a key it has
 * seen, so nothing is posted twice.
 */
export function useSendMessage(channelId: string) {
  const state = useConnectionState();
  const merge = useMergeMessages(channelId);
  const queued = useQueued(channelId);

  const { t } = useTranslation();
  const flush = useCallback(async () => {
    const { posted, refused } = await sendQueued(channelId, (message) =>
      postMessage(channelId, postedForm(message)),
    );
    merge(posted);
    for (const message of refused)
      notify('red', t('channels.queued.refused', { body: message.body.slice(0, 80) }));
  }, [channelId, merge, t]);

  useEffect(() => {
    if (state === 'live' && queued.length > 0) void flush();
  }, [state, queued.length, flush]);

  useEffect(() => {
    if (queued.length === 0) return;
    const retry = () => {
      if (navigator.onLine) void flush();
    };
    const timer = setInterval(retry, RETRY_MS);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', retry);
    };
  }, [queued.length, flush]);

  /** Sends now when the link is up; queues otherwise. Rejects only when the server refused the message. */
  const send = async (
    written: Pick<QueuedMessage, 'body' | 'urgent' | 'replyTo' | 'marking'>,
  ): Promise<void> => {
    const message: QueuedMessage = {
      ...written,
      channelId,
      idempotencyKey: crypto.randomUUID(),
      queuedAt: new Date().toISOString(),
    };
    // Behind what is already waiting, so that the channel receives them in the order written.
    if (state !== 'live' || outbox.of(channelId).length > 0) return outbox.add(message);
    try {
      merge([await postMessage(channelId, postedForm(message))]);
    } catch (error) {
      if (isApiError(error, NETWORK_ERROR)) return outbox.add(message);
      throw error;
    }
  };

  return { send, queued };
}
