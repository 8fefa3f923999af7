import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  ChannelDetail,
  ChannelDto,
  CreateChannelInput,
  MessageDto,
  messagePageSchema,
  messageVersionSchema,
  PostMessageInput,
  presenceSchema,
  SyncResult,
} from '../../../core/channels/schemas';
import { api } from '../../lib/api';
import { useLiveQueryOptions } from '../requests/live';
import { CHANNELS_KEY, channelKey, messagesKey, presenceKey } from './keys';
import { lastSeqOf, mergeMessages } from './messages-model';

export type MessagePage = z.infer<typeof messagePageSchema>;
export type Presence = z.infer<typeof presenceSchema>;

const channelUrl = (id: string) => `/api/channels/${encodeURIComponent(id)}`;

/** The caller's channels with their unread and mention counts. */
export function useChannels() {
  const live = useLiveQueryOptions();
  return useQuery({
    queryKey: [...CHANNELS_KEY, 'list'],
    queryFn: () => api.get<ChannelDto[]>('/api/channels'),
    ...live,
  });
}

export function useChannel(id: string) {
  const live = useLiveQueryOptions();
  return useQuery({
    queryKey: channelKey(id),
    queryFn: () => api.get<ChannelDetail>(channelUrl(id)),
    ...live,
  });
}

/** Pushed (`presence.changed`); the poll only catches an instance that stopped without saying goodbye. */
export function usePresence(id: string) {
  return useQuery({
    queryKey: presenceKey(id),
    queryFn: () => api.get<Presence>(`${channelUrl(id)}/presence`),
    refetchInterval: 30_000,
  });
}

/** Every message after `after`, a page at a time, in sequence order. */
export async function fetchMessagesAfter(id: string, after: number): Promise<MessageDto[]> {
  let items: MessageDto[] = [];
  let from = after;
  for (;;) {
    const page = await api.get<MessagePage>(`${channelUrl(id)}/messages?after=${from}&limit=500`);
    items = mergeMessages(items, page.items);
    const last = lastSeqOf(items);
    // Messages above the caller's clearance leave gaps: stop when a page brings nothing new.
    if (page.items.length === 0 || last >= page.lastSeq || last <= from) return items;
    from = last;
  }
}

/** The channel's messages as held by the page; live events add to them (see live.ts). */
export function useMessages(id: string) {
  return useQuery({
    queryKey: messagesKey(id),
    queryFn: () => fetchMessagesAfter(id, 0),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Puts fetched messages into the page's list without duplicating or reordering any. */
export function useMergeMessages(id: string) {
  const client = useQueryClient();
  return useCallback(
    (arrived: MessageDto[]) => {
      if (arrived.length === 0) return;
      client.setQueryData<MessageDto[]>(messagesKey(id), (held) => mergeMessages(held ?? [], arrived));
    },
    [client, id],
  );
}

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateChannelInput) => api.post<ChannelDetail>('/api/channels', input),
    onSuccess: () => client.invalidateQueries({ queryKey: CHANNELS_KEY }),
  });
}

function useChannelMutation<Input>(id: string, call: (input: Input) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: channelKey(id) }),
        client.invalidateQueries({ queryKey: presenceKey(id) }),
        client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] }),
      ]),
  });
}

export const useAddMember = (id: string) =>
  useChannelMutation(id, (userId: string) => api.post(`${channelUrl(id)}/members`, { userId }));

export const useRemoveMember = (id: string) =>
  useChannelMutation(id, (userId: string) =>
    api.delete(`${channelUrl(id)}/members/${encodeURIComponent(userId)}`),
  );

export const useCloseChannel = (id: string) =>
  useChannelMutation(id, () => api.post(`${channelUrl(id)}/close`));

/** Posts a message; the same idempotency key answers the message already posted. */
export const postMessage = (id: string, input: PostMessageInput) =>
  api.post<MessageDto>(`${channelUrl(id)}/messages`, input);

export function useAcknowledge(id: string) {
  const merge = useMergeMessages(id);
  return useMutation({
    mutationFn: async (seq: number) => {
      await api.post(`${channelUrl(id)}/messages/${seq}/acknowledgements`);
      return api.get<MessageDto>(`${channelUrl(id)}/messages/${seq}`);
    },
    onSuccess: (message) => merge([message]),
  });
}

/** Shares the author's message of a working group's channel as information (counted on the exchange ledger). */
export function useShareMessage(id: string) {
  const merge = useMergeMessages(id);
  return useMutation({
    mutationFn: (seq: number) => api.post<MessageDto>(`${channelUrl(id)}/messages/${seq}/share`),
    onSuccess: (message) => merge([message]),
  });
}

export function useMarkRead(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (seq: number) => api.post(`${channelUrl(id)}/read`, { seq }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] }),
  });
}

export const fetchMessage = (id: string, seq: number) =>
  api.get<MessageDto>(`${channelUrl(id)}/messages/${seq}`);

/** The author changes their message; the earlier text is kept in its history. */
export function useEditMessage(id: string) {
  const merge = useMergeMessages(id);
  return useMutation({
    mutationFn: ({ seq, body }: { seq: number; body: string }) =>
      api.patch<MessageDto>(`${channelUrl(id)}/messages/${seq}`, { body }),
    onSuccess: (message) => merge([message]),
  });
}

/** The author attaches a file to their message: its bytes as they are, the type decided by the server. */
export function useAttachToMessage(id: string) {
  const merge = useMergeMessages(id);
  return useMutation({
    mutationFn: ({ seq, file }: { seq: number; file: File }) =>
      api.upload<MessageDto>(
        `${channelUrl(id)}/messages/${seq}/attachments?${new URLSearchParams({ filename: file.name })}`,
        file,
      ),
    onSuccess: (message) => merge([message]),
  });
}

/** The author deletes their message: a tombstone keeps its place in the sequence. */
export function useDeleteMessage(id: string) {
  const merge = useMergeMessages(id);
  return useMutation({
    mutationFn: (seq: number) => api.delete<MessageDto>(`${channelUrl(id)}/messages/${seq}`),
    onSuccess: (message) => merge([message]),
  });
}

/** The caller leaves the channel; it drops out of their list at once. */
export function useLeaveChannel(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (myUserId: string) => api.delete(`${channelUrl(id)}/members/${encodeURIComponent(myUserId)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: channelKey(id) });
      client.removeQueries({ queryKey: messagesKey(id) });
      return client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] });
    },
  });
}

export type MessageVersion = z.infer<typeof messageVersionSchema>;

/** Every version of a message, oldest first (the last is the text shown now); fetched when asked for. */
export function useMessageHistory(id: string, seq: number, enabled: boolean) {
  return useQuery({
    queryKey: [...CHANNELS_KEY, 'history', id, seq],
    queryFn: () => api.get<MessageVersion[]>(`${channelUrl(id)}/messages/${seq}/history`),
    enabled,
    staleTime: 0,
  });
}

export type DirectoryChannelKind = 'standing' | 'hotlines' | 'working-groups';

/** Opens what the directory calls for (standing channels, hotlines or working groups' channels), adds who joined. */
export function useOpenDirectoryChannels() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: DirectoryChannelKind) => api.post<SyncResult>(`/api/channels/${which}`),
    onSuccess: () => client.invalidateQueries({ queryKey: [...CHANNELS_KEY, 'list'] }),
  });
}
