import { HANDOVER_KINDS, type PlaceKind } from '../../../../core/directory/places';
import { badRequest } from '../../../../core/errors';
import type { TransitionInput } from '../../../../core/requests/schemas';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import type { Db } from '../../../platform/db/database';
import { placeOf } from '../../directory/directory-lookups.repository';
import { insertHandover, type RequestRow } from '../requests.repository';

/** How far ahead of the server's clock a handover time may be (clocks of field devices drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What a handover says: where (a place of the gazetteer), when, to whom, and in what condition. */
export interface Handover {
  placeId: string;
  at: Date;
  receivedBy: string;
  condition: string;
}

const field = (name: string, message: string) => ({ path: `body.${name}`, message });

/**
 * A safe return's last step, checked before the change: all four facts given,
 * the place known, the time neither in the future nor before the request was
 * sent. Refusals name each missing or wrong field.
 */
export async function checkHandover(
  db: Db,
  row: RequestRow,
  input: TransitionInput,
  now: Date,
): Promise<Handover> {
  const missing = (['placeId', 'at', 'receivedBy', 'condition'] as const).filter((key) => !input[key]);
  if (missing.length > 0)
    throw badRequest(
      'missing_handover',
      `"hand-over" says where, when, to whom and in what condition: ${missing.join(', ')} missing.`,
      missing.map((key) => field(key, 'Required for a handover')),
    );
  const at = new Date(input.at as string);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw badRequest('handover_in_future', 'A handover cannot be recorded before it happens.', [
      field('at', 'The time is in the future'),
    ]);
  if (row.submitted_at && at < row.submitted_at)
    throw badRequest('handover_before_request', 'The handover time is before the request was sent.', [
      field('at', 'Before the request was sent'),
    ]);
  const place = (await placeOf(db, input.placeId as string))?.place;
  if (!place)
    throw badRequest('unknown_place', 'There is no such place in the gazetteer.', [
      field('placeId', 'Choose a crossing or liaison point of the gazetteer'),
    ]);
  if (!HANDOVER_KINDS.includes(place.kind as PlaceKind))
    throw badRequest('not_a_handover_place', 'A person is handed over at a crossing or a liaison office.', [
      field('placeId', 'Choose a crossing or liaison point of the gazetteer'),
    ]);
  return {
    placeId: place.id,
    at,
    receivedBy: input.receivedBy as string,
    condition: input.condition as string,
  };
}

/** Records the handover with the transition that completes the request. */
export function recordHandover(unit: Unit, caller: Caller, row: RequestRow, handover: Handover) {
  return insertHandover(unit.tx, {
    request_id: row.id,
    place_id: handover.placeId,
    at: handover.at,
    received_by: handover.receivedBy,
    condition: handover.condition,
    recorded_by: caller.actor.userId,
    recorded_at: unit.now,
  });
}
