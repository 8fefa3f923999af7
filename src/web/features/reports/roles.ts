import type { Role } from '../../../core/identity/schemas';
import { useSignedInMe } from '../identity/api';

/** The coordinator's people who write and import reports (the server's rule: AUTHOR_ROLES). */
const AUTHOR_ROLES: readonly Role[] = ['coordinator', 'officer'];

function useOfCoordinator(): boolean {
  return useSignedInMe().user.party?.kind === 'coordinator';
}

/** Writes reports and imports cables: the coordinator's officers and coordinators. */
export function useMayWriteReports(): boolean {
  const { user } = useSignedInMe();
  const coordinator = useOfCoordinator();
  return coordinator && user.roles.some((role) => AUTHOR_ROLES.includes(role));
}
