import type { z } from 'zod';
import type { createDistrictSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { insertDistrict, namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { checkPlaceGeometry, existing } from './directory-checks';

/** Adds a district or an area of one to the gazetteer (administrators). Returns its id. */
export function createDistrict(
  deps: DirectoryCommandDeps,
  caller: Caller,
  input: z.output<typeof createDistrictSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'district', table: 'districts' },
    'created',
    async ({ tx }) => {
      if (input.parentId) await existing(tx, 'districts', 'id', input.parentId, 'district');
      checkPlaceGeometry(input.kind, input.geometry, input.source);
      return insertDistrict(tx, {
        code: input.code,
        kind: input.kind,
        parent_id: input.parentId,
        status: input.status,
        aliases: input.aliases,
        geometry: input.geometry ? JSON.stringify(input.geometry) : null,
        source: input.geometry && input.source ? JSON.stringify(input.source) : null,
        ...namesToColumns(input.names),
      });
    },
  );
}
