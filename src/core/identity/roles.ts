import type { Role } from './schemas';

/**
 * Which roles may do what, as pure policy: the server's checks and the
 * abilities it sends the web (`abilitiesOf`) read these same lists, so the
 * web never restates them.
 */

/** Roles that speak for a party in coordination (raise requests, open channels); an administrator alone does not. */
export const COORDINATING_ROLES: readonly Role[] = ['officer', 'duty-officer', 'supervisor', 'coordinator'];

/** The coordinator's people who write reports and import cables. */
export const REPORT_WRITER_ROLES: readonly Role[] = ['coordinator', 'officer'];

/** A party's people who hand the coordinator submissions for onward release. */
export const SUBMISSION_WRITER_ROLES: readonly Role[] = ['officer', 'duty-officer', 'supervisor'];

/** Who decides whether the coordinator may release what the party submitted (its supervisors). */
export const CONSENT_ROLES: readonly Role[] = ['supervisor'];

/** Who reads the audit log and signs its checkpoints. */
export const AUDITOR_ROLES: readonly Role[] = ['administrator', 'coordinator'];

/** Who opens the channels made from the directory. */
export const DIRECTORY_KEEPER_ROLES: readonly Role[] = ['administrator', 'coordinator'];

/** Who watches every open request they may see, not only their own desk's: supervisors and coordinators. */
export const OVERSEER_ROLES: readonly Role[] = ['supervisor', 'coordinator'];

/** Whether `roles` holds any of `of`. */
export const holdsAny = (roles: readonly string[], of: readonly Role[]): boolean =>
  roles.some((role) => (of as readonly string[]).includes(role));
