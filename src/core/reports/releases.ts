import { type Classification, hasNoforn } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';

/**
 * Whether a portion may be released to a party whose people hold these
 * nationalities: every one of them must be allowed to read it. NOFORN keeps
 * it for the home nationality; REL TO for the nationalities it lists.
 */
export function releasableTo(
  scheme: ClassificationScheme,
  portion: Classification,
  nationalities: readonly string[],
): boolean {
  if (nationalities.length === 0) return false;
  if (hasNoforn(scheme, portion.caveats) && nationalities.some((code) => code !== scheme.homeNationality))
    return false;
  return portion.relTo === null || nationalities.every((code) => portion.relTo?.includes(code));
}
