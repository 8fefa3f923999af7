import type { Role } from '../../../core/identity/schemas';
import { useSignedInMe } from '../identity/api';

/** Who watches every open request: supervisors over their party's, coordinators over all they may see. */
export const OVERSEER_ROLES: readonly Role[] = ['supervisor', 'coordinator'];

/** Only a party's people raise requests here; the server routes each to the other party's desk. */
export function useMayRaiseRequests(): boolean {
  const { user } = useSignedInMe();
  return user.party?.kind === 'party';
}
