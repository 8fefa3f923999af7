import type { ChildUnit, Deployment, Unit } from '../../../core/deployment/schema';
import type { Db, Tx } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/database';
import { markingToColumns } from '../../platform/marked-records';
import { IdentityRepository } from '../identity/identity.repository';
import type { IdentityService } from '../identity/identity.service';
import { insertOffice } from '../working-groups/working-groups.repository';
import { addDeskMember, insertDesk, setCounterpartByCode } from './desks.repository';
import {
  addGroupMember,
  anyPartyExists,
  insertDistrict,
  insertGroup,
  insertParty,
  insertUnit,
  namesToColumns,
  updateDistrict,
} from './places.repository';
import { insertHandoverNote, insertShift } from './roster.repository';

const HOUR = 3_600_000;

/**
 * Fills an empty directory from the deployment file: parties, units,
 * gazetteer, paired desks, groups, accounts with their places, and a roster
 * whose shifts are placed relative to `now`. Does nothing once parties exist:
 * after the first start, administrators own the directory.
 */
export async function seedDeployment(
  db: Db,
  identity: IdentityService,
  deployment: Deployment,
  options: { password: string; now: Date },
): Promise<{ seeded: boolean }> {
  if (await anyPartyExists(db)) return { seeded: false };

  const ids = await inTransaction(db, (tx) => seedDirectory(tx, deployment));
  for (const user of deployment.users) {
    const created = await identity.createUser({
      username: user.username,
      displayName: user.displayName,
      email: user.email ?? null,
      password: options.password,
      roles: user.roles,
      language: user.language,
      nationality: user.nationality,
      clearance: user.clearance,
      partyCode: user.party,
    });
    ids.users.set(user.username, created.id);
  }
  await inTransaction(db, (tx) => seedPlaces(tx, deployment, ids, options.now));
  return { seeded: true };
}

type Ids = { [K in 'parties' | 'units' | 'districts' | 'desks' | 'groups' | 'users']: Map<string, string> };

async function seedDirectory(tx: Tx, deployment: Deployment): Promise<Ids> {
  const ids: Ids = {
    parties: new Map(),
    units: new Map(),
    districts: new Map(),
    desks: new Map(),
    groups: new Map(),
    users: new Map(),
  };
  const inserts = {
    parties: insertParty,
    units: insertUnit,
    districts: insertDistrict,
    desks: insertDesk,
    groups: insertGroup,
  };
  const insert = async <T extends keyof typeof inserts>(
    table: T,
    code: string,
    values: Record<string, unknown>,
  ) => {
    ids[table].set(code, await inserts[table](tx, values as never));
  };

  for (const party of deployment.parties) {
    await insert('parties', party.code, {
      code: party.code,
      kind: party.role,
      colour: party.colour,
      nationalities: party.nationalities,
      aliases: party.aliases ?? [],
      ...namesToColumns(party.names),
    });
  }
  const addUnit = async (unit: Unit | ChildUnit, party: string, parent: string | null) => {
    await insert('units', unit.code, {
      code: unit.code,
      party_id: ids.parties.get(party),
      parent_id: parent,
      kind: unit.kind,
      aliases: unit.aliases ?? [],
      ...namesToColumns(unit.names),
    });
    for (const child of unit.children ?? []) await addUnit(child, party, ids.units.get(unit.code) ?? null);
  };
  for (const unit of deployment.units) await addUnit(unit, unit.party, null);

  const sources = new Map(
    deployment.sources.map(({ code, name, url, licence }) => [code, { name, url, licence }]),
  );
  for (const district of deployment.districts) {
    for (const place of [district, ...(district.areas ?? [])]) {
      const source = place.source ? sources.get(place.source) : undefined;
      await insert('districts', place.code, {
        code: place.code,
        kind: place.kind ?? (place === district ? 'governorate' : 'area'),
        parent_id: place === district ? null : ids.districts.get(district.code),
        status: place.status ?? '',
        aliases: place.aliases ?? [],
        geometry: place.geometry ? JSON.stringify(place.geometry) : null,
        source: place.geometry && source ? JSON.stringify(source) : null,
        ...namesToColumns(place.names),
      });
    }
  }
  // A place that names its parent lies in one listed anywhere in the file, so it is linked once all exist.
  for (const district of deployment.districts) {
    if (!district.parent) continue;
    await updateDistrict(tx, ids.districts.get(district.code) as string, {
      parent_id: ids.districts.get(district.parent) ?? null,
    });
  }
  for (const desk of deployment.desks) {
    await insert('desks', desk.code, {
      code: desk.code,
      party_id: ids.parties.get(desk.party),
      district_id: desk.district ? ids.districts.get(desk.district) : null,
      unit_id: desk.unit ? ids.units.get(desk.unit) : null,
      phone: desk.phone ?? null,
      ...namesToColumns(desk.names),
    });
  }
  // Pairs once every desk exists (the file's check has made them symmetric).
  for (const desk of deployment.desks) {
    if (!desk.counterpart) continue;
    await setCounterpartByCode(tx, desk.code, ids.desks.get(desk.counterpart) ?? null);
  }
  for (const group of deployment.groups) {
    await insert('groups', group.code, {
      code: group.code,
      kind: group.kind,
      parties: group.parties,
      description: group.description ? JSON.stringify(group.description) : null,
      scope: group.scope ? JSON.stringify(group.scope) : null,
      level: group.level ?? null,
      ...namesToColumns(group.names),
    });
  }
  return ids;
}

/** Units, desks, groups and shifts of the seeded accounts, and the roster's handover notes. */
async function seedPlaces(tx: Tx, deployment: Deployment, ids: Ids, now: Date) {
  const lowest = deployment.classification.levels[0]?.code ?? 'U';
  for (const user of deployment.users) {
    const userId = ids.users.get(user.username) as string;
    if (user.unit)
      await new IdentityRepository(tx).updateUser(userId, { unit_id: ids.units.get(user.unit) ?? null });
    for (const desk of user.desks ?? [])
      await addDeskMember(tx, ids.desks.get(desk) as string, userId, { ifMissing: false });
    for (const group of user.groups ?? []) await addGroupMember(tx, ids.groups.get(group) as string, userId);
  }
  // Who leads each working group: its chairs and secretary, members all (checked with the file).
  for (const group of deployment.groups) {
    const offices = [
      ...(group.chairs ?? []).map((username) => ({ username, role: 'chair' as const })),
      ...(group.secretary ? [{ username: group.secretary, role: 'secretary' as const }] : []),
    ];
    for (const { username, role } of offices) {
      const user = deployment.users.find((candidate) => candidate.username === username);
      if (!user) continue;
      await insertOffice(tx, {
        group_id: ids.groups.get(group.code) as string,
        user_id: ids.users.get(username) as string,
        role,
        party: user.party,
      });
    }
  }
  for (const shift of deployment.roster) {
    const deskId = ids.desks.get(shift.desk) as string;
    const userId = ids.users.get(shift.user) as string;
    const startsAt = new Date(now.getTime() + shift.startsHoursFromSeed * HOUR);
    await insertShift(tx, {
      desk_id: deskId,
      user_id: userId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + shift.durationHours * HOUR),
    });
    if (!shift.handoverNote) continue;
    const party = deployment.desks.find((desk) => desk.code === shift.desk)?.party as string;
    await insertHandoverNote(tx, {
      desk_id: deskId,
      author_id: userId,
      body: shift.handoverNote,
      created_at: startsAt,
      ...markingToColumns({ level: lowest, caveats: [], relTo: null, parties: [party], groups: [] }),
    });
  }
}
