import { describe, expect, it } from 'vitest';
import type { DeskDto, DistrictDto } from '../../../core/directory/schemas';
import type { Directory } from './api';
import { pairDesks, searchDirectory } from './model';

const names = (en: string, ar: string, he: string) => ({ en, ar, he });
const district = (
  id: string,
  en: string,
  ar: string,
  he: string,
  extra: Partial<DistrictDto> = {},
): DistrictDto => ({
  id,
  code: id.toUpperCase(),
  kind: 'governorate',
  parentId: null,
  status: '',
  aliases: [],
  names: names(en, ar, he),
  geometry: null,
  source: null,
  ...extra,
});
const desk = (
  id: string,
  partyCode: string,
  districtId: string | null,
  counterpartId: string | null,
): DeskDto => ({
  id,
  code: id.toUpperCase(),
  partyCode,
  districtId,
  unitId: null,
  counterpartId,
  names: names(`${partyCode} desk ${districtId ?? 'ops'}`, 'مكتب', 'עמדה'),
  phone: null,
  actions: { keepRoster: false, writeHandoverNotes: false },
  onDuty:
    id === 'pasf-hebron'
      ? [{ userId: 'u1', displayName: 'Capt. Ahmad Khatib', until: '2030-01-01T00:00:00Z' }]
      : [],
});

const directory: Directory = {
  parties: [],
  units: [],
  groups: [],
  users: [],
  districts: [
    district('hebron', 'Hebron', 'الخليل', 'חברון', { aliases: ['Al-Khalil'] }),
    district('h2', 'Hebron H2', 'الخليل – H2', 'חברון – H2', {
      parentId: 'hebron',
      status: 'H2',
      kind: 'area',
    }),
    district('fawwar', 'Fawwar Camp', 'مخيم الفوار', 'מחנה הפליטים אל-פוואר', {
      parentId: 'hebron',
      kind: 'refugee-camp',
    }),
    district('jenin', 'Jenin', 'جنين', "ג'נין"),
    district('rafah', 'Rafah', 'رفح', 'רפיח'),
  ],
  desks: [
    desk('pasf-hebron', 'PASF', 'hebron', 'isf-hebron'),
    desk('isf-hebron', 'ISF', 'hebron', 'pasf-hebron'),
    desk('isf-jenin', 'ISF', 'jenin', null),
    desk('ussc-ops', 'USSC', null, null),
  ],
};

describe('directory model', () => {
  it('puts each desk beside its counterpart, parties in the deployment order', () => {
    const rows = pairDesks(directory.desks, ['USSC', 'ISF', 'PASF']);
    expect(rows.map((row) => row.map((d) => d.id))).toEqual([
      ['ussc-ops'],
      ['isf-hebron', 'pasf-hebron'],
      ['isf-jenin'],
    ]);
  });

  it('lists the places desks serve, leaving camps and governorates without desks to the map', () => {
    const { districts } = searchDirectory(directory, '');
    expect(districts.map((view) => view.district.id)).toEqual(['hebron', 'jenin']);
    expect(districts[0]?.blocks.map((block) => block.area?.id ?? null)).toEqual([null, 'h2']);
  });

  it('finds a district by any of its names, aliases or areas, with all its desks', () => {
    for (const query of ['hebron', 'الخليل', 'חברון', 'al-khalil', 'H2']) {
      const found = searchDirectory(directory, query);
      expect(found.districts.map((view) => view.district.id)).toEqual(['hebron']);
      expect(found.districts[0]?.blocks[0]?.desks.map((d) => d.id)).toEqual(['pasf-hebron', 'isf-hebron']);
    }
  });

  it('finds desks by who is on duty, and deployment-wide desks apart', () => {
    const found = searchDirectory(directory, 'khatib');
    expect(found.districts.map((view) => view.district.id)).toEqual(['hebron']);
    expect(found.districts[0]?.blocks[0]?.desks.map((d) => d.id)).toEqual(['pasf-hebron']);
    expect(searchDirectory(directory, 'USSC').wideDesks.map((d) => d.id)).toEqual(['ussc-ops']);
    expect(searchDirectory(directory, '').districts).toHaveLength(2);
  });
});
