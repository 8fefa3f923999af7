import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { i18n as I18n, TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../core/identity/password-rules';
import { ApiError, type FieldIssue } from './api';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** "Try again in 40 seconds" / "in 3 minutes", for answers that carry Retry-After. */
function retryHint(t: LooseT, seconds: number | null): string {
  if (seconds === null || seconds <= 0) return '';
  if (seconds < 120) return ` ${t('errors.retryInSeconds', { count: seconds })}`;
  return ` ${t('errors.retryInMinutes', { count: Math.ceil(seconds / 60) })}`;
}

/**
 * What to tell the user about a failure, in their language: the translation of
 * `errors.<code>` when there is one, else the server's own `detail` (English),
 * else a generic message.
 */
export function describeError(t: TFunction, i18n: I18n, error: unknown): string {
  const loose = t as unknown as LooseT;
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    // The one message with a number in it: the policy's minimum length, from the shared schema. A message
    // may quote the server's own words (`{{detail}}`) where they carry what no parameter does (a cable's line).
    const options = {
      detail: error.detail,
      ...error.params,
      ...(error.code === 'password_too_short' ? { count: PASSWORD_MIN_LENGTH } : {}),
    };
    const retry = error.status === 429 ? retryHint(loose, error.retryAfterSeconds) : '';
    if (i18n.exists(key, options)) return loose(key, options) + retry;
    if (error.status >= 500) return loose('errors.internal_error');
    return (error.detail || loose('errors.unexpected', { status: error.status })) + retry;
  }
  return loose('errors.unexpected_client');
}

/**
 * The message for one field from a server answer: the code's translation when
 * the error is about that field (wrong current password, weak new password),
 * else the server's message for the field.
 */
export function describeFieldIssue(t: TFunction, i18n: I18n, error: ApiError, issue: FieldIssue): string {
  const options = error.code === 'password_too_short' ? { count: PASSWORD_MIN_LENGTH } : {};
  if (error.code !== 'validation_failed' && i18n.exists(`errors.${error.code}`, options)) {
    return describeError(t, i18n, error);
  }
  return issue.message;
}

/** Renders the message for an error, re-translated when the language changes. */
export function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  return <>{describeError(t, i18n, error)}</>;
}

/** A field error from the server, re-translated when the language changes. */
export function FieldIssueText({ error, issue }: { error: ApiError; issue: FieldIssue }) {
  const { t, i18n } = useTranslation();
  return <>{describeFieldIssue(t, i18n, error, issue)}</>;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} title={title}>
      <ErrorText error={error} />
    </Alert>
  );
}
