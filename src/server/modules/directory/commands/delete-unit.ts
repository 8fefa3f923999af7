import type { Caller } from '../../../platform/caller';
import { deleteEntry } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { existing } from './directory-checks';

/** Removes a unit nothing sits under or uses any more (administrators); one still in use is a 409 in_use. */
export function deleteUnit(deps: DirectoryCommandDeps, caller: Caller, id: string) {
  return directoryChange(deps, caller, { type: 'unit', table: 'units', id }, 'deleted', async ({ tx }) => {
    await existing(tx, 'units', 'id', id, 'unit');
    await deleteEntry(tx, 'units', id);
    return id;
  });
}
