import type { z } from 'zod';
import type { updateDirectoryUserSchema } from '../../../../core/directory/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { IdentityRepository } from '../../identity/identity.repository';
import { removeDesksOutsideParty, replaceDesksOfUser } from '../desks.repository';
import { replaceGroupsOfUser } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { checkClearance, checkPlaces, existing } from './directory-checks';

/**
 * Changes a person's place in the directory, roles, clearance or account state
 * (administrators). Accounts are created by identity; the directory places
 * them. Disabling an account ends its sessions; a move to another party ends
 * the staffing of the old party's desks.
 */
export function updatePerson(
  deps: DirectoryCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateDirectoryUserSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'user', table: 'users', id },
    'updated',
    async ({ tx, now }) => {
      const user = await existing(tx, 'users', 'id', id, 'user');
      let partyId = user.party_id;
      if (input.partyCode !== undefined) {
        partyId = input.partyCode
          ? (await existing(tx, 'parties', 'code', input.partyCode, 'party')).id
          : null;
      }
      if (input.clearance !== undefined) checkClearance(deps.deployment, input.clearance);
      const unitId =
        input.unitId === undefined ? (input.partyCode !== undefined ? null : user.unit_id) : input.unitId;
      await checkPlaces(tx, partyId, { unitId, deskIds: input.deskIds, groupIds: input.groupIds });
      if (caller.actor.userId === id && input.disabled) {
        throw badRequest('cannot_disable_self', 'You cannot disable your own account.');
      }
      const accounts = new IdentityRepository(tx);
      await accounts.updateUser(
        id,
        withoutUndefined({
          display_name: input.displayName,
          email: input.email,
          roles: input.roles && [...new Set(input.roles)],
          nationality: input.nationality,
          clearance: input.clearance,
          party_id: partyId,
          unit_id: unitId,
          disabled_at: input.disabled === undefined ? undefined : input.disabled ? now : null,
          updated_at: now,
        }),
      );
      if (input.disabled) await accounts.revokeSessionsOfUser(id, now);
      if (input.deskIds) await replaceDesksOfUser(tx, id, [...new Set(input.deskIds)]);
      // A move to another party ends the staffing of the old party's desks.
      else if (partyId !== user.party_id) await removeDesksOutsideParty(tx, id, partyId);
      if (input.groupIds) await replaceGroupsOfUser(tx, id, [...new Set(input.groupIds)]);
      return id;
    },
  );
}
