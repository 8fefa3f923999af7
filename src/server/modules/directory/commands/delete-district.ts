import type { Caller } from '../../../platform/caller';
import { deleteEntry } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { existing } from './directory-checks';

/** Removes a district or area nothing uses any more (administrators); one still in use is a 409 in_use. */
export function deleteDistrict(deps: DirectoryCommandDeps, caller: Caller, id: string) {
  return directoryChange(
    deps,
    caller,
    { type: 'district', table: 'districts', id },
    'deleted',
    async ({ tx }) => {
      await existing(tx, 'districts', 'id', id, 'district');
      await deleteEntry(tx, 'districts', id);
      return id;
    },
  );
}
