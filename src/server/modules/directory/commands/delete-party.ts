import type { Caller } from '../../../platform/caller';
import { deleteEntry } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';
import { existing } from './directory-checks';

/** Removes a party nothing uses any more (administrators); one still in use is a 409 in_use. */
export function deleteParty(deps: DirectoryCommandDeps, caller: Caller, code: string) {
  return directoryChange(
    deps,
    caller,
    { type: 'party', table: 'parties', code },
    'deleted',
    async ({ tx }) => {
      const { id } = await existing(tx, 'parties', 'code', code, 'party');
      await deleteEntry(tx, 'parties', id);
      return id;
    },
  );
}
