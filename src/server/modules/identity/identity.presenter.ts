import type { Locale } from '../../../core/i18n/locales';
import { abilitiesOf } from '../../../core/identity/abilities';
import type { MeDto, Role, UserDto } from '../../../core/identity/schemas';
import type { ApiTokenRow } from '../../platform/db/schema';
import type { Authenticated } from './identity.queries';
import type { UserWithParty } from './identity.repository';

export function presentUser(user: UserWithParty): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    roles: user.roles as Role[],
    language: user.language as Locale,
    nationality: user.nationality,
    clearance: user.clearance,
    party: user.party
      ? {
          code: user.party.code,
          kind: user.party.kind,
          names: { en: user.party.name_en, ar: user.party.name_ar, he: user.party.name_he },
        }
      : null,
    totpEnabled: user.totp_secret !== null,
    disabled: user.disabled_at !== null,
    createdAt: user.created_at.toISOString(),
  };
}

/** The signed-in user, how they proved it, and what they may do (from the rules the server's commands enforce). */
export function presentMe(auth: Authenticated): MeDto {
  const user = presentUser(auth.user);
  return {
    user,
    abilities: abilitiesOf(user),
    mustEnrolTotp: auth.mustEnrolTotp,
    authenticatedBy: auth.via,
  };
}

export function presentApiToken(token: ApiTokenRow) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.created_at.toISOString(),
    lastUsedAt: token.last_used_at?.toISOString() ?? null,
    expiresAt: token.expires_at?.toISOString() ?? null,
  };
}
