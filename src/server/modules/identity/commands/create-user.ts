import { randomUUID } from 'node:crypto';
import { badRequest, conflict } from '../../../../core/errors';
import { type CreateUserRequest, usernameSchema } from '../../../../core/identity/schemas';
import { accountOf } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { assertPasswordAcceptable, hashPassword } from '../passwords';
import { accountChange, type IdentityDeps } from './account-change';

/** Who creates an account and from where; absent for the system (seeding, CLI). */
export interface CreatedBy {
  actor: UserWithParty;
  ip: string | null;
}

/** Creates an account (`user.created`), in a party named by its code. */
export async function createUser(
  deps: IdentityDeps,
  request: CreateUserRequest,
  by: CreatedBy | null = null,
): Promise<UserWithParty> {
  const username = usernameSchema.parse(request.username);
  if (await deps.repo.findUserByUsername(username)) {
    throw conflict('username_taken', `The username ${username} is already taken.`);
  }
  assertPasswordAcceptable(request.password, username);
  let partyId: string | null = null;
  if (request.partyCode) {
    const party = await deps.repo.findPartyByCode(request.partyCode);
    if (!party)
      throw badRequest('unknown_party', `There is no party with code ${request.partyCode}.`, [], {
        party: request.partyCode,
      });
    partyId = party.id;
  }
  const id = randomUUID();
  const hash = await hashPassword(request.password);
  const event = {
    action: 'user.created',
    subject: { id, party_id: partyId },
    actor: by?.actor ?? null,
    ip: by?.ip ?? null,
  };
  await accountChange(deps, event, (repo, now) =>
    repo.insertUser({
      id,
      username,
      display_name: request.displayName,
      email: request.email ?? null,
      password_hash: hash,
      roles: [...new Set(request.roles)],
      language: request.language,
      nationality: request.nationality,
      clearance: request.clearance,
      party_id: partyId,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    }),
  );
  return accountOf(deps.repo, id);
}
