import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DeskDto,
  DirectoryUserDto,
  DistrictDto,
  GroupDto,
  HandoverNoteDto,
  PartyDto,
  rosterSchema,
  ShiftDto,
  UnitDto,
} from '../../../core/directory/schemas';
import { api } from '../../lib/api';

export type RosterDto = z.infer<typeof rosterSchema>;

/** Every list of the directory, keyed so that administration can refresh exactly what it changed. */
export const DIRECTORY_KEY = ['directory'] as const;
const listKey = (list: DirectoryList) => [...DIRECTORY_KEY, list] as const;

export interface Directory {
  parties: PartyDto[];
  units: UnitDto[];
  districts: DistrictDto[];
  desks: DeskDto[];
  groups: GroupDto[];
  users: DirectoryUserDto[];
}
export type DirectoryList = keyof Directory;
const LISTS: DirectoryList[] = ['parties', 'units', 'districts', 'desks', 'groups', 'users'];

/** The whole directory (six small lists, cached together): data once all have arrived. */
export function useDirectory() {
  return useQueries({
    queries: LISTS.map((list) => ({
      queryKey: listKey(list),
      queryFn: () => api.get<unknown[]>(`/api/directory/${list}`),
    })),
    combine: (results) => {
      const error = results.find((result) => result.error)?.error ?? null;
      const ready = results.every((result) => result.data);
      const data = ready
        ? (Object.fromEntries(LISTS.map((list, i) => [list, results[i]?.data])) as unknown as Directory)
        : undefined;
      return { data, error, refetch: () => results.forEach((result) => void result.refetch()) };
    },
  });
}

/** One list of the directory, sharing its cache with useDirectory. */
export function useDirectoryList<List extends DirectoryList>(list: List) {
  return useQuery({
    queryKey: listKey(list),
    queryFn: () => api.get<Directory[List]>(`/api/directory/${list}`),
  });
}

export function useInvalidateDirectory() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: DIRECTORY_KEY });
}

const rosterKey = (deskId: string) => [...DIRECTORY_KEY, 'roster', deskId] as const;

export function useRoster(deskId: string) {
  return useQuery({
    queryKey: rosterKey(deskId),
    queryFn: () => api.get<RosterDto>(`/api/directory/desks/${encodeURIComponent(deskId)}/roster`),
  });
}

export interface NewHandoverNote {
  body: string;
  marking: { classification: string; parties: string[] };
}

export function useCreateHandoverNote(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: NewHandoverNote) =>
      api.post<HandoverNoteDto>(`/api/directory/desks/${encodeURIComponent(deskId)}/handover-notes`, note),
    onSuccess: () => client.invalidateQueries({ queryKey: rosterKey(deskId) }),
  });
}

export function useDeleteHandoverNote(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (noteId: string) => api.delete(`/api/directory/handover-notes/${encodeURIComponent(noteId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: rosterKey(deskId) }),
  });
}

export function useCreateShift(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shift: { userId: string; startsAt: string; endsAt: string }) =>
      api.post<ShiftDto>(`/api/directory/desks/${encodeURIComponent(deskId)}/shifts`, shift),
    // Who is on duty changes everywhere the desk is shown.
    onSuccess: () => client.invalidateQueries({ queryKey: DIRECTORY_KEY }),
  });
}

export function useDeleteShift(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shiftId: string) =>
      api.delete(`/api/directory/desks/${encodeURIComponent(deskId)}/shifts/${encodeURIComponent(shiftId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: DIRECTORY_KEY }),
  });
}
