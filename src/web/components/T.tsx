import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * A translated message as an element, so that a message stored in state (a
 * form's validation error) follows the language when the user switches it.
 */
export function T({ i18nKey, values }: { i18nKey: ParseKeys; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  return <>{(t as unknown as (key: string, options?: object) => string)(i18nKey, values)}</>;
}
