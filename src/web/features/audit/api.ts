import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntryDto, Checkpoint } from '../../../core/audit/schemas';
import { ApiError, api } from '../../lib/api';

const PAGE = 50;

export interface AuditFilter {
  action: string | null;
  subjectType: string | null;
}

/** The audit log, newest first, a page at a time (each page continues before the last entry shown). */
export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', 'entries', filter],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (pageParam !== null) query.set('before', String(pageParam));
      if (filter.action) query.set('action', filter.action);
      if (filter.subjectType) query.set('subjectType', filter.subjectType);
      return api.get<{ entries: AuditEntryDto[] }>(`/api/audit/entries?${query}`);
    },
    getNextPageParam: (page) =>
      page.entries.length < PAGE ? undefined : (page.entries.at(-1)?.seq ?? undefined),
  });
}

export function useCheckpoints() {
  return useQuery({
    queryKey: ['audit', 'checkpoints'],
    queryFn: () => api.get<{ checkpoints: Checkpoint[] }>('/api/audit/checkpoints?limit=5'),
  });
}

/** The latest signed checkpoint, or null before the first one. */
export function useLatestCheckpoint() {
  return useQuery({
    queryKey: ['audit', 'checkpoints', 'latest'],
    queryFn: async () => {
      try {
        return await api.get<Checkpoint>(LATEST_CHECKPOINT_URL);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'no_checkpoint') return null;
        throw error;
      }
    },
  });
}

export const LATEST_CHECKPOINT_URL = '/api/audit/checkpoints/latest';

export function useSignCheckpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Checkpoint>('/api/audit/checkpoints'),
    onSuccess: () => client.invalidateQueries({ queryKey: ['audit', 'checkpoints'] }),
  });
}
