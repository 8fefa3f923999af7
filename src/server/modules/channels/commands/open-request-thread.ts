import { actorsOf } from '../../../platform/actors.repository';
import type { Unit } from '../../../platform/change';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import { coordinatorParties } from '../../../platform/parties.repository';
import { staffOfDesks, usersWithRole } from '../../directory/directory-lookups.repository';
import { requestReference } from '../../notifications/reference';
import { findStoredRequest } from '../../requests/requests.repository';
import type { ChannelsContext } from '../channels.context';

export type OpenThreadDeps = Pick<ChannelsContext, 'deployment' | 'channels' | 'members'>;

/**
 * Opens the request's thread unless it has one, inside the transaction that
 * submits the request (the requests module's change: no change of its own).
 * Its first members are the submitter, the staff of the requesting and
 * receiving desks and the coordinator's duty officers, each only if cleared
 * for the request. Answers the thread's channel id.
 */
export async function openRequestThread(
  deps: OpenThreadDeps,
  unit: Pick<Unit, 'tx' | 'now' | 'emit'>,
  requestId: string,
  openedBy: string,
): Promise<string> {
  const { tx, now } = unit;
  const existing = await deps.channels.threadOf(requestId, tx);
  if (existing) return existing.id;
  const request = await findStoredRequest(tx, requestId);
  if (!request) throw new Error(`No request ${requestId} to open a thread for.`);
  const marking = markingOfRow(request);
  const deskIds = [request.requesting_desk_id, request.receiving_desk_id].filter((id) => id !== null);
  const candidates = [
    openedBy,
    request.requested_by,
    ...(await staffOfDesks(tx, deskIds)),
    ...(await usersWithRole(tx, await coordinatorParties(tx), 'duty-officer')),
  ];
  const members = (await actorsOf(tx, candidates))
    .filter((actor) => deps.deployment.rule.canSee(actor, marking))
    .map((actor) => actor.userId);
  const { id } = await deps.channels.insertChannel(tx, {
    kind: 'request',
    name: `${requestReference(request.number)} · ${request.summary}`,
    request_id: requestId,
    created_by: openedBy,
    created_at: now,
    ...markingToColumns(marking),
  });
  await deps.members.addMembers(tx, id, members, openedBy, now);
  // One event for all the first members (its audience is the members): submitting stays one short transaction.
  unit.emit({ type: 'channel.opened', subjectType: 'channel', subjectId: id });
  return id;
}
