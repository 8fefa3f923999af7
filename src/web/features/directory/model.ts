import type { DeskDto, DirectoryUserDto, DistrictDto, LocalisedNames } from '../../../core/directory/schemas';
import type { Directory } from './api';
import { matcher, namesOf } from './search';

/**
 * Desks as they are shown: each with its counterpart beside it, the parties
 * in the deployment's order (so ISF is always on the same side of PASF).
 */
export function pairDesks(desks: readonly DeskDto[], partyOrder: readonly string[]): DeskDto[][] {
  const rank = (desk: DeskDto) => partyOrder.indexOf(desk.partyCode);
  const sorted = [...desks].sort((a, b) => rank(a) - rank(b));
  const placed = new Set<string>();
  const rows: DeskDto[][] = [];
  for (const desk of sorted) {
    if (placed.has(desk.id)) continue;
    const counterpart = sorted.find((other) => other.id === desk.counterpartId && !placed.has(other.id));
    const row = counterpart ? [desk, counterpart] : [desk];
    for (const member of row) placed.add(member.id);
    rows.push(row);
  }
  return rows;
}

/** The parties the coordinator stands between: where requests are sent and reports released (never the coordinator itself). */
export function partiesProper<T extends { kind: string }>(parties: readonly T[]): T[] {
  return parties.filter((party) => party.kind === 'party');
}

export function meIn(directory: Directory, userId: string): DirectoryUserDto | undefined {
  return directory.users.find((user) => user.id === userId);
}

/** My desks, and the desks paired with them. */
export function deskRelations(directory: Directory, userId: string) {
  const mine = new Set(meIn(directory, userId)?.deskIds ?? []);
  const counterparts = new Set(
    directory.desks
      .filter((desk) => mine.has(desk.id) && desk.counterpartId)
      .map((desk) => desk.counterpartId),
  );
  return (desk: DeskDto) => (mine.has(desk.id) ? 'mine' : counterparts.has(desk.id) ? 'counterpart' : null);
}

export interface DistrictView {
  district: DistrictDto;
  /** The district's own desks first (area null), then each area's. */
  blocks: { area: DistrictDto | null; desks: DeskDto[] }[];
}

const NO_NAMES: LocalisedNames = { en: '', ar: '', he: '' };

/**
 * What the directory shows for a search. A district matches by any of its
 * names, aliases or status, or its areas' (then all its desks show, so a pair
 * is never split); otherwise it shows the desks that match by name, phone,
 * party or who is on duty.
 */
export function searchDirectory(directory: Directory, query: string) {
  const matches = matcher(query);
  const partyNames = (code: string | null) =>
    namesOf(directory.parties.find((party) => party.code === code)?.names ?? NO_NAMES);
  const deskTexts = (desk: DeskDto) => [
    ...namesOf(desk.names),
    desk.code,
    desk.phone,
    ...desk.onDuty.map((duty) => duty.displayName),
    ...partyNames(desk.partyCode),
  ];
  const placeTexts = (place: DistrictDto) => [
    ...namesOf(place.names),
    place.code,
    place.status,
    ...place.aliases,
  ];

  // The directory is about desks: a place is listed where desks serve it. Camps, crossings and
  // liaison offices without desks of their own are on the map (/map), not here.
  const hasDesks = (place: DistrictDto) => directory.desks.some((desk) => desk.districtId === place.id);
  const districts: DistrictView[] = directory.districts
    .filter((district) => district.parentId === null)
    .flatMap((district) => {
      const areas = directory.districts.filter(
        (area) => area.parentId === district.id && (area.kind === 'area' || hasDesks(area)),
      );
      if (!hasDesks(district) && !areas.some(hasDesks)) return [];
      const placeMatches = [district, ...areas].some((place) => matches(placeTexts(place)));
      const blocks = [null, ...areas].map((area) => {
        const desks = directory.desks.filter((desk) => desk.districtId === (area ?? district).id);
        return { area, desks: placeMatches ? desks : desks.filter((desk) => matches(deskTexts(desk))) };
      });
      const found = placeMatches || blocks.some((block) => block.desks.length > 0);
      return found ? [{ district, blocks }] : [];
    });
  const people = directory.users.filter((person) =>
    matches([
      person.displayName,
      person.username,
      ...partyNames(person.partyCode),
      ...directory.units.filter((unit) => unit.id === person.unitId).flatMap((unit) => namesOf(unit.names)),
      ...directory.desks
        .filter((desk) => person.deskIds.includes(desk.id))
        .flatMap((desk) => namesOf(desk.names)),
    ]),
  );
  return {
    districts,
    wideDesks: directory.desks.filter((desk) => desk.districtId === null && matches(deskTexts(desk))),
    groups: directory.groups.filter((group) => matches([...namesOf(group.names), group.code])),
    people,
  };
}
