import type { z } from 'zod';
import type { PlaceGeometry, PlaceSource } from '../../../../core/directory/places';
import type { updateDistrictSchema } from '../../../../core/directory/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { namesToColumns, updateDistrict as updateDistrictRow } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { checkPlaceGeometry, existing } from './directory-checks';

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
      const stored = await existing(tx, 'districts', 'id', id, 'district');
      if (input.parentId === id)
        throw badRequest('district_cycle', 'A district cannot be an area of itself.');
      if (input.parentId) await existing(tx, 'districts', 'id', input.parentId, 'district');
      const geometry =
        input.geometry === undefined ? (stored.geometry as PlaceGeometry | null) : input.geometry;
      const source = input.source === undefined ? (stored.source as PlaceSource | null) : input.source;
      checkPlaceGeometry(input.kind ?? stored.kind, geometry, source);
      await updateDistrictRow(
        tx,
        id,
        withoutUndefined({
          kind: input.kind,
          parent_id: input.parentId,
          status: input.status,
          aliases: input.aliases,
          geometry:
            input.geometry === undefined ? undefined : input.geometry && JSON.stringify(input.geometry),
          // A place without geometry keeps no source: the source is of the coordinates.
          source: geometry && source ? JSON.stringify(source) : null,
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      return id;
    },
  );
}
