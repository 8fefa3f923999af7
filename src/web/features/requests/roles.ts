import type { Role } from '../../../core/identity/schemas';
import { useSignedInMe } from '../identity/api';

/** Who watches every open request: supervisors over their party's, coordinators over all they may see. */
export const OVERSEER_ROLES: readonly Role[] = ['supervisor', 'coordinator'];

/** The coordinator's people who may raise a request (the server's rule; its administrators may not). */
const COORDINATOR_REQUESTING_ROLES: readonly Role[] = [
  'officer',
  'duty-officer',
  'supervisor',
  'coordinator',
];

/** One of a party's people (not the coordinator's): their desk receives requests. */
export function useInParty(): boolean {
  return useSignedInMe().user.party?.kind === 'party';
}

/**
 * A party's people raise requests, which the server routes to the other
 * party's desk; so do the coordinator's, naming the party they ask.
 */
export function useMayRaiseRequests(): boolean {
  const { user } = useSignedInMe();
  if (user.party?.kind === 'party') return true;
  return (
    user.party?.kind === 'coordinator' &&
    user.roles.some((role) => COORDINATOR_REQUESTING_ROLES.includes(role))
  );
}

/** A coordinator's request has no "other party": the form asks which party it is for. */
export function useRaisesAsCoordinator(): boolean {
  return useSignedInMe().user.party?.kind === 'coordinator';
}
