import type { z } from 'zod';
import { badRequest, forbidden } from '../../../../core/errors';
import { COORDINATING_ROLES, holdsAny } from '../../../../core/identity/roles';
import type { Marking } from '../../../../core/marking/marking';
import { summaryOf } from '../../../../core/requests/fields';
import type { createRequestSchema } from '../../../../core/requests/schemas';
import { trailMarking } from '../../../../core/requests/visibility';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import { markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { coordinatorParties, partyKind } from '../../../platform/parties.repository';
import { deskIdsOf, deskMemberIds, desksIn, placeOf } from '../../directory/directory-lookups.repository';
import { addHistory, insertRequest } from '../requests.repository';
import { checkFields, searchExtraOfRequest } from './checks';
import type { RequestCommandDeps } from './deps';
import { submitRequest } from './transition-request';

type CreateInput = z.output<typeof createRequestSchema>;

/**
 * Raises a request to the other party's desk for the district, as a draft
 * (`request.drafted`) or submitted at once (`request.submitted`). Answers its id.
 */
export async function createRequest(
  deps: RequestCommandDeps,
  caller: Caller,
  input: CreateInput,
): Promise<string> {
  const type = deps.queries.typeOf(input.type);
  if (!type) {
    const known = deps.queries
      .types()
      .map((t) => t.code)
      .join(', ');
    throw badRequest(
      'unknown_request_type',
      `Unknown request type "${input.type}"; this deployment has: ${known}.`,
      [{ path: 'body.type', message: `Unknown request type; one of: ${known}` }],
    );
  }
  const party = requestingParty(caller);
  const route = await routeOf(deps, caller, party, input.districtId, input.toParty);
  const fields = checkFields(type, input.fields, input.draft);
  const priority = input.priority ?? type.defaultPriority;
  const marking = await markingFor(deps, caller, input.marking, [party, route.toParty]);
  await checkReceiverCanSee(deps, route.receivingDeskId, marking);
  const action = input.draft ? 'request.drafted' : 'request.submitted';
  return deps.change(caller, action, async (unit) => {
    const { tx, now } = unit;
    const id = await insertRequest(tx, {
      type_code: type.code,
      status: 'draft',
      priority,
      district_id: input.districtId,
      from_party: party,
      to_party: route.toParty,
      receiving_desk_id: route.receivingDeskId,
      requesting_desk_id: route.requestingDeskId,
      requested_by: caller.actor.userId,
      fields: JSON.stringify(fields),
      summary: summaryOf(type, fields),
      search_extra: searchExtraOfRequest(fields),
      created_at: now,
      updated_at: now,
      ...markingToColumns(marking),
    });
    await addHistory(tx, id, {
      kind: 'created',
      action: 'create',
      to: 'draft',
      actor: caller.actor,
      deskId: route.requestingDeskId,
      at: now,
    });
    if (!input.draft) await submitRequest(deps, unit, caller, id, type, priority, route.requestingDeskId);
    unit.audit({
      subject: { type: 'request', id },
      after: { type: type.code, priority, fields, district: input.districtId },
      details: { type: type.code, priority, toParty: route.toParty },
      marking: trailMarking(marking, { status: input.draft ? 'draft' : 'submitted', fromParty: party }),
    });
    return id;
  });
}

function requestingParty(caller: Caller): string {
  const party = caller.actor.party;
  if (!party || !holdsAny(caller.roles, COORDINATING_ROLES))
    throw forbidden(
      'may_not_request',
      'Only officers, supervisors and coordinators of a party send requests.',
    );
  return party;
}

/**
 * A request goes to the other party's desk for the district: the counterpart
 * of the requester's own desk there, or the one desk of another party. A
 * coordinator names the party it asks.
 */
async function routeOf(
  { db }: RequestCommandDeps,
  caller: Caller,
  party: string,
  districtId: string,
  toParty?: string,
) {
  const place = await placeOf(db, districtId);
  if (!place)
    throw badRequest('unknown_district', 'There is no such district.', [
      { path: 'body.districtId', message: 'Unknown district' },
    ]);
  const desks = await desksIn(db, place.deskDistrictIds);
  const myDeskIds = new Set(await deskIdsOf(db, caller.actor.userId));
  const requestingDesk = desks.find((desk) => myDeskIds.has(desk.id)) ?? null;
  const isCoordinator = (await partyKind(db, party)) === 'coordinator';
  if (isCoordinator && !toParty)
    throw badRequest('to_party_required', 'A coordinator names the party the request is for.', [
      { path: 'body.toParty', message: 'Required for a coordinator: the party the request is for' },
    ]);
  if (toParty === party)
    throw badRequest('to_own_party', 'A request goes to another party.', [
      { path: 'body.toParty', message: 'Not your own party' },
    ]);
  const candidates = desks.filter(
    (desk) => desk.party_code !== party && desk.kind === 'party' && (!toParty || desk.party_code === toParty),
  );
  const counterpart =
    requestingDesk?.counterpart_id && candidates.find((desk) => desk.id === requestingDesk.counterpart_id);
  const receiving = counterpart || (candidates.length === 1 ? candidates[0] : undefined);
  if (!receiving)
    throw badRequest(
      'no_receiving_desk',
      `No desk of ${toParty ?? 'the other party'} receives requests for ${place.place.name_en}.`,
      [{ path: 'body.districtId', message: 'No receiving desk for this district' }],
    );
  return {
    toParty: receiving.party_code,
    receivingDeskId: receiving.id,
    requestingDeskId: requestingDesk?.id ?? null,
  };
}

/** The audience of a request is always its two parties and the coordinator that brokers between them. */
async function markingFor(
  { db, deployment }: RequestCommandDeps,
  caller: Caller,
  input: CreateInput['marking'],
  parties: string[],
): Promise<Marking> {
  const coordinators = await coordinatorParties(db);
  return resolveMarking(
    db,
    deployment,
    caller,
    {
      classification: input?.classification ?? `(${deployment.lowest})`,
      parties: [...parties, ...coordinators],
      groups: input?.groups ?? [],
    },
    'body.marking',
  );
}

/** A request its receiving desk cannot read would sit unanswered: refuse it while the author can fix it. */
async function checkReceiverCanSee({ db, deployment }: RequestCommandDeps, deskId: string, marking: Marking) {
  const actors = await actorsOf(db, await deskMemberIds(db, deskId));
  if (actors.length > 0 && !actors.some((actor) => deployment.rule.canSee(actor, marking)))
    throw badRequest(
      'marking_hides_from_receiver',
      'Nobody at the receiving desk could read a request marked this way: lower the level, or remove the releasability limit or groups.',
      [{ path: 'body.marking.classification', message: 'The receiving desk could not read it' }],
    );
}
