import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CommitmentBoard,
  CommitmentDetail,
  CommitmentInput,
  CommitmentSummary,
  CommitmentTransition,
} from '../../../core/commitments/schemas';
import { api } from '../../lib/api';

/** Everything about commitments that changes as people raise, complete and confirm them. */
export const COMMITMENTS_KEY = ['commitments'] as const;

const commitmentUrl = (id: string) => `/api/commitments/${encodeURIComponent(id)}`;
const detailKey = (id: string) => [...COMMITMENTS_KEY, 'detail', id] as const;

export interface BoardFilter {
  group?: string;
  party?: string;
}

/** The board: per party tallies and the commitments, overdue first (only what the reader may see). */
export function useCommitmentBoard(filter: BoardFilter) {
  const params = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return useQuery({
    queryKey: [...COMMITMENTS_KEY, 'board', filter],
    queryFn: () => api.get<CommitmentBoard>(`/api/commitments/board?${params.toString()}`),
  });
}

export interface ListFilter extends BoardFilter {
  meeting?: string;
  status?: string;
  overdue?: 'true';
  /** A date (YYYY-MM-DD): due before it. */
  dueBefore?: string;
}

/** The commitments that match, overdue first (only what the reader may see). */
export function useCommitments(filter: ListFilter) {
  const params = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return useQuery({
    queryKey: [...COMMITMENTS_KEY, 'list', filter],
    queryFn: () =>
      api.get<{ items: CommitmentSummary[]; total: number; today: string }>(
        `/api/commitments?${params.toString()}`,
      ),
  });
}

export function useCommitment(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api.get<CommitmentDetail>(commitmentUrl(id)) });
}

function useSettle() {
  const client = useQueryClient();
  return (commitment: CommitmentDetail) => {
    client.setQueryData(detailKey(commitment.id), commitment);
    void client.invalidateQueries({ queryKey: COMMITMENTS_KEY });
  };
}

export function useRaiseCommitment() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: CommitmentInput) => api.post<CommitmentDetail>('/api/commitments', input),
    onSuccess: settle,
  });
}

export function useTransitionCommitment(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: CommitmentTransition) =>
      api.post<CommitmentDetail>(`${commitmentUrl(id)}/transitions`, input),
    onSuccess: settle,
  });
}

export function useEditCommitment(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (patch: { title?: string; doneMeans?: string; dueOn?: string }) =>
      api.patch<CommitmentDetail>(commitmentUrl(id), patch),
    onSuccess: settle,
  });
}

export function useAddCommitmentNote(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { body: string; internal: boolean }) =>
      api.post<CommitmentDetail>(`${commitmentUrl(id)}/notes`, input),
    onSuccess: settle,
  });
}

/** Where a file of evidence is downloaded from. */
export const evidenceFileUrl = (id: string, fileId: string) => `${commitmentUrl(id)}/files/${fileId}`;

export function useAddEvidenceFile(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload<CommitmentDetail>(
        `${commitmentUrl(id)}/files?${new URLSearchParams({ filename: file.name }).toString()}`,
        file,
      ),
    onSuccess: settle,
  });
}
