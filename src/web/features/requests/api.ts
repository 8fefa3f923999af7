import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { Priority } from '../../../core/requests/request-type';
import type {
  AttachmentDto,
  CommentDto,
  LinkKind,
  ListRequestsQuery,
  RequestDetail,
  RequestTypeView,
  requestPageSchema,
  TransitionInput,
} from '../../../core/requests/schemas';
import { api } from '../../lib/api';
import { NOTIFICATIONS_KEY, REQUESTS_KEY } from './keys';
import { useLiveQueryOptions } from './live';

export { NOTIFICATIONS_KEY, REQUESTS_KEY };

type RequestPage = z.infer<typeof requestPageSchema>;

/** The deployment's request types: configuration, read once. */
export const requestTypesQuery = queryOptions({
  queryKey: ['request-types'],
  queryFn: () => api.get<RequestTypeView[]>('/api/request-types'),
  staleTime: Number.POSITIVE_INFINITY,
});

export function useRequestTypes() {
  return useQuery(requestTypesQuery);
}

export type RequestFilter = Omit<ListRequestsQuery, 'cursor'>;

function listUrl(filter: RequestFilter, cursor: string | null): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined) query.set(name, String(value));
  }
  if (cursor) query.set('cursor', cursor);
  return `/api/requests?${query}`;
}

/** A list of requests, a page at a time; open ones come most urgent first. */
export function useRequestList(filter: RequestFilter) {
  const live = useLiveQueryOptions();
  return useInfiniteQuery({
    queryKey: [...REQUESTS_KEY, 'list', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<RequestPage>(listUrl(filter, pageParam)),
    getNextPageParam: (page) => page.next ?? undefined,
    ...live,
  });
}

const detailKey = (id: string) => [...REQUESTS_KEY, 'detail', id] as const;
const requestUrl = (id: string) => `/api/requests/${encodeURIComponent(id)}`;

export function useRequest(id: string) {
  const live = useLiveQueryOptions();
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => api.get<RequestDetail>(requestUrl(id)),
    ...live,
  });
}

export interface NewRequest {
  type: string;
  districtId: string;
  priority: Priority;
  fields: Record<string, string | number>;
  marking: { classification: string };
  draft: boolean;
  /** A coordinator's request names the party it asks; a party's goes to the other party. */
  toParty?: string;
}

/** What a draft's requester may still change: the form and the priority (not the place or the marking). */
export interface DraftChanges {
  fields: Record<string, string | number>;
  priority: Priority;
}

/** After a change the server answers with the request as it now is; lists then refresh. */
function useRequestChanged() {
  const client = useQueryClient();
  return (request: RequestDetail) => {
    client.setQueryData(detailKey(request.id), request);
    void client.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] });
  };
}

export function useCreateRequest() {
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: (request: NewRequest) => api.post<RequestDetail>('/api/requests', request),
    onSuccess: changed,
  });
}

export function useTransition(id: string) {
  const changed = useRequestChanged();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TransitionInput) => api.post<RequestDetail>(`${requestUrl(id)}/transitions`, input),
    onSuccess: changed,
    // Refused because someone else acted first: show the request as it now is.
    onError: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useAddComment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (comment: { body: string; internal: boolean; idempotencyKey: string }) =>
      api.post<CommentDto>(`${requestUrl(id)}/comments`, comment),
    onSuccess: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useUpdateDraft(id: string) {
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: (changes: DraftChanges) => api.patch<RequestDetail>(requestUrl(id), changes),
    onSuccess: changed,
  });
}

export const attachmentUrl = (requestId: string, attachmentId: string) =>
  `${requestUrl(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

export function useUploadAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, internal }: { file: File; internal: boolean }) => {
      const query = new URLSearchParams({ filename: file.name, internal: String(internal) });
      return api.upload<AttachmentDto>(`${requestUrl(id)}/attachments?${query}`, file);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

/** Links the request to a record of any kind the caller may read. */
export function useLinkRecord(id: string) {
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: (target: { kind: LinkKind; id: string }) =>
      api.post<RequestDetail>(`${requestUrl(id)}/links`, target),
    onSuccess: changed,
  });
}

/** The coordinator opens an incident's crisis room in one step; answers its channel's id. */
export function useOpenCrisisRoom(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ channelId: string }>(`${requestUrl(id)}/crisis-room`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

/**
 * The requests one may link to: those the caller may see, as the list orders
 * them, up to the list's largest page (enough to choose from by typing).
 */
export function useLinkableRequests(enabled: boolean) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'list', 'linkable'],
    queryFn: () => api.get<RequestPage>(listUrl({ box: 'all', limit: 200 }, null)),
    enabled,
  });
}

// ---- notifications

export function useNotifications() {
  const live = useLiveQueryOptions();
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<{ items: NotificationDto[]; unread: number }>('/api/notifications'),
    ...live,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/notifications/read-all'),
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
