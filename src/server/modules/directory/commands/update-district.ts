import type { z } from 'zod';
import type { updateDistrictSchema } from '../../../../core/directory/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { namesToColumns, updateDistrict as updateDistrictRow } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { existing } from './directory-checks';

/** Changes a district or area of the gazetteer (administrators). */
export function updateDistrict(
  deps: DirectoryCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateDistrictSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'district', table: 'districts', id },
    'updated',
    async ({ tx, now }) => {
      await existing(tx, 'districts', 'id', id, 'district');
      if (input.parentId === id)
        throw badRequest('district_cycle', 'A district cannot be an area of itself.');
      if (input.parentId) await existing(tx, 'districts', 'id', input.parentId, 'district');
      await updateDistrictRow(
        tx,
        id,
        withoutUndefined({
          parent_id: input.parentId,
          status: input.status,
          aliases: input.aliases,
          geometry:
            input.geometry === undefined ? undefined : input.geometry && JSON.stringify(input.geometry),
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      return id;
    },
  );
}
