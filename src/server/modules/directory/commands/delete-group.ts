import type { Caller } from '../../../platform/caller';
import { deleteEntry } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { existing } from './directory-checks';

/** Removes a group nothing uses any more (administrators); one still in use is a 409 in_use. */
export function deleteGroup(deps: DirectoryCommandDeps, caller: Caller, id: string) {
  return directoryChange(deps, caller, { type: 'group', table: 'groups', id }, 'deleted', async ({ tx }) => {
    await existing(tx, 'groups', 'id', id, 'group');
    await deleteEntry(tx, 'groups', id);
    return id;
  });
}
