import type { z } from 'zod';
import type { updateUnitSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { namesToColumns, updateUnit as updateUnitRow } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { checkUnitParent, existing } from './directory-checks';

/** Changes a unit, or moves it within its party's tree (administrators). */
export function updateUnit(
  deps: DirectoryCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateUnitSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'unit', table: 'units', id },
    'updated',
    async ({ tx, now }) => {
      const unit = await existing(tx, 'units', 'id', id, 'unit');
      if (input.parentId !== undefined) await checkUnitParent(tx, unit.party_id, input.parentId, id);
      await updateUnitRow(
        tx,
        id,
        withoutUndefined({
          parent_id: input.parentId,
          kind: input.kind,
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      return id;
    },
  );
}
