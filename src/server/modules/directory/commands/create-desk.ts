import type { z } from 'zod';
import type { createDeskSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { insertDesk, pairDesks } from '../desks.repository';
import { namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { checkDeskLinks, existing } from './directory-checks';

/** Adds a desk, paired with the counterpart desk of another party for the same district (administrators). */
export function createDesk(
  deps: DirectoryCommandDeps,
  caller: Caller,
  input: z.output<typeof createDeskSchema>,
) {
  return directoryChange(deps, caller, { type: 'desk', table: 'desks' }, 'created', async ({ tx }) => {
    const party = await existing(tx, 'parties', 'code', input.partyCode, 'party');
    await checkDeskLinks(tx, party.id, input);
    const id = await insertDesk(tx, {
      code: input.code,
      party_id: party.id,
      district_id: input.districtId,
      unit_id: input.unitId,
      phone: input.phone,
      ...namesToColumns(input.names),
    });
    await pairDesks(tx, id, input.counterpartId);
    return id;
  });
}
