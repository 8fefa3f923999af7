import type { z } from 'zod';
import type { createUnitSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { insertUnit, namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { checkUnitParent, existing } from './directory-checks';

/** Adds a unit to its party's tree (administrators). Returns its id. */
export function createUnit(
  deps: DirectoryCommandDeps,
  caller: Caller,
  input: z.output<typeof createUnitSchema>,
) {
  return directoryChange(deps, caller, { type: 'unit', table: 'units' }, 'created', async ({ tx }) => {
    const party = await existing(tx, 'parties', 'code', input.partyCode, 'party');
    await checkUnitParent(tx, party.id, input.parentId, null);
    return insertUnit(tx, {
      code: input.code,
      party_id: party.id,
      parent_id: input.parentId,
      kind: input.kind,
      ...namesToColumns(input.names),
    });
  });
}
