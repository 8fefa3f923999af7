import { geometryProblem } from '../directory/places';
import { checkCategories } from './categories';
import { type Entry, indexBy, type Path, type Report } from './index-by';
import type { ChildUnit, Deployment, Desk, Group, Party, SeedUser, Source, Unit } from './shapes';
import { unknownMessage } from './typos';

/**
 * The checks that span sections of a deployment file: every code one entry
 * uses to point at another must name something that exists and agrees with
 * it. Each problem is reported at the exact field that is wrong, so the
 * administrator is sent to the right line.
 */

interface Context {
  deployment: Deployment;
  report: Report;
  parties: ReadonlyMap<string, Party>;
  /** Unit code → the party of the tree it sits in. */
  unitParties: ReadonlyMap<string, string>;
  /** District and area codes: a desk may serve either. */
  places: ReadonlyMap<string, unknown>;
  sources: ReadonlyMap<string, Source>;
  desks: ReadonlyMap<string, Desk>;
  groups: ReadonlyMap<string, Group>;
  users: ReadonlyMap<string, SeedUser>;
}

export function checkReferences(deployment: Deployment, report: Report): void {
  const context = indexDeployment(deployment, report);
  checkCoordinator(context);
  checkDefaultLanguage(context);
  checkUnits(context);
  checkPlaces(context);
  checkDesks(context);
  checkGroups(context);
  checkUsers(context);
  checkRoster(context);
  checkRequestTypes(context);
  checkCategories(context.deployment, context.report);
}

function indexDeployment(deployment: Deployment, report: Report): Context {
  const index = <T>(what: string, entries: Entry<T>[]) => indexBy(what, entries, report);
  const entries = <T>(section: string, items: T[], code: (item: T) => string, field = 'code') =>
    items.map((value, i) => ({ code: code(value), value, path: [section, i, field] }));
  return {
    deployment,
    report,
    parties: index(
      'party',
      entries('parties', deployment.parties, (party) => party.code),
    ),
    unitParties: index('unit', unitEntries(deployment.units)),
    places: index('district or area', placeEntries(deployment)),
    sources: index(
      'source',
      entries('sources', deployment.sources, (source) => source.code),
    ),
    desks: index(
      'desk',
      entries('desks', deployment.desks, (desk) => desk.code),
    ),
    groups: index(
      'group',
      entries('groups', deployment.groups, (group) => group.code),
    ),
    users: index(
      'user',
      entries('users', deployment.users, (user) => user.username, 'username'),
    ),
  };
}

/** Every unit of every tree, each with the party of its tree's top unit. */
function unitEntries(roots: Unit[]): Entry<string>[] {
  return roots.flatMap((root, i) => subtreeEntries(root, root.party, ['units', i]));
}

function subtreeEntries(unit: Unit | ChildUnit, party: string, path: Path): Entry<string>[] {
  return [
    { code: unit.code, value: party, path: [...path, 'code'] },
    ...(unit.children ?? []).flatMap((child, i) => subtreeEntries(child, party, [...path, 'children', i])),
  ];
}

function placeEntries(deployment: Deployment): Entry<unknown>[] {
  return deployment.districts.flatMap((district, i) => [
    { code: district.code, value: district, path: ['districts', i, 'code'] },
    ...(district.areas ?? []).map((area, j) => ({
      code: area.code,
      value: area,
      path: ['districts', i, 'areas', j, 'code'],
    })),
  ]);
}

/**
 * The gazetteer: every geometry cites a source of the file's `sources` (no
 * coordinates without a public origin), a crossing or liaison office is a
 * point, and a parent exists and is not the place itself nor one of its own.
 */
function checkPlaces(context: Context): void {
  const { deployment } = context;
  deployment.districts.forEach((district, i) => {
    const places = [
      { place: district, path: ['districts', i] as Path, kind: district.kind ?? 'governorate' },
      ...(district.areas ?? []).map((area, j) => ({
        place: area,
        path: ['districts', i, 'areas', j] as Path,
        kind: area.kind ?? 'area',
      })),
    ];
    for (const { place, path, kind } of places) {
      const problem = geometryProblem(kind, place.geometry);
      if (problem) context.report([...path, 'geometry'], problem);
      if (place.source !== undefined)
        lookup(context, context.sources, 'source', place.source, [...path, 'source']);
      else if (place.geometry)
        context.report(
          [...path, 'source'],
          context.sources.size === 0
            ? 'Coordinates need a source: list it under sources (name, url, licence) and cite its code here, or leave the geometry out'
            : `Coordinates need a source: cite one of ${[...context.sources.keys()].join(', ')}, or leave the geometry out`,
        );
    }
    if (district.parent === undefined) return;
    if (district.parent === district.code) {
      context.report(['districts', i, 'parent'], `"${district.code}" cannot lie in itself`);
      return;
    }
    if (!lookup(context, context.places, 'district or area', district.parent, ['districts', i, 'parent']))
      return;
    const chain = [district.code];
    let parent: string | undefined = district.parent;
    while (parent !== undefined) {
      if (chain.includes(parent)) {
        context.report(
          ['districts', i, 'parent'],
          `${[...chain, parent].map((code) => `"${code}"`).join(' lies in ')}: a place cannot lie inside itself`,
        );
        return;
      }
      chain.push(parent);
      const code: string = parent;
      parent = deployment.districts.find((candidate) => candidate.code === code)?.parent;
    }
  });
}

