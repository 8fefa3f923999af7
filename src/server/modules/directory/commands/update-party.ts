import type { z } from 'zod';
import type { updatePartySchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { namesToColumns, updateParty as updatePartyRow } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { existing } from './directory-checks';

/** Changes a party, found by its code (administrators). */
export function updateParty(
  deps: DirectoryCommandDeps,
  caller: Caller,
  code: string,
  input: z.output<typeof updatePartySchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'party', table: 'parties', code },
    'updated',
    async ({ tx, now }) => {
      const { id } = await existing(tx, 'parties', 'code', code, 'party');
      await updatePartyRow(
        tx,
        id,
        withoutUndefined({
          colour: input.colour,
          nationalities: input.nationalities,
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      return id;
    },
  );
}
