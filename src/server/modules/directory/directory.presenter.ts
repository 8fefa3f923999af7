import type {
  DeskDto,
  DirectoryUserDto,
  DistrictDto,
  EntryActions,
  GroupDto,
  LocalisedNames,
  PartyDto,
  UnitDto,
} from '../../../core/directory/schemas';
import type { Role } from '../../../core/identity/schemas';
import {
  type DeskViewer,
  mayAdministerDirectory,
  mayDisablePerson,
  mayKeepRoster,
  mayWriteHandoverNotes,
} from './directory.policy';
import type { DeskRow, GroupRow, PersonRow, UnitRow } from './directory.repository';
import type { DistrictRow, PartyRow } from './places.repository';

export type { DeskViewer } from './directory.policy';

/** Who is looking: what the presenters need to state the caller's allowed actions. */
export interface Viewer {
  userId: string;
  roles: readonly string[];
}

/** Administrators change and remove directory entries (what still uses one makes its removal a 409). */
export const entryActions = (viewer: Viewer): EntryActions => {
  const administers = mayAdministerDirectory(viewer);
  return { update: administers, delete: administers };
};

export const namesOf = (row: { name_en: string; name_ar: string; name_he: string }): LocalisedNames => ({
  en: row.name_en,
  ar: row.name_ar,
  he: row.name_he,
});

export const presentParty = (party: PartyRow, viewer: Viewer): PartyDto => ({
  id: party.id,
  code: party.code,
  kind: party.kind,
  names: namesOf(party),
  colour: party.colour,
  nationalities: party.nationalities,
  actions: entryActions(viewer),
});

export const presentUnit = (unit: UnitRow, viewer: Viewer): UnitDto => ({
  id: unit.id,
  code: unit.code,
  partyCode: unit.party_code,
  parentId: unit.parent_id,
  kind: unit.kind,
  names: namesOf(unit),
  actions: entryActions(viewer),
});

export const presentDistrict = (district: DistrictRow, viewer: Viewer): DistrictDto => ({
  id: district.id,
  code: district.code,
  kind: district.kind,
  parentId: district.parent_id,
  status: district.status,
  aliases: district.aliases,
  names: namesOf(district),
  geometry: (district.geometry as DistrictDto['geometry']) ?? null,
  source: (district.source as DistrictDto['source']) ?? null,
  actions: entryActions(viewer),
});

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
    keepRoster: mayKeepRoster(viewer, desk),
    writeHandoverNotes: mayWriteHandoverNotes(viewer, desk),
  },
});

export const presentGroup = (group: GroupRow, viewer: Viewer): GroupDto => ({
  id: group.id,
  code: group.code,
  kind: group.kind,
  names: namesOf(group),
  parties: group.parties,
  description: group.description,
  memberIds: group.member_ids,
  actions: entryActions(viewer),
});

/**
 * People as the directory shows them. Everyone sees who works where and who is
 * on duty; nationality, clearance, groups, e-mail and account state are for
 * administrators only.
 */
export function presentPerson(person: PersonRow, onDuty: ReadonlySet<string>, viewer: Viewer) {
  const forAdministrator = mayAdministerDirectory(viewer);
  const entry: DirectoryUserDto = {
    id: person.id,
    username: person.username,
    displayName: person.display_name,
    partyCode: person.party_code,
    unitId: person.unit_id,
    roles: person.roles as Role[],
    deskIds: person.desk_ids,
    onDuty: onDuty.has(person.id),
    actions: { update: forAdministrator, disable: mayDisablePerson(viewer, person.id) },
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
