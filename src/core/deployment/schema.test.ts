import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Deployment, deploymentSchema } from './schema';

/**
 * Each broken variant starts from the demo file and breaks one thing, so the
 * test shows that one mistake is reported at its own field and nowhere else
 * first.
 */

const demoText = readFileSync(new URL('../../../deployments/demo.yaml', import.meta.url), 'utf8');
const demoInput: unknown = parse(demoText);
const demo = () => structuredClone(demoInput) as Deployment;

const deskAt = (d: Deployment, code: string) => d.desks.findIndex((desk) => desk.code === code);
const userAt = (d: Deployment, username: string) => d.users.findIndex((user) => user.username === username);
const desk = (d: Deployment, code: string) => d.desks[deskAt(d, code)] as Deployment['desks'][number];
const user = (d: Deployment, username: string) => d.users[userAt(d, username)] as Deployment['users'][number];

function issuesOf(input: Deployment) {
  const result = deploymentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

/** The issues of the demo once `mutate` has broken it; none when it is still valid. */
function issuesAfter(mutate: (d: Deployment) => void) {
  const input = demo();
  mutate(input);
  return issuesOf(input);
}

/** `path` is worked out on the broken deployment, where an entry added by `mutate` is the last. */
type Case = [
  name: string,
  mutate: (d: Deployment) => void,
  path: (d: Deployment) => PropertyKey[],
  message: string,
];

const cases: Case[] = [
  [
    'unknown counterpart, with the likely intended code',
    (d) => {
      desk(d, 'ISF-HEBRON').counterpart = 'PASF-HEBRN';
    },
    (d) => ['desks', deskAt(d, 'ISF-HEBRON'), 'counterpart'],
    'Unknown desk "PASF-HEBRN"; did you mean "PASF-HEBRON"?',
  ],
  [
    'asymmetric pairing',
    (d) => {
      d.desks.push({ ...desk(d, 'PASF-HEBRON'), code: 'PASF-HEBRON-2' });
    },
    (d) => ['desks', d.desks.length - 1, 'counterpart'],
    'Pairing is not symmetric: "ISF-HEBRON" has "PASF-HEBRON", not "PASF-HEBRON-2"',
  ],
  [
    'counterpart of the same party',
    (d) => {
      desk(d, 'ISF-HEBRON').counterpart = 'ISF-JENIN';
    },
    (d) => ['desks', deskAt(d, 'ISF-HEBRON'), 'counterpart'],
    'Counterpart "ISF-JENIN" is a desk of ISF',
  ],
  [
    'counterpart in another district',
    (d) => {
      desk(d, 'ISF-HEBRON').counterpart = 'PASF-JENIN';
    },
    (d) => ['desks', deskAt(d, 'ISF-HEBRON'), 'counterpart'],
    'Counterpart "PASF-JENIN" serves JENIN, not HEBRON',
  ],
  [
    "a party's desk without a counterpart",
    (d) => {
      delete desk(d, 'ISF-HEBRON').counterpart;
    },
    (d) => ['desks', deskAt(d, 'ISF-HEBRON'), 'counterpart'],
    'Desk "ISF-HEBRON" needs a counterpart',
  ],
  [
    "a counterpart on the coordinator's desk",
    (d) => {
      desk(d, 'USSC-OPS').counterpart = 'ISF-HEBRON';
    },
    (d) => ['desks', deskAt(d, 'USSC-OPS'), 'counterpart'],
    "The coordinator's desks are not paired",
  ],
  [
    'duplicate desk code',
    (d) => {
      d.desks.push({ ...desk(d, 'USSC-OPS') });
    },
    (d) => ['desks', d.desks.length - 1, 'code'],
    'Duplicate desk "USSC-OPS"',
  ],
  [
    'duplicate unit code deep in another tree',
    (d) => {
      const cogat = d.units.find((unit) => unit.code === 'ISF-IDF')?.children?.[0];
      if (cogat) cogat.code = 'USSC-OPS';
    },
    (d) => ['units', d.units.findIndex((unit) => unit.code === 'ISF-IDF'), 'children', 0, 'code'],
    'Duplicate unit "USSC-OPS"',
  ],
  [
    'duplicate area code',
    (d) => {
      const hebron = d.districts.find((district) => district.code === 'HEBRON');
      if (hebron?.areas?.[1]) hebron.areas[1].code = 'JENIN';
    },
    (d) => ['districts', d.districts.findIndex((district) => district.code === 'HEBRON'), 'areas', 1, 'code'],
    'Duplicate district or area "JENIN"',
  ],
  [
    'bad colour',
    (d) => {
      (d.parties[1] as Deployment['parties'][number]).colour = 'blue';
    },
    () => ['parties', 1, 'colour'],
    'Colour must be #RRGGBB',
  ],
  [
    'unknown clearance',
    (d) => {
      user(d, 'isf.hebron').clearance = 'SECRET';
    },
    (d) => ['users', userAt(d, 'isf.hebron'), 'clearance'],
    'Unknown clearance "SECRET": the scheme\'s levels are U, SBU, C, S, TS',
  ],
  [
    "nationality outside the party's",
    (d) => {
      user(d, 'isf.hebron').nationality = 'USA';
    },
    (d) => ['users', userAt(d, 'isf.hebron'), 'nationality'],
    "Nationality USA is not among ISF's (ISR)",
  ],
  [
    'language not offered',
    (d) => {
      d.languages = ['en', 'ar'];
    },
    (d) => ['users', userAt(d, 'isf.jenin'), 'language'],
    'Language "he" is not one of the languages (en, ar)',
  ],
  [
    'default language not offered',
    (d) => {
      d.defaultLanguage = 'he';
      d.languages = ['en', 'ar'];
      for (const u of d.users) u.language = 'en';
    },
    () => ['defaultLanguage'],
    'Default language "he" is not one of the languages (en, ar)',
  ],
  [
    "a desk of another party's",
    (d) => {
      user(d, 'isf.hebron').desks = ['PASF-HEBRON'];
    },
    (d) => ['users', userAt(d, 'isf.hebron'), 'desks', 0],
    'Desk "PASF-HEBRON" belongs to PASF, not ISF',
  ],
  [
    "a unit of another party's",
    (d) => {
      user(d, 'isf.hebron').unit = 'PASF-DCL-HEBRON';
    },
    (d) => ['users', userAt(d, 'isf.hebron'), 'unit'],
    'Unit "PASF-DCL-HEBRON" belongs to PASF, not ISF',
  ],
  [
    'a group closed to the party',
    (d) => {
      (d.groups[0] as Deployment['groups'][number]).parties = ['USSC'];
    },
    (d) => [
      'users',
      d.users.findIndex((u) => u.groups?.includes(d.groups[0]?.code ?? '') && u.party !== 'USSC'),
      'groups',
      0,
    ],
    'is open to USSC, not ISF',
  ],
  [
    'the coordinator role outside the coordinator',
    (d) => {
      user(d, 'isf.supervisor').roles = ['supervisor', 'coordinator'];
    },
    (d) => ['users', userAt(d, 'isf.supervisor'), 'roles', 1],
    'Only people of the coordinator hold the coordinator role',
  ],
  [
    'a shift at a desk the user does not staff',
    (d) => {
      (d.roster[0] as Deployment['roster'][number]).user = 'isf.hebron';
    },
    () => ['roster', 0, 'user'],
    '"isf.hebron" does not staff desk "USSC-OPS"',
  ],
  [
    'a shift longer than a week',
    (d) => {
      (d.roster[0] as Deployment['roster'][number]).durationHours = 169;
    },
    () => ['roster', 0, 'durationHours'],
    'A shift lasts at most 168 hours',
  ],
  [
    'two coordinators',
    (d) => {
      (d.parties[1] as Deployment['parties'][number]).role = 'coordinator';
    },
    () => ['parties', 1, 'role'],
    'Only one party is the coordinator, and "USSC" already is',
  ],
  [
    'a party named below the top of a unit tree',
    (d) => {
      const inp = d.units.find((unit) => unit.code === 'ISF-INP');
      Object.assign(inp?.children?.[0] ?? {}, { party: 'ISF' });
    },
    (d) => ['units', d.units.findIndex((unit) => unit.code === 'ISF-INP'), 'children', 0, 'party'],
    'Only a top-level unit names its party',
  ],
  [
    'an unknown district on a desk',
    (d) => {
      desk(d, 'ISF-HEBRON').district = 'ATLANTIS';
    },
    (d) => ['desks', deskAt(d, 'ISF-HEBRON'), 'district'],
    'Unknown district or area "ATLANTIS"',
  ],
  [
    'latitude and longitude swapped',
    (d) => {
      const jenin = d.districts[0];
      if (jenin) jenin.geometry = { type: 'Point', coordinates: [32.46, 135.3] };
    },
    () => ['districts', 0, 'geometry', 'coordinates', 1],
    'Latitude is between -90 and 90',
  ],
  [
    'a crossing drawn as an outline',
    (d) => {
      const erez = d.districts.find((place) => place.code === 'X-EREZ');
      if (erez)
        erez.geometry = {
          type: 'Polygon',
          coordinates: [
            [
              [34.54, 31.55],
              [34.55, 31.55],
              [34.55, 31.56],
              [34.54, 31.55],
            ],
          ],
        };
    },
    (d) => ['districts', d.districts.findIndex((place) => place.code === 'X-EREZ'), 'geometry'],
    'A crossing is a point: give a GeoJSON Point or no geometry, not a Polygon',
  ],
  [
    'coordinates that cite no source',
    (d) => {
      const jenin = d.districts[0];
      if (jenin) delete jenin.source;
    },
    () => ['districts', 0, 'source'],
    'Coordinates need a source: cite one of GEONAMES',
  ],
  [
    'coordinates that cite an unknown source',
    (d) => {
      const jenin = d.districts[0];
      if (jenin) jenin.source = 'GEONAMS';
    },
    () => ['districts', 0, 'source'],
    'Unknown source "GEONAMS"; did you mean "GEONAMES"?',
  ],
  [
    'a source that is not a web address',
    (d) => {
      const first = d.sources[0];
      if (first) first.url = 'my notes';
    },
    () => ['sources', 0, 'url'],
    'The source is a public web address',
  ],
  [
    'a camp in a governorate that does not exist',
    (d) => {
      const camp = d.districts.find((place) => place.code === 'CAMP-JENIN');
      if (camp) camp.parent = 'JENNIN';
    },
    (d) => ['districts', d.districts.findIndex((place) => place.code === 'CAMP-JENIN'), 'parent'],
    'Unknown district or area "JENNIN"; did you mean "JENIN"?',
  ],
  [
    'places that lie in each other',
    (d) => {
      const jenin = d.districts.find((place) => place.code === 'JENIN');
      if (jenin) jenin.parent = 'CAMP-JENIN';
    },
    (d) => ['districts', d.districts.findIndex((place) => place.code === 'CAMP-JENIN'), 'parent'],
    '"CAMP-JENIN" lies in "JENIN" lies in "CAMP-JENIN": a place cannot lie inside itself',
  ],
  [
    'an unknown kind of place',
    (d) => {
      const jenin = d.districts[0];
      if (jenin) Object.assign(jenin, { kind: 'village' });
    },
    () => ['districts', 0, 'kind'],
    'Kind is one of governorate, area, refugee-camp, crossing, liaison-office',
  ],
  [
    'an unknown time zone',
    (d) => {
      d.timeZone = 'Asia/Hebronn';
    },
    () => ['timeZone'],
    'Unknown time zone',
  ],
  [
    'a format version this Concord does not read',
    (d) => {
      Object.assign(d, { version: 2 });
    },
    () => ['version'],
    'Format version 2 is unknown; this Concord reads format version 1',
  ],
  [
    'a chair who is not a member of the group',
    (d) => {
      (d.groups[0] as Deployment['groups'][number]).chairs = ['isf.hebron', 'pasf.police'];
    },
    () => ['groups', 0, 'chairs', 0],
    '"isf.hebron" is not a member of WG-TRAFFIC (see the user\'s groups)',
  ],
  [
    'two chairs of one party',
    (d) => {
      const group = d.groups.find((g) => g.code === 'WG-CID') as Deployment['groups'][number];
      group.chairs = ['isf.supervisor', 'isf.police'];
    },
    (d) => ['groups', d.groups.findIndex((g) => g.code === 'WG-CID'), 'chairs', 1],
    'ISF has a chair already: one chair per party',
  ],
  [
    "a secretary who is not the coordinator's",
    (d) => {
      (d.groups[0] as Deployment['groups'][number]).secretary = 'pasf.police';
    },
    () => ['groups', 0, 'secretary'],
    "The secretary is an officer of the coordinator's party",
  ],
];

describe('deploymentSchema', () => {
  it('accepts the demo deployment', () => {
    expect(issuesAfter(() => {})).toEqual([]);
  });

  it.each(cases)('reports %s at the field', (_name, mutate, path, message) => {
    const input = demo();
    mutate(input);
    expect(issuesOf(input)).toContainEqual({ path: path(input), message: expect.stringContaining(message) });
  });

  it('accepts a Polygon and rejects a ring that does not close', () => {
    const square = [
      [35, 31],
      [35.1, 31],
      [35.1, 31.1],
      [35, 31.1],
    ];
    const withRing = (ring: number[][]) =>
      issuesAfter((d) => {
        Object.assign(d.districts[0] ?? {}, { geometry: { type: 'Polygon', coordinates: [ring] } });
      });
    expect(withRing([...square, [35, 31]])).toEqual([]);
    expect(withRing(square)).toContainEqual({
      path: ['districts', 0, 'geometry', 'coordinates', 0],
      message: 'A polygon ring ends where it starts',
    });
  });
});
