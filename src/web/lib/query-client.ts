import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** The signed-in user's query. Its data is the Me object, or null when nobody is signed in. */
export const ME_KEY = ['me'] as const;

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    /** `signIn`: a 401 from this mutation is an answer for the form (wrong password), not a lost session. */
    mutationMeta: { signIn?: boolean };
  }
}

/** Forget everything about the previous user; screens guarded by sign-in then send the browser to /login. */
export function markSignedOut(client: QueryClient): void {
  client.cancelQueries();
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

function onApiFailure(client: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  // The session expired or was revoked (a password change elsewhere, an administrator): sign in again.
  if (error.status === 401) markSignedOut(client);
  // The deployment now requires a second factor: /api/me says so, and the shell sends the user to enrol.
  else if (error.code === 'totp_enrolment_required') void client.invalidateQueries({ queryKey: ME_KEY });
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== ME_KEY[0]) onApiFailure(client, error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => {
        if (!mutation.options.meta?.signIn) onApiFailure(client, error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retry what may pass on a second try (network, 5xx); a 4xx will answer the same.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
