import type { Locale } from '../../../../core/i18n/locales';
import { type IdentityDeps, unauditedChange } from './account-change';

export interface PartyToEnsure {
  code: string;
  kind: 'coordinator' | 'party';
  names: Record<Locale, string>;
}

/** Seeding: the id of the party with this code, created first when missing (not an account event: no audit entry). */
export async function ensureParty(deps: IdentityDeps, party: PartyToEnsure): Promise<string> {
  const existing = await deps.repo.findPartyByCode(party.code);
  if (existing) return existing.id;
  const { id } = await unauditedChange(deps, 'party.seeded', (repo) =>
    repo.insertParty({
      code: party.code,
      kind: party.kind,
      name_en: party.names.en,
      name_ar: party.names.ar,
      name_he: party.names.he,
    }),
  );
  return id;
}
