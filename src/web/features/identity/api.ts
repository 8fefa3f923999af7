import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../core/i18n/locales';
import type { Abilities, ApiTokenDto, MeDto } from '../../../core/identity/schemas';
import { ApiError, api } from '../../lib/api';
import { ME_KEY, markSignedOut } from '../../lib/query-client';

export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: async (): Promise<MeDto | null> => {
    try {
      return await api.get<MeDto>('/api/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** The signed-in user: `data` is null when nobody is signed in, undefined while loading. */
export function useMe() {
  return useQuery(meQuery);
}

/**
 * What the signed-in user may do outside any one record, as the server computed
 * it from the rules its commands enforce: decide buttons from this (or from a
 * record's `actions`), never from roles.
 */
export function useAbilities(): Abilities {
  return useSignedInMe().abilities;
}

/** The signed-in user, for components that only render inside the signed-in shell. */
export function useSignedInMe(): MeDto {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe used outside the signed-in shell');
  return data;
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<MeDto>('/api/auth/login', input),
    meta: { signIn: true },
    onSuccess: (me) => {
      markSignedOut(client); // nothing of a previous user survives a new sign-in
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    meta: { signIn: true },
    // A full page load to the sign-in page, even if the server could not be told: the user asked to
    // leave, and a fresh page keeps nothing of theirs in memory.
    onSettled: () => window.location.replace('/login'),
  });
}

export function useUpdateLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: Locale) => api.patch<MeDto>('/api/me', { language }),
    onMutate: (language) => {
      client.setQueryData<MeDto | null>(ME_KEY, (me) =>
        me ? { ...me, user: { ...me.user, language } } : me,
      );
    },
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<MeDto>('/api/me/password', input),
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export function useBeginTotpEnrolment() {
  return useMutation({ mutationFn: () => api.post<TotpEnrolment>('/api/me/totp/enrolment') });
}

export function useConfirmTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<MeDto>('/api/me/totp/confirm', { code }),
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
}

export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.delete<MeDto>('/api/me/totp', { password }),
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
}

const TOKENS_KEY = ['tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => api.get<{ tokens: ApiTokenDto[] }>('/api/tokens'),
    select: (data) => data.tokens,
  });
}

export type CreatedApiToken = ApiTokenDto & { token: string };

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays?: number }) =>
      api.post<CreatedApiToken>('/api/tokens', input),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
