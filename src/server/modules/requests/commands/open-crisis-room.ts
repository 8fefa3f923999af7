import { conflict, forbidden } from '../../../../core/errors';
import { formatBanner } from '../../../../core/marking/marking';
import { requestReference } from '../../../../core/requests/reference';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { staffOfDesks } from '../../directory/directory-lookups.repository';
import { storedLinks } from '../request-entries.repository';
import type { RequestCommandDeps } from './deps';
import { linkRecord } from './link-record';

/**
 * An incident's crisis room in one step (issue 15): the coordinator opens it
 * under the request's marking, with the staff of both desks who may see the
 * request, and the two link to each other. One room per request: opening it
 * again answers 409 with the room that exists.
 */
export async function openCrisisRoom(deps: RequestCommandDeps, caller: Caller, id: string): Promise<string> {
  const { queries } = deps;
  const row = await queries.find(caller, id);
  const type = queries.requireType(row.type_code);
  if (!type.crisisRoom)
    throw conflict('no_crisis_room', `A ${type.names.en.toLowerCase()} request does not open a crisis room.`);
  if (!(await queries.relationsOf(caller, row)).has('coordinator'))
    throw forbidden('coordinator_only', "Crisis rooms are opened by the coordinator's officers.");
  if (row.status === 'draft') throw conflict('request_not_submitted', 'The request is still a draft.');
  const existing = (await storedLinks(deps.db, id)).find(
    (link) => link.request_id === id && link.target_kind === 'channel',
  );
  if (existing && (await deps.linkables.channel(caller, existing.linked_id)))
    throw conflict('crisis_room_exists', 'This request has its crisis room already.', {
      channelId: existing.linked_id,
    });
  const desks = [row.receiving_desk_id, ...(row.requesting_desk_id ? [row.requesting_desk_id] : [])];
  // Only those cleared for the request are invited: the room is marked as the request is.
  const members = await queries.visibleAmong(deps.db, await staffOfDesks(deps.db, desks), row);
  const marking = markingOfRow(row);
  const channelId = await deps.rooms.openCrisisRoom(caller, {
    name: `${requestReference(row.number)} · ${row.summary}`.slice(0, 200),
    memberIds: members,
    marking: {
      classification: formatBanner(deps.deployment.scheme, marking),
      parties: marking.parties,
      groups: marking.groups,
    },
  });
  await linkRecord(deps, caller, id, { kind: 'channel', id: channelId });
  return channelId;
}
