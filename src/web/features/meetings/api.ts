import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgendaInput,
  AttendanceInput,
  MeetingDetail,
  MeetingInput,
  MeetingPatch,
  MeetingResponse,
  MeetingSummary,
} from '../../../core/working-groups/meetings';
import { api } from '../../lib/api';

const KEY = ['meetings'] as const;
const meetingUrl = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const meetingIcsUrl = (id: string) => `${meetingUrl(id)}.ics`;

export function useGroupMeetings(groupId: string) {
  return useQuery({
    queryKey: [...KEY, 'group', groupId],
    queryFn: () => api.get<MeetingSummary[]>(`/api/working-groups/${encodeURIComponent(groupId)}/meetings`),
  });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<MeetingDetail>(meetingUrl(id)) });
}

/** After a change: the meeting as it now is, and the lists it appears in. */
function useSettle() {
  const client = useQueryClient();
  return (meeting: MeetingDetail) => {
    client.setQueryData([...KEY, meeting.id], meeting);
    void client.invalidateQueries({ queryKey: [...KEY, 'group', meeting.groupId] });
  };
}

export function useScheduleMeeting(groupId: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: MeetingInput) =>
      api.post<MeetingDetail>(`/api/working-groups/${encodeURIComponent(groupId)}/meetings`, input),
    onSuccess: settle,
  });
}

export function useMoveMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (patch: MeetingPatch) => api.patch<MeetingDetail>(meetingUrl(id), patch),
    onSuccess: settle,
  });
}

export function useCancelMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: () => api.post<MeetingDetail>(`${meetingUrl(id)}/cancel`),
    onSuccess: settle,
  });
}

export function useSetAgenda(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: AgendaInput) => api.put<MeetingDetail>(`${meetingUrl(id)}/agenda`, input),
    onSuccess: settle,
  });
}

export function useRespond(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (response: Exclude<MeetingResponse, 'needs-action'>) =>
      api.post<MeetingDetail>(`${meetingUrl(id)}/responses`, { response }),
    onSuccess: settle,
  });
}

export function useRecordAttendance(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: AttendanceInput) => api.put<MeetingDetail>(`${meetingUrl(id)}/attendance`, input),
    onSuccess: settle,
  });
}

export function useCalendarToken() {
  return useQuery({
    queryKey: ['calendar-token'],
    queryFn: () => api.get<{ active: boolean; createdAt: string | null }>('/api/me/calendar-token'),
  });
}

export function useRotateCalendarToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ url: string; path: string; createdAt: string }>('/api/me/calendar-token'),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['calendar-token'] }),
  });
}

export function useRevokeCalendarToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/me/calendar-token'),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['calendar-token'] }),
  });
}
