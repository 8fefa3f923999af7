import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from './api';
import { ErrorText, FieldIssueText } from './errors';

/** Does the form hold a value at this dotted path ("names.ar", "marking.classification")? */
function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Puts the server's answer next to the fields it is about: each field issue at
 * its path (`body.names.ar` → the form's `names.ar`), and errors that name no
 * field but are about one (`code_taken` → `code`) where `fieldOfCode` says.
 * Returns true when everything was said beside a field, so the caller can drop
 * the general alert and not say it twice.
 */
export function applyServerErrors<Values>(
  // biome-ignore lint/suspicious/noExplicitAny: any form; only its paths and setFieldError are used
  form: UseFormReturnType<Values, any>,
  error: unknown,
  fieldOfCode: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) return false;
  let placed = 0;
  for (const issue of error.errors) {
    const path = issue.path.replace(/^body\./, '');
    if (!hasPath(form.getValues(), path)) continue;
    form.setFieldError(path, <FieldIssueText error={error} issue={issue} />);
    placed += 1;
  }
  const field = fieldOfCode[error.code];
  if (field && hasPath(form.getValues(), field)) {
    form.setFieldError(field, <ErrorText error={error} />);
    return true;
  }
  return placed > 0 && placed === error.errors.length;
}
