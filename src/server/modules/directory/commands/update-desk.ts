import type { z } from 'zod';
import type { updateDeskSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { pairDesks, updateDesk as updateDeskRow } from '../desks.repository';
import { namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { checkDeskLinks, existing } from './directory-checks';

/** Changes a desk, or pairs it anew (administrators). */
export function updateDesk(
  deps: DirectoryCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateDeskSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'desk', table: 'desks', id },
    'updated',
    async ({ tx, now }) => {
      const desk = await existing(tx, 'desks', 'id', id, 'desk');
      const merged = {
        districtId: input.districtId === undefined ? desk.district_id : input.districtId,
        unitId: input.unitId === undefined ? desk.unit_id : input.unitId,
        counterpartId: input.counterpartId === undefined ? desk.counterpart_id : input.counterpartId,
      };
      await checkDeskLinks(tx, desk.party_id, merged, id);
      await updateDeskRow(
        tx,
        id,
        withoutUndefined({
          district_id: input.districtId,
          unit_id: input.unitId,
          phone: input.phone,
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      if (input.counterpartId !== undefined) await pairDesks(tx, id, input.counterpartId);
      return id;
    },
  );
}
