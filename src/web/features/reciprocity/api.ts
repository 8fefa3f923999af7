import { useQuery } from '@tanstack/react-query';
import type { ExchangeKind, Period } from '../../../core/exchanges/ledger';
import type { ExchangeView, Reciprocity } from '../../../core/exchanges/schemas';
import { api } from '../../lib/api';

/** Everything read from the ledger: refreshed together when something may have passed. */
export const RECIPROCITY_KEY = ['reciprocity'] as const;

export interface ReciprocityFilter {
  partyA: string;
  partyB: string;
  period: Period;
  since: string;
  until: string;
  category: string;
}

const search = (filter: object) =>
  new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();

/** The pair's items each way per period and over the range (only what the reader may see). */
export function useReciprocity(filter: ReciprocityFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...RECIPROCITY_KEY, 'measures', filter],
    queryFn: () => api.get<Reciprocity>(`/api/reciprocity?${search(filter)}`),
    enabled,
  });
}

export interface ExchangeFilter {
  from: string;
  to: string;
  since: string;
  until: string;
  category: string;
  kind?: ExchangeKind;
}

/** The ledger's records one way, newest first (the first page: at most `limit`). */
export function useExchanges(filter: ExchangeFilter, limit = 100) {
  return useQuery({
    queryKey: [...RECIPROCITY_KEY, 'exchanges', filter, limit],
    queryFn: () =>
      api.get<{ items: ExchangeView[]; total: number; next: string | null }>(
        `/api/exchanges?${search({ ...filter, limit: String(limit) })}`,
      ),
  });
}
