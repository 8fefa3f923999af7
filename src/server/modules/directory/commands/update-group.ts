import type { z } from 'zod';
import type { updateGroupSchema } from '../../../../core/directory/schemas';
import type { Caller } from '../../../platform/caller';
import { namesToColumns, updateGroup as updateGroupRow } from '../places.repository';
import { type DirectoryCommandDeps, directoryChange, withoutUndefined } from './directory-change';
import { checkParties, existing } from './directory-checks';
import { setGroupMembers } from './set-group-members';

/** Changes a group, or its members (administrators). */
export function updateGroup(
  deps: DirectoryCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateGroupSchema>,
) {
  return directoryChange(
    deps,
    caller,
    { type: 'group', table: 'groups', id },
    'updated',
    async ({ tx, now }) => {
      await existing(tx, 'groups', 'id', id, 'group');
      if (input.parties) await checkParties(tx, input.parties);
      await updateGroupRow(
        tx,
        id,
        withoutUndefined({
          parties: input.parties,
          description:
            input.description === undefined
              ? undefined
              : input.description && JSON.stringify(input.description),
          ...(input.names ? namesToColumns(input.names) : {}),
          updated_at: now,
        }),
      );
      if (input.memberIds) await setGroupMembers(tx, id, input.memberIds);
      return id;
    },
  );
}
