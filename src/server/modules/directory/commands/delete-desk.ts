import type { Caller } from '../../../platform/caller';
import { deleteEntry } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { existing } from './directory-checks';

/** Removes a desk nothing uses any more (administrators); one still in use is a 409 in_use. */
export function deleteDesk(deps: DirectoryCommandDeps, caller: Caller, id: string) {
  return directoryChange(deps, caller, { type: 'desk', table: 'desks', id }, 'deleted', async ({ tx }) => {
    await existing(tx, 'desks', 'id', id, 'desk');
    await deleteEntry(tx, 'desks', id);
    return id;
  });
}
