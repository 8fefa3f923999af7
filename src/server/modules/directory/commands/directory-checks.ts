import {
  geometryProblem,
  type PlaceGeometry,
  type PlaceKind,
  type PlaceSource,
} from '../../../../core/directory/places';
import { badRequest, notFound } from '../../../../core/errors';
import { levelRank } from '../../../../core/marking/marking';
import type { Db } from '../../../platform/db/database';
import type { DeploymentContext } from '../../../platform/deployment-context';
import { partiesOfDesks } from '../desks.repository';
import {
  type EntryRow,
  type EntryTable,
  existingGroupIds,
  findEntry,
  listPartyCodes,
  unitTree,
} from '../places.repository';

/** The checks several directory commands share, each answering with the problem a person can act on. */

/** The row, or a 404 named after the noun (`party_not_found`, `counterpart_desk_not_found`). */
export async function existing<T extends EntryTable>(
  db: Db,
  table: T,
  column: 'id' | 'code',
  value: string,
  noun: string,
): Promise<EntryRow<T>> {
  const row = await findEntry(db, table, column, value);
  if (!row) throw notFound(`${noun.replaceAll(' ', '_')}_not_found`, `There is no ${noun} ${value}.`);
  return row;
}

/** Clearances are levels of the deployment's scheme. */
export function checkClearance({ scheme }: DeploymentContext, clearance: string) {
  if (levelRank(scheme, clearance) >= 0) return;
  const levels = scheme.levels.map((level) => level.code).join(', ');
  throw badRequest('unknown_clearance', `Clearance must be one of ${levels}.`, [
    { path: 'body.clearance', message: `Must be one of ${levels}` },
  ]);
}

/** A crossing or liaison office is a point; coordinates come only with the public source they were taken from. */
export function checkPlaceGeometry(
  kind: PlaceKind,
  geometry: PlaceGeometry | null | undefined,
  source: PlaceSource | null | undefined,
) {
  const problem = geometryProblem(kind, geometry);
  if (problem)
    throw badRequest('place_geometry_kind', `${problem}.`, [{ path: 'body.geometry', message: problem }]);
  if (geometry && !source)
    throw badRequest(
      'place_source_required',
      'Coordinates need their public source: give source (name, url, licence), or leave the geometry out.',
      [{ path: 'body.source', message: 'Name the public source of these coordinates' }],
    );
}

/** A parent must be a unit of the same party and not the unit itself or one of its descendants. */
export async function checkUnitParent(
  db: Db,
  partyId: string,
  parentId: string | null,
  unitId: string | null,
) {
  if (parentId === null) return;
  const units = await unitTree(db);
  const parent = units.find((unit) => unit.id === parentId);
  if (!parent) throw badRequest('unknown_parent', 'The parent unit does not exist.');
  if (parent.party_id !== partyId) {
    throw badRequest('parent_of_other_party', 'A unit can only sit under a unit of its own party.');
  }
  for (let cursor: string | null = parentId; cursor !== null; ) {
    if (cursor === unitId)
      throw badRequest('unit_cycle', 'A unit cannot sit under itself or under one of its own units.');
    cursor = units.find((unit) => unit.id === cursor)?.parent_id ?? null;
  }
}

/** A desk's district and counterpart exist, its unit is of its party, its counterpart of another party in the same district. */
export async function checkDeskLinks(
  db: Db,
  partyId: string,
  links: { districtId: string | null; unitId: string | null; counterpartId: string | null },
  deskId?: string,
) {
  if (links.districtId) await existing(db, 'districts', 'id', links.districtId, 'district');
  if (links.unitId) {
    const unit = await existing(db, 'units', 'id', links.unitId, 'unit');
    if (unit.party_id !== partyId)
      throw badRequest('unit_of_other_party', 'A desk belongs to a unit of its own party.');
  }
  if (!links.counterpartId) return;
  const counterpart = await existing(db, 'desks', 'id', links.counterpartId, 'counterpart desk');
  if (counterpart.id === deskId)
    throw badRequest('counterpart_is_self', 'A desk cannot be its own counterpart.');
  if (counterpart.party_id === partyId) {
    throw badRequest('counterpart_same_party', 'The counterpart desk must belong to another party.');
  }
  if (counterpart.district_id !== links.districtId) {
    throw badRequest('counterpart_other_district', 'The counterpart desk must serve the same district.');
  }
}

/** Every party a group names exists. */
export async function checkParties(db: Db, codes: readonly string[]) {
  const known = await listPartyCodes(db);
  const unknown = codes.filter((code) => !known.includes(code));
  if (unknown.length > 0)
    throw badRequest('unknown_party', `Unknown party: ${unknown.join(', ')}.`, [], {
      party: unknown.join(', '),
    });
}

export interface Places {
  unitId?: string | null | undefined;
  deskIds?: string[] | undefined;
  groupIds?: string[] | undefined;
}

/** A unit and desks of the person's own party, and groups that exist. */
export async function checkPlaces(db: Db, partyId: string | null, places: Places) {
  if (places.unitId) {
    const unit = await existing(db, 'units', 'id', places.unitId, 'unit');
    if (unit.party_id !== partyId)
      throw badRequest('unit_of_other_party', "A user's unit belongs to their party.");
  }
  if (places.deskIds?.length) {
    const desks = await partiesOfDesks(db, places.deskIds);
    if (desks.length !== new Set(places.deskIds).size)
      throw badRequest('unknown_desk', 'Some desks do not exist.');
    if (desks.some((desk) => desk.party_id !== partyId)) {
      throw badRequest('desk_of_other_party', "A user can only staff their own party's desks.");
    }
  }
  if (places.groupIds?.length) {
    const groups = await existingGroupIds(db, places.groupIds);
    if (groups.length !== new Set(places.groupIds).size)
      throw badRequest('unknown_group', 'Some groups do not exist.');
  }
}

/**
 * Checks where a new account would be placed before identity creates it, so
 * that a refusal leaves no half-made account behind.
 */
export async function checkNewPerson(
  { db, deployment }: { db: Db; deployment: DeploymentContext },
  input: Places & { partyCode?: string | null | undefined; clearance: string },
) {
  checkClearance(deployment, input.clearance);
  const partyId = input.partyCode
    ? (await existing(db, 'parties', 'code', input.partyCode, 'party')).id
    : null;
  await checkPlaces(db, partyId, input);
}
