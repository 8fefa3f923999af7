import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeployment } from './parse';

/** What the demo promises beyond being valid: the USSC setting of the seed documents, complete in three languages. */

const demo = parseDeployment(
  readFileSync(new URL('../../../deployments/demo.yaml', import.meta.url), 'utf8'),
  'deployments/demo.yaml',
);

/** Every `names` object anywhere in the deployment, with where it is. */
function allNames(value: unknown, path = ''): { path: string; names: Record<string, string> }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => allNames(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    LOCALISED_KEYS.has(key) ? [{ path: `${path}.${key}`, names: child }] : allNames(child, `${path}.${key}`),
  );
}

/** Keys whose value is text in the three languages: names, and the labels and hints of request forms. */
const LOCALISED_KEYS = new Set(['names', 'labels', 'help']);

describe('the demo deployment', () => {
  it('names everything in English, Arabic and Hebrew, each in its own script', () => {
    const named = [...allNames(demo), { path: '.name', names: demo.name }];
    const sections = new Set(named.map(({ path }) => path.match(/^\.(\w+)/)?.[1]));
    expect(sections).toEqual(
      new Set([
        'name',
        'classification',
        'parties',
        'units',
        'districts',
        'desks',
        'groups',
        'requestTypes',
        'exchangeCategories',
      ]),
    );
    for (const { path, names } of named) {
      expect(names.en, path).toMatch(/[A-Za-z]/);
      expect(names.ar, path).toMatch(/\p{Script=Arabic}/u);
      expect(names.he, path).toMatch(/\p{Script=Hebrew}/u);
    }
  });

  const WEST_BANK = [
    'JENIN',
    'TUBAS',
    'TULKARM',
    'NABLUS',
    'QALQILYA',
    'SALFIT',
    'RAMALLAH',
    'JERICHO',
    'BETHLEHEM',
    'HEBRON',
  ];
  const kindOf = (district: (typeof demo.districts)[number]) => district.kind ?? 'governorate';

  it('lists the West Bank governorates, with Hebron divided into H1 and H2', () => {
    expect(
      demo.districts.filter((district) => WEST_BANK.includes(district.code)).map((d) => d.names.en),
    ).toEqual([
      'Jenin',
      'Tubas',
      'Tulkarm',
      'Nablus',
      'Qalqilya',
      'Salfit',
      'Ramallah and al-Bireh',
      'Jericho',
      'Bethlehem',
      'Hebron',
    ]);
    const hebron = demo.districts.find((district) => district.code === 'HEBRON');
    expect(hebron?.names).toEqual({ en: 'Hebron', ar: 'الخليل', he: 'חברון' });
    expect(hebron?.aliases).toContain('Al-Khalil');
    expect(hebron?.areas?.map((area) => area.status)).toEqual(['H1', 'H2']);
  });

  it("has the whole map: Gaza's five governorates, the 19 West Bank and 8 Gaza camps, crossings and liaison offices", () => {
    const governorates = demo.districts.filter((district) => kindOf(district) === 'governorate');
    expect(governorates.map((district) => district.code)).toEqual([
      ...WEST_BANK,
      'NORTH-GAZA',
      'GAZA',
      'DEIR-AL-BALAH',
      'KHAN-YUNIS',
      'RAFAH',
    ]);
    const camps = demo.districts.filter((district) => kindOf(district) === 'refugee-camp');
    const gaza = new Set(['NORTH-GAZA', 'GAZA', 'DEIR-AL-BALAH', 'KHAN-YUNIS', 'RAFAH']);
    expect(camps.filter((camp) => camp.parent && gaza.has(camp.parent))).toHaveLength(8);
    expect(camps.filter((camp) => !camp.parent || !gaza.has(camp.parent))).toHaveLength(19);
    expect(
      demo.districts.filter((district) => kindOf(district) === 'crossing').length,
    ).toBeGreaterThanOrEqual(4);
    expect(
      demo.districts.filter((district) => kindOf(district) === 'liaison-office').length,
    ).toBeGreaterThanOrEqual(1);
    for (const camp of camps) expect(camp.aliases?.length, camp.code).toBeGreaterThan(0);
  });

  it('draws only what a cited public source gives: every geometry names a source with a web address and a licence', () => {
    const sources = new Map(demo.sources.map((source) => [source.code, source]));
    const places = demo.districts.flatMap((district) => [district, ...(district.areas ?? [])]);
    for (const place of places) {
      if (!place.geometry) continue;
      const source = sources.get(place.source ?? '');
      expect(source?.url, place.code).toMatch(/^https:\/\//);
      expect(source?.licence, place.code).toBeTruthy();
    }
    for (const place of places.filter((p) => kindOf(p as never) === 'crossing'))
      expect(place.geometry?.type ?? 'Point', place.code).toBe('Point');
  });

  it('gives each West Bank governorate an ISF desk and a PASF desk paired with each other', () => {
    for (const district of demo.districts.filter((d) => WEST_BANK.includes(d.code))) {
      const desks = demo.desks.filter((desk) => desk.district === district.code);
      expect(desks.map((desk) => desk.party).sort(), district.code).toEqual(['ISF', 'PASF']);
      const [a, b] = desks;
      expect(a?.counterpart).toBe(b?.code);
      expect(b?.counterpart).toBe(a?.code);
    }
  });

  it('has the USSC as coordinator with officers of the contributing nations', () => {
    const ussc = demo.parties.find((party) => party.role === 'coordinator');
    expect(ussc?.code).toBe('USSC');
    expect(ussc?.nationalities).toEqual(expect.arrayContaining(['USA', 'GBR', 'CAN', 'NLD', 'ITA']));
    const coordinators = demo.users.filter((user) => user.roles.includes('coordinator'));
    expect(new Set(coordinators.map((user) => user.nationality))).toEqual(
      new Set(['USA', 'GBR', 'CAN', 'NLD', 'ITA']),
    );
    expect(demo.users.some((user) => user.party === 'USSC' && ['U', 'SBU'].includes(user.clearance))).toBe(
      true,
    );
  });

  it('has the four working groups of the seed cable, open to all three parties', () => {
    const groups = demo.groups.filter((group) => group.kind === 'working-group');
    expect(groups.map((group) => group.names.en)).toEqual([
      'Traffic Police working group',
      'Criminal Investigations working group',
      'Special Police working group',
      'Counternarcotics working group',
    ]);
    for (const group of groups) expect(group.parties.sort()).toEqual(['ISF', 'PASF', 'USSC']);
  });

  it('puts the demo duty officers on duty the moment the database is seeded', () => {
    const onDutyAtSeed = demo.roster
      .filter(
        (shift) => shift.startsHoursFromSeed <= 0 && shift.startsHoursFromSeed + shift.durationHours > 0,
      )
      .map((shift) => `${shift.user}@${shift.desk}`);
    expect(onDutyAtSeed).toEqual(
      expect.arrayContaining(['coord.duty@USSC-OPS', 'isf.hebron@ISF-HEBRON', 'pasf.hebron@PASF-HEBRON']),
    );
  });

  it('has the six request types of the issue, a safe return acknowledged within 5 minutes', () => {
    expect(demo.requestTypes.map((type) => type.code).sort()).toEqual(
      ['incident', 'medical-passage', 'meeting', 'movement', 'rfi', 'safe-return'].sort(),
    );
    const safeReturn = demo.requestTypes.find((type) => type.code === 'safe-return');
    expect(safeReturn?.defaultPriority).toBe('critical');
    expect(safeReturn?.sla.critical.acknowledgeMinutes).toBe(5);
    expect(safeReturn?.escalation.steps.map((step) => step.notify)).toEqual([
      'desk',
      'supervisors',
      'coordinator',
    ]);
    expect(safeReturn?.fields.map((field) => field.key)).toEqual([
      'who',
      'description',
      'lastKnownLocation',
      'contact',
      'circumstances',
    ]);
  });
});
