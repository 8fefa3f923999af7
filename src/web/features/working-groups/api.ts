import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkingGroupDetail, WorkingGroupSummary } from '../../../core/working-groups/schemas';
import { api } from '../../lib/api';

const KEY = ['working-groups'] as const;
const groupUrl = (id: string) => `/api/working-groups/${encodeURIComponent(id)}`;

export function useWorkingGroups() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<WorkingGroupSummary[]>('/api/working-groups') });
}

export function useWorkingGroup(id: string) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<WorkingGroupDetail>(groupUrl(id)) });
}

/** Adds or removes a member; the group comes back as it now is. */
export function useChangeMembership(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, change }: { userId: string; change: 'add' | 'remove' }) =>
      change === 'add'
        ? api.post<WorkingGroupDetail>(`${groupUrl(id)}/members`, { userId })
        : api.delete<WorkingGroupDetail>(`${groupUrl(id)}/members/${encodeURIComponent(userId)}`),
    onSuccess: (group) => {
      client.setQueryData([...KEY, id], group);
      void client.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}
