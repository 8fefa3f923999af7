import type { z } from 'zod';
import type { createShiftSchema } from '../../../../core/directory/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { addDeskMember } from '../desks.repository';
import { userStanding } from '../people.repository';
import { insertShift } from '../roster.repository';
import type { DirectoryCommandDeps } from './directory-change';
import { rosterKeeperDesk, shiftAuditNote } from './roster-checks';

/**
 * Puts someone of the desk's own party on its roster (administrators, and
 * supervisors of that party; anyone else gets 404), and on its staff if they
 * were not. Returns the shift's id.
 */
export async function createShift(
  deps: DirectoryCommandDeps,
  caller: Caller,
  deskId: string,
  input: z.output<typeof createShiftSchema>,
) {
  const desk = await rosterKeeperDesk(deps.db, caller, deskId);
  const user = await userStanding(deps.db, input.userId);
  if (!user || user.disabled_at) throw badRequest('unknown_user', 'There is no such active user.');
  if (user.party_id !== desk.party_id) {
    throw badRequest('user_of_other_party', "Only people of the desk's own party can be on its roster.");
  }
  return deps.change(caller, 'shift.created', async ({ tx, audit }) => {
    await addDeskMember(tx, deskId, input.userId);
    const shift = await insertShift(tx, {
      desk_id: deskId,
      user_id: input.userId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
    });
    audit(await shiftAuditNote(deps, tx, shift.id, { after: shift, details: { deskId } }));
    return shift.id;
  });
}
