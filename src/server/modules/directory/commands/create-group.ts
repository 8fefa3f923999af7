import type { z } from 'zod';
import type { createGroupSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { insertGroup, namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { checkParties } from './directory-checks';
import { setGroupMembers } from './set-group-members';

/** Adds a working group or need-to-know group with its members (administrators). Returns its id. */
export function createGroup(
  deps: DirectoryCommandDeps,
  caller: Caller,
  input: z.output<typeof createGroupSchema>,
) {
  return directoryChange(deps, caller, { type: 'group', table: 'groups' }, 'created', async ({ tx }) => {
    await checkParties(tx, input.parties);
    const id = await insertGroup(tx, {
      code: input.code,
      kind: input.kind,
      parties: input.parties,
      description: input.description && JSON.stringify(input.description),
      ...namesToColumns(input.names),
    });
    await setGroupMembers(tx, id, input.memberIds);
    return id;
  });
}