/** The referenced entry, or undefined after reporting that it does not exist. */
function lookup<T>(
  context: Context,
  index: ReadonlyMap<string, T>,
  what: string,
  code: string,
  path: Path,
): T | undefined {
  const found = index.get(code);
  if (found === undefined) context.report(path, unknownMessage(what, code, [...index.keys()]));
  return found;
}

function checkCoordinator({ deployment, report }: Context): void {
  const coordinators = deployment.parties.filter((party) => party.role === 'coordinator');
  if (coordinators.length === 0) {
    report(['parties'], 'One party has role "coordinator": the broker between the others');
  }
  deployment.parties.forEach((party, i) => {
    const first = coordinators[0];
    if (party.role === 'coordinator' && first && party !== first) {
      report(['parties', i, 'role'], `Only one party is the coordinator, and "${first.code}" already is`);
    }
  });
}

function checkDefaultLanguage({ deployment, report }: Context): void {
  if (!deployment.languages.includes(deployment.defaultLanguage)) {
    report(
      ['defaultLanguage'],
      `Default language "${deployment.defaultLanguage}" is not one of the languages (${deployment.languages.join(', ')})`,
    );
  }
}

function checkUnits(context: Context): void {
  context.deployment.units.forEach((root, i) => {
    lookup(context, context.parties, 'party', root.party, ['units', i, 'party']);
  });
}

/** A unit named by a desk or a user must sit in the tree of the same party. */
function checkUnitOfParty(context: Context, unit: string, party: string, path: Path): void {
  const owner = lookup(context, context.unitParties, 'unit', unit, path);
  if (owner !== undefined && owner !== party) {
    context.report(path, `Unit "${unit}" belongs to ${owner}, not ${party}`);
  }
}

function checkDesks(context: Context): void {
  context.deployment.desks.forEach((desk, i) => {
    const at = (field: string): Path => ['desks', i, field];
    lookup(context, context.parties, 'party', desk.party, at('party'));
    if (desk.district) lookup(context, context.places, 'district or area', desk.district, at('district'));
    if (desk.unit) checkUnitOfParty(context, desk.unit, desk.party, at('unit'));
    checkCounterpart(context, desk, at('counterpart'));
  });
}

/**
 * A party's desk is paired with another party's desk for the same district,
 * and the pairing reads the same from both ends. The coordinator's desks
 * stand apart: it brokers between the pairs rather than joining one.
 */
function checkCounterpart(context: Context, desk: Desk, path: Path): void {
  const role = (party: string) => context.parties.get(party)?.role;
  if (role(desk.party) === 'coordinator') {
    if (desk.counterpart)
      context.report(path, `The coordinator's desks are not paired; remove this counterpart`);
    return;
  }
  if (!desk.counterpart) {
    context.report(
      path,
      `Desk "${desk.code}" needs a counterpart: another party's desk for ${desk.district}`,
    );
    return;
  }
  const other = lookup(context, context.desks, 'desk', desk.counterpart, path);
  if (!other) return;
  if (other.party === desk.party || role(other.party) !== 'party') {
    context.report(
      path,
      `Counterpart "${other.code}" is a desk of ${other.party}; pair with another party's desk`,
    );
  } else if (other.district !== desk.district) {
    context.report(path, `Counterpart "${other.code}" serves ${served(other)}, not ${served(desk)}`);
  } else if (other.counterpart !== desk.code) {
    const theirs = other.counterpart ? `"${other.counterpart}"` : 'no counterpart';
    context.report(path, `Pairing is not symmetric: "${other.code}" has ${theirs}, not "${desk.code}"`);
  }
}

const served = (desk: Desk) => desk.district ?? 'the whole deployment';

function checkGroups(context: Context): void {
  context.deployment.groups.forEach((group, i) => {
    group.parties.forEach((party, j) => {
      lookup(context, context.parties, 'party', party, ['groups', i, 'parties', j]);
    });
    if (group.level !== undefined) checkClearance(context, group.level, ['groups', i, 'level']);
    checkGroupOffices(context, group, i);
  });
}

