import { notFound } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { DirectoryRepository } from '../directory.repository';
import { deleteShift as deleteShiftRow } from '../roster.repository';
import type { DirectoryCommandDeps } from './directory-change';
import { rosterKeeperDesk, shiftAuditNote } from './roster-checks';

/** Takes a shift off a desk's roster (those who keep the roster; anyone else gets 404). */
export async function deleteShift(
  deps: DirectoryCommandDeps,
  caller: Caller,
  deskId: string,
  shiftId: string,
) {
  await rosterKeeperDesk(deps.db, caller, deskId);
  const shift = await new DirectoryRepository(deps.db).findShift(shiftId);
  if (!shift || shift.desk_id !== deskId) throw notFound('shift_not_found', 'There is no such shift.');
  await deps.change(caller, 'shift.deleted', async ({ tx, audit }) => {
    await deleteShiftRow(tx, shiftId);
    audit(await shiftAuditNote(deps, tx, shiftId, { before: shift, details: { deskId } }));
  });
}
