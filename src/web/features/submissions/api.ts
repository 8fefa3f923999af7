import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ConsentView,
  CreateSubmission,
  SubmissionReleaseResult,
  SubmissionSummary,
  SubmissionView,
  submissionReleaseInputSchema,
  UpdateSubmission,
} from '../../../core/submissions/schemas';
import { api } from '../../lib/api';
import { RELEASES_KEY, REPORTS_KEY } from '../reports/keys';

/** Everything about submissions and consents that changes as people write, release and decide. */
export const SUBMISSIONS_KEY = ['submissions'] as const;
export const CONSENTS_KEY = ['consents'] as const;

const submissionUrl = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;
const detailKey = (id: string) => [...SUBMISSIONS_KEY, 'detail', id] as const;

/** The submissions the caller may see: their party's, or (the coordinator's people) all addressed to it. */
export function useSubmissions() {
  return useQuery({
    queryKey: [...SUBMISSIONS_KEY, 'list'],
    queryFn: () => api.get<SubmissionSummary[]>('/api/submissions?limit=200'),
  });
}

export function useSubmission(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api.get<SubmissionView>(submissionUrl(id)) });
}

function useChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: SUBMISSIONS_KEY });
    void client.invalidateQueries({ queryKey: CONSENTS_KEY });
    void client.invalidateQueries({ queryKey: RELEASES_KEY });
  };
}

export function useCreateSubmission() {
  const client = useQueryClient();
  const changed = useChanged();
  return useMutation({
    mutationFn: (submission: CreateSubmission) => api.post<SubmissionView>('/api/submissions', submission),
    onSuccess: (submission) => {
      client.setQueryData(detailKey(submission.id), submission);
      changed();
    },
  });
}

export type SubmissionReleaseInput = z.input<typeof submissionReleaseInputSchema>;

/** Release portions to a party: made at once, or waiting for the owner's consent. */
export function useReleaseSubmission(id: string) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: SubmissionReleaseInput) =>
      api.post<SubmissionReleaseResult>(`${submissionUrl(id)}/releases`, input),
    onSuccess: changed,
  });
}

/** Copy portions into a new draft report of the coordinator; the answer names the report. */
export function useExtractReport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { portions: string[]; title?: string }) =>
      api.post<{ reportId: string }>(`${submissionUrl(id)}/report`, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: REPORTS_KEY }),
  });
}

/** An edit from the version the editor started from; 409 when someone saved a newer one meanwhile. */
export function useUpdateSubmission(id: string) {
  const client = useQueryClient();
  const changed = useChanged();
  return useMutation({
    mutationFn: (changes: UpdateSubmission) => api.patch<SubmissionView>(submissionUrl(id), changes),
    onSuccess: (submission) => {
      client.setQueryData(detailKey(submission.id), submission);
      changed();
    },
    onError: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

/** The consents the caller may see, those still waiting by default. */
export function useConsents(status: 'pending' | 'all' = 'pending') {
  return useQuery({
    queryKey: [...CONSENTS_KEY, status],
    queryFn: () => api.get<ConsentView[]>(`/api/consents?status=${status}`),
  });
}

export function useDecideConsent(id: string) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: { decision: 'approve' | 'refuse'; note?: string }) =>
      api.post<ConsentView>(`/api/consents/${encodeURIComponent(id)}/decision`, input),
    onSuccess: changed,
  });
}
