import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateReport,
  entityViewSchema,
  importResultSchema,
  ReleaseView,
  ReportSummary,
  ReportVersionSummary,
  ReportVersionView,
  ReportView,
  UpdateReport,
} from '../../../core/reports/schemas';
import type { SearchHit } from '../../../core/search/schemas';
import { api } from '../../lib/api';
import { ENTITIES_KEY, RELEASES_KEY, REPORTS_KEY, SEARCH_KEY } from './keys';

export type EntityView = z.infer<typeof entityViewSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;

const reportUrl = (id: string) => `/api/reports/${encodeURIComponent(id)}`;
const detailKey = (id: string) => [...REPORTS_KEY, 'detail', id] as const;

/** The reports the caller may see, newest first, each under the banner of what they may read of it. */
export function useReports() {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'list'],
    queryFn: () => api.get<ReportSummary[]>('/api/reports?limit=200'),
  });
}

/** One report as the caller may read it: only the portions they may see. */
export function useReport(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api.get<ReportView>(reportUrl(id)) });
}

/** After a report is written or imported, lists, searches and entity pages may have changed. */
function useReportsChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: REPORTS_KEY });
    void client.invalidateQueries({ queryKey: SEARCH_KEY });
    void client.invalidateQueries({ queryKey: ENTITIES_KEY });
  };
}

export function useCreateReport() {
  const client = useQueryClient();
  const changed = useReportsChanged();
  return useMutation({
    mutationFn: (report: CreateReport) => api.post<ReportView>('/api/reports', report),
    onSuccess: (report) => {
      client.setQueryData(detailKey(report.id), report);
      changed();
    },
  });
}

/** An edit from the version the editor started from; 409 when someone saved a newer one meanwhile. */
export function useUpdateReport(id: string) {
  const client = useQueryClient();
  const changed = useReportsChanged();
  return useMutation({
    mutationFn: (changes: UpdateReport) => api.patch<ReportView>(reportUrl(id), changes),
    onSuccess: (report) => {
      client.setQueryData(detailKey(report.id), report);
      changed();
    },
    // Refused as stale: the page shows the report as it now is.
    onError: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export type ReviewAction = 'submit' | 'approve' | 'return';

/** Submit for review, approve (publishing it) or return with a reason; the answer is the report as it now is. */
export function useReviewReport(id: string) {
  const client = useQueryClient();
  const changed = useReportsChanged();
  return useMutation({
    mutationFn: ({ action, note }: { action: ReviewAction; note?: string }) =>
      api.post<ReportView>(`${reportUrl(id)}/${action}`, note ? { note } : {}),
    onSuccess: (report) => {
      client.setQueryData(detailKey(report.id), report);
      changed();
    },
    onError: () => client.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function useReportVersions(id: string) {
  return useQuery({
    queryKey: [...detailKey(id), 'versions'],
    queryFn: () => api.get<ReportVersionSummary[]>(`${reportUrl(id)}/versions`),
  });
}

export function useReportVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: [...detailKey(id), 'versions', version],
    queryFn: () => api.get<ReportVersionView>(`${reportUrl(id)}/versions/${version}`),
    enabled: version !== null,
  });
}

/** A cable file, sent as the text it is (text/plain), whatever type the browser guessed for it. */
export function useImportCable() {
  const changed = useReportsChanged();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload<ImportResult>('/api/reports/import', file.slice(0, file.size, 'text/plain')),
    onSuccess: changed,
  });
}

// ---- releases

export function useReleases() {
  return useQuery({
    queryKey: [...RELEASES_KEY, 'list'],
    queryFn: () => api.get<ReleaseView[]>('/api/releases'),
  });
}

export function useRelease(id: string) {
  return useQuery({
    queryKey: [...RELEASES_KEY, 'detail', id],
    queryFn: () => api.get<ReleaseView>(`/api/releases/${encodeURIComponent(id)}`),
  });
}

export function useReleaseReport(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { toParty: string; note: string }) =>
      api.post<ReleaseView>(`${reportUrl(reportId)}/releases`, input),
    onSuccess: (release) => {
      client.setQueryData([...RELEASES_KEY, 'detail', release.id], release);
      void client.invalidateQueries({ queryKey: [...RELEASES_KEY, 'list'] });
    },
  });
}

// ---- entities and search

export function useEntity(id: string) {
  return useQuery({
    queryKey: [...ENTITIES_KEY, id],
    queryFn: () => api.get<EntityView>(`/api/entities/${encodeURIComponent(id)}`),
  });
}

export interface SearchFilter {
  q: string;
  /** Reports, releases, or both when empty. */
  type?: string;
  tag?: string;
  from?: string;
  to?: string;
  /** A level's code: only portions marked at that level. */
  marking?: string;
}

/** Full-text search over what the caller may see; nothing is asked until there is something to look for. */
export function useSearch(filter: SearchFilter) {
  const query = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  return useQuery({
    queryKey: [...SEARCH_KEY, filter],
    queryFn: () => api.get<{ hits: SearchHit[] }>(`/api/search?${query}`),
    enabled: filter.q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
