import { createRefusalOf } from '../channels/rules';
import {
  AUDITOR_ROLES,
  CONSENT_ROLES,
  COORDINATING_ROLES,
  DIRECTORY_KEEPER_ROLES,
  holdsAny,
  OVERSEER_ROLES,
  REPORT_WRITER_ROLES,
  SUBMISSION_WRITER_ROLES,
} from './roles';
import type { Abilities, PartySummary, Role } from './schemas';

/** What abilities are computed from: the signed-in user's roles and party. */
export interface AbilityFacts {
  roles: readonly Role[];
  party: Pick<PartySummary, 'code' | 'kind'> | null;
}

/**
 * What the signed-in user may do, outside any one record (a record's own
 * `actions` say what they may do with it). The server sends this with
 * `/api/me`, computed from the rules its commands enforce, so the web shows
 * only the buttons the server will accept.
 */
export function abilitiesOf({ roles, party }: AbilityFacts): Abilities {
  const coordinating = party !== null && holdsAny(roles, COORDINATING_ROLES);
  const ofCoordinator = party?.kind === 'coordinator';
  const writesReports = ofCoordinator && holdsAny(roles, REPORT_WRITER_ROLES);
  return {
    // requests: requestingParty (a party and a coordinating role); the coordinator names the party it asks
    raiseRequests: coordinating,
    raiseRequestsAsCoordinator: coordinating && ofCoordinator,
    // requests: relationsOf gives a party's coordinating people the receiver's side at their desk
    receiveRequests: coordinating && party?.kind === 'party',
    overseeRequests: holdsAny(roles, OVERSEER_ROLES),
    watchBreaches: roles.includes('coordinator'),
    // reports: authorParty (the coordinator's officers and coordinators), which cable imports use too
    browseReports: ofCoordinator,
    writeReports: writesReports,
    importCables: writesReports,
    // submissions: submissionWriterParty; the coordinator's officers read and release what is addressed to them
    browseSubmissions: coordinating,
    writeSubmissions: party?.kind === 'party' && holdsAny(roles, SUBMISSION_WRITER_ROLES),
    decideConsents: party?.kind === 'party' && holdsAny(roles, CONSENT_ROLES),
    // channels: createRefusalOf, and the directory channels' keepers
    openChannels: createRefusalOf('standing', party?.code ?? null, roles) === null,
    openCrisisRooms: createRefusalOf('crisis', party?.code ?? null, roles) === null,
    syncDirectoryChannels: holdsAny(roles, DIRECTORY_KEEPER_ROLES),
    // audit routes: requireAnyRoleOrHide(auditors); directory routes: administratorsOnly
    audit: holdsAny(roles, AUDITOR_ROLES),
    administer: roles.includes('administrator'),
  };
}
