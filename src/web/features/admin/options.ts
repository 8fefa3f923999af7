import type { DistrictDto, UnitDto } from '../../../core/directory/schemas';
import { useLocalised } from '../../lib/use-localised';
import type { Directory } from '../directory/api';

export interface Option {
  value: string;
  label: string;
}

/** Units in tree order, each with its depth (0 for a party's top units). */
export function unitTree(units: UnitDto[], partyCode: string): { unit: UnitDto; depth: number }[] {
  const own = units.filter((unit) => unit.partyCode === partyCode);
  const below = (parentId: string | null, depth: number): { unit: UnitDto; depth: number }[] =>
    own
      .filter((unit) => unit.parentId === parentId)
      .flatMap((unit) => [{ unit, depth }, ...below(unit.id, depth + 1)]);
  return below(null, 0);
}

/** Districts each followed by their areas. */
export function districtTree(districts: DistrictDto[]): { district: DistrictDto; depth: number }[] {
  return districts
    .filter((district) => district.parentId === null)
    .flatMap((district) => [
      { district, depth: 0 },
      ...districts
        .filter((area) => area.parentId === district.id)
        .map((area) => ({ district: area, depth: 1 })),
    ]);
}

const indent = (depth: number) => (depth > 0 ? `${'\u00a0\u00a0'.repeat(depth)}└ ` : '');

/** Choices for the directory's selects, labelled in the user's language. */
export function useOptions(directory: Directory) {
  const localised = useLocalised();
  return {
    none: (label: string): Option => ({ value: '', label }),
    parties: directory.parties.map((party) => ({ value: party.code, label: localised(party.names) })),
    unitsOf: (partyCode: string, except?: string): Option[] =>
      unitTree(directory.units, partyCode)
        .filter(({ unit }) => unit.id !== except)
        .map(({ unit, depth }) => ({ value: unit.id, label: indent(depth) + localised(unit.names) })),
    districts: districtTree(directory.districts).map(({ district, depth }) => ({
      value: district.id,
      label: indent(depth) + localised(district.names),
    })),
    desks: (filter: (desk: Directory['desks'][number]) => boolean): Option[] =>
      directory.desks.filter(filter).map((desk) => ({ value: desk.id, label: localised(desk.names) })),
    groups: directory.groups.map((group) => ({ value: group.id, label: localised(group.names) })),
    users: directory.users.map((user) => ({ value: user.id, label: user.displayName })),
    nationalities: [...new Set(directory.parties.flatMap((party) => party.nationalities))].sort(),
  };
}
