import type { z } from 'zod';
import type { createPartySchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { insertParty, namesToColumns } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange } from './directory-change';

/** Adds a party (administrators; the route checks). Returns its id. */
export function createParty(
  deps: DirectoryCommandDeps,
  caller: Caller,
  input: z.output<typeof createPartySchema>,
) {
  return directoryChange(deps, caller, { type: 'party', table: 'parties' }, 'created', ({ tx }) =>
    insertParty(tx, {
      code: input.code,
      kind: input.kind,
      colour: input.colour,
      nationalities: input.nationalities,
      ...namesToColumns(input.names),
    }),
  );
}
