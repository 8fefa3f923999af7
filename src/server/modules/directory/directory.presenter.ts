import type {
  DeskDto,
  DirectoryUserDto,
  DistrictDto,
  GroupDto,
  LocalisedNames,
  PartyDto,
  UnitDto,
} from '../../../core/directory/schemas';
import type { Role } from '../../../core/identity/schemas';
import type { PartyRow } from '../../platform/db/schema';
import type { DeskRow, GroupRow, PersonRow, UnitRow } from './directory.repository';

export const namesOf = (row: { name_en: string; name_ar: string; name_he: string }): LocalisedNames => ({
  en: row.name_en,
  ar: row.name_ar,
  he: row.name_he,
});

export const presentParty = (party: PartyRow): PartyDto => ({
  id: party.id,
  code: party.code,
  kind: party.kind,
  names: namesOf(party),
  colour: party.colour,
  nationalities: party.nationalities,
});

export const presentUnit = (unit: UnitRow): UnitDto => ({
  id: unit.id,
  code: unit.code,
  partyCode: unit.party_code,
  parentId: unit.parent_id,
  kind: unit.kind,
  names: namesOf(unit),
});

export const presentDistrict = (district: {
  id: string;
  code: string;
  parent_id: string | null;
  status: string;
  aliases: string[];
  geometry: unknown;
  name_en: string;
  name_ar: string;
  name_he: string;
}): DistrictDto => ({
  id: district.id,
  code: district.code,
  parentId: district.parent_id,
  status: district.status,
  aliases: district.aliases,
  names: namesOf(district),
  geometry: (district.geometry as DistrictDto['geometry']) ?? null,
});

/** The caller's standing at desks: their party, roles and the desks they staff. */
export interface DeskViewer {
  party: string | null;
  roles: readonly string[];
  deskIds: readonly string[];
}

export const presentDesk = (desk: DeskRow, viewer: DeskViewer): DeskDto => ({
  id: desk.id,
  code: desk.code,
  partyCode: desk.party_code,
  districtId: desk.district_id,
  unitId: desk.unit_id,
  counterpartId: desk.counterpart_id,
  names: namesOf(desk),
  phone: desk.phone,
  onDuty: desk.on_duty.map((shift) => ({
    userId: shift.user_id,
    displayName: shift.display_name,
    until: shift.ends_at.toISOString(),
  })),
  actions: {
    keepRoster:
      viewer.roles.includes('administrator') ||
      (viewer.roles.includes('supervisor') && viewer.party === desk.party_code),
    writeHandoverNotes:
      viewer.deskIds.includes(desk.id) ||
      (viewer.roles.includes('supervisor') && viewer.party === desk.party_code),
  },
});

export const presentGroup = (group: GroupRow): GroupDto => ({
  id: group.id,
  code: group.code,
  kind: group.kind,
  names: namesOf(group),
  parties: group.parties,
  description: group.description,
  memberIds: group.member_ids,
});

/**
 * People as the directory shows them. Everyone sees who works where and who is
 * on duty; nationality, clearance, groups, e-mail and account state are for
 * administrators only.
 */
export function presentPerson(person: PersonRow, onDuty: ReadonlySet<string>, forAdministrator: boolean) {
  const entry: DirectoryUserDto = {
    id: person.id,
    username: person.username,
    displayName: person.display_name,
    partyCode: person.party_code,
    unitId: person.unit_id,
    roles: person.roles as Role[],
    deskIds: person.desk_ids,
    onDuty: onDuty.has(person.id),
  };
  if (!forAdministrator) return entry;
  return {
    ...entry,
    nationality: person.nationality,
    clearance: person.clearance,
    groupIds: person.group_ids,
    email: person.email,
    disabled: person.disabled_at !== null,
  };
}
