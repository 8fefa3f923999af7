import { notFound } from '../../../../core/errors';
import type { Marking } from '../../../../core/marking/marking';
import type { Caller } from '../../../platform/caller';
import type { AuditNote } from '../../../platform/change';
import type { Db, Tx } from '../../../platform/db/database';
import type { DeploymentContext } from '../../../platform/deployment-context';
import { findDeskWithParty } from '../desks.repository';
import { mayKeepRoster } from '../directory.policy';
import { listPartyCodes } from '../places.repository';

/** The desk whose roster the caller keeps; 404 when there is no such desk, or when they do not keep it. */
export async function rosterKeeperDesk(db: Db, caller: Caller, deskId: string) {
  const desk = await findDeskWithParty(db, deskId);
  if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
  if (!mayKeepRoster({ party: caller.actor.party, roles: caller.roles }, desk))
    throw notFound('not_found', 'Not found.');
  return desk;
}

/** Rosters are open to every party, and so are the audit entries about them. */
export async function shiftAuditNote(
  { deployment }: { deployment: DeploymentContext },
  tx: Tx,
  id: string,
  change: { before?: unknown; after?: unknown; details: Record<string, unknown> },
): Promise<AuditNote> {
  const parties = await listPartyCodes(tx);
  return { subject: { type: 'shift', id }, ...change, marking: { level: deployment.lowest, parties } };
}

/** An audit entry about a note carries the note's marking: only those who may see the note see the entry. */
export function handoverNoteAuditNote(
  id: string,
  marking: Marking,
  change: { before?: { desk_id: string }; after?: { desk_id: string } },
): AuditNote {
  return {
    subject: { type: 'handover-note', id },
    ...change,
    details: { deskId: (change.after ?? change.before)?.desk_id },
    marking,
  };
}
