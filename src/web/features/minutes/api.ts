import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MinutesSection, SaveMinutes } from '../../../core/minutes/minutes';
import type { MinutesVersion, MinutesView } from '../../../core/minutes/schemas';
import { api } from '../../lib/api';

const key = (meetingId: string) => ['minutes', meetingId] as const;
const url = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes`;

export type { MinutesSection };

export function useMinutes(meetingId: string) {
  return useQuery({
    queryKey: key(meetingId),
    queryFn: () => api.get<MinutesView>(url(meetingId)),
    retry: false,
  });
}

export function useMinutesVersions(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(meetingId), 'versions'],
    queryFn: () => api.get<Omit<MinutesVersion, 'sections' | 'changes'>[]>(`${url(meetingId)}/versions`),
    enabled,
  });
}

export function useMinutesVersion(meetingId: string, version: number | null) {
  return useQuery({
    queryKey: [...key(meetingId), 'versions', version],
    queryFn: () => api.get<MinutesVersion>(`${url(meetingId)}/versions/${version}`),
    enabled: version !== null,
  });
}

/** Writes, circulates, signs or asks for a change; the minutes come back as they now are. */
export function useMinutesAction(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'write'; body: SaveMinutes }
        | { kind: 'circulate' }
        | { kind: 'sign'; version: number }
        | { kind: 'request-change'; version: number; note: string },
    ) => {
      switch (action.kind) {
        case 'write':
          return api.put<MinutesView>(url(meetingId), action.body);
        case 'circulate':
          return api.post<MinutesView>(`${url(meetingId)}/circulate`, {});
        case 'sign':
          return api.post<MinutesView>(`${url(meetingId)}/signatures`, { version: action.version });
        case 'request-change':
          return api.post<MinutesView>(`${url(meetingId)}/change-requests`, {
            version: action.version,
            note: action.note,
          });
      }
    },
    onSuccess: (minutes) => {
      client.setQueryData(key(meetingId), minutes);
      void client.invalidateQueries({ queryKey: [...key(meetingId), 'versions'] });
    },
  });
}