/** Chairs (one per party, none of the coordinator's) and the secretary (the coordinator's) are members of their group. */
function checkGroupOffices(context: Context, group: Group, i: number): void {
  const member = (username: string, path: Path) => {
    const user = lookup(context, context.users, 'user', username, path);
    if (user && !user.groups?.includes(group.code))
      context.report(path, `"${username}" is not a member of ${group.code} (see the user's groups)`);
    return user;
  };
  const chaired = new Set<string>();
  group.chairs?.forEach((username, j) => {
    const user = member(username, ['groups', i, 'chairs', j]);
    if (!user) return;
    if (context.parties.get(user.party)?.role === 'coordinator')
      context.report(['groups', i, 'chairs', j], "The coordinator's officer is the secretary, not a chair");
    else if (chaired.has(user.party))
      context.report(['groups', i, 'chairs', j], `${user.party} has a chair already: one chair per party`);
    chaired.add(user.party);
  });
  if (group.secretary === undefined) return;
  const secretary = member(group.secretary, ['groups', i, 'secretary']);
  if (secretary && context.parties.get(secretary.party)?.role !== 'coordinator')
    context.report(['groups', i, 'secretary'], "The secretary is an officer of the coordinator's party");
}

function checkUsers(context: Context): void {
  context.deployment.users.forEach((user, i) => {
    const at = (...rest: Path): Path => ['users', i, ...rest];
    const party = lookup(context, context.parties, 'party', user.party, at('party'));
    if (party) checkUserParty(context, user, party, at);
    if (user.unit) checkUnitOfParty(context, user.unit, user.party, at('unit'));
    checkClearance(context, user.clearance, at('clearance'));
    checkUserLanguage(context, user, at('language'));
    checkUserDesks(context, user, at);
    checkUserGroups(context, user, at);
  });
}

function checkUserParty(context: Context, user: SeedUser, party: Party, at: (...rest: Path) => Path): void {
  if (!party.nationalities.includes(user.nationality)) {
    context.report(
      at('nationality'),
      `Nationality ${user.nationality} is not among ${party.code}'s (${party.nationalities.join(', ')})`,
    );
  }
  const coordinatorRole = user.roles.indexOf('coordinator');
  if (coordinatorRole >= 0 && party.role !== 'coordinator') {
    context.report(at('roles', coordinatorRole), `Only people of the coordinator hold the coordinator role`);
  }
}

function checkClearance({ deployment, report }: Context, clearance: string, path: Path): void {
  const levels = deployment.classification.levels.map((level) => level.code);
  if (!levels.includes(clearance)) {
    report(path, `Unknown clearance "${clearance}": the scheme's levels are ${levels.join(', ')}`);
  }
}

function checkUserLanguage({ deployment, report }: Context, user: SeedUser, path: Path): void {
  if (!deployment.languages.includes(user.language)) {
    report(
      path,
      `Language "${user.language}" is not one of the languages (${deployment.languages.join(', ')})`,
    );
  }
}

/** People staff only their own party's desks: a desk speaks for its party. */
function checkUserDesks(context: Context, user: SeedUser, at: (...rest: Path) => Path): void {
  user.desks?.forEach((code, j) => {
    const desk = lookup(context, context.desks, 'desk', code, at('desks', j));
    if (desk && desk.party !== user.party) {
      context.report(at('desks', j), `Desk "${code}" belongs to ${desk.party}, not ${user.party}`);
    }
  });
}

function checkUserGroups(context: Context, user: SeedUser, at: (...rest: Path) => Path): void {
  user.groups?.forEach((code, j) => {
    const group = lookup(context, context.groups, 'group', code, at('groups', j));
    if (group && !group.parties.includes(user.party)) {
      context.report(
        at('groups', j),
        `Group "${code}" is open to ${group.parties.join(', ')}, not ${user.party}`,
      );
    }
  });
}

function checkRoster(context: Context): void {
  context.deployment.roster.forEach((shift, i) => {
    const desk = lookup(context, context.desks, 'desk', shift.desk, ['roster', i, 'desk']);
    const user = lookup(context, context.users, 'user', shift.user, ['roster', i, 'user']);
    if (desk && user && !user.desks?.includes(desk.code)) {
      context.report(
        ['roster', i, 'user'],
        `"${user.username}" does not staff desk "${desk.code}" (see the user's desks)`,
      );
    }
  });
}

/** Type codes are what requests store: each is listed once. */
function checkRequestTypes(context: Context): void {
  indexBy(
    'request type',
    context.deployment.requestTypes.map((type, i) => ({
      code: type.code,
      value: type,
      path: ['requestTypes', i, 'code'],
    })),
    context.report,
  );
  const levels = new Set(context.deployment.classification.levels.map((level) => level.code));
  context.deployment.requestTypes.forEach((type, i) => {
    const level = type.answerApproval?.fromLevel;
    if (level !== undefined && !levels.has(level))
      context.report(
        ['requestTypes', i, 'answerApproval', 'fromLevel'],
        `Unknown classification level "${level}" (the levels are ${[...levels].join(', ')})`,
      );
  });
}
