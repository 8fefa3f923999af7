import { describe, expect, it } from 'vitest';
import type { MapDto } from '../../../core/map/schemas';
import { boundsOf, byKind, filterPlaces, placesOf } from './model';

const names = (en: string, ar: string, he: string) => ({ en, ar, he });
const place = (
  id: string,
  kind: string,
  n: ReturnType<typeof names>,
  extra: Record<string, unknown> = {},
) => ({
  type: 'Feature' as const,
  id,
  geometry: null as MapDto['features'][number]['geometry'],
  properties: {
    layer: 'place' as const,
    code: id.toUpperCase(),
    kind,
    names: n,
    aliases: [] as string[],
    status: '',
    parentId: null as string | null,
    source: null,
    anchor: null as number[] | null,
    ...extra,
  },
});

const map = {
  type: 'FeatureCollection',
  sources: [],
  features: [
    {
      ...place('bethlehem', 'governorate', names('Bethlehem', 'بيت لحم', 'בית לחם'), {
        anchor: [35.2, 31.7],
      }),
      geometry: { type: 'Point', coordinates: [35.2, 31.7] },
    },
    {
      ...place('dheisheh', 'refugee-camp', names('Dheisheh Camp', 'مخيم الدهيشة', 'מחנה הפליטים דהיישה'), {
        parentId: 'bethlehem',
        aliases: ['Deheishe'],
        anchor: [35.18, 31.69],
      }),
      geometry: { type: 'Point', coordinates: [35.18, 31.69] },
    },
    place('allenby', 'crossing', names('Allenby Bridge', 'جسر الملك حسين', 'גשר אלנבי'), {
      aliases: ['King Hussein Bridge'],
    }),
    {
      type: 'Feature',
      id: 'desk-1',
      geometry: { type: 'Point', coordinates: [35.2, 31.7] },
      properties: {
        layer: 'desk',
        code: 'ISF-BETHLEHEM',
        partyCode: 'ISF',
        names: names('ISF desk', 'مكتب', 'דסק'),
        placeId: 'bethlehem',
        counterpartId: null,
        phone: null,
      },
    },
    {
      type: 'Feature',
      id: 'request-1',
      geometry: { type: 'Point', coordinates: [35.18, 31.69] },
      properties: {
        layer: 'request',
        reference: 'REQ-1',
        summary: 'x',
        status: 'submitted',
        priority: 'routine',
        typeCode: 'rfi',
        fromParty: 'USSC',
        toParty: 'PASF',
        placeId: 'dheisheh',
      },
    },
  ],
} as unknown as MapDto;

describe('the map model', () => {
  const places = placesOf(map);
  const byCode = (code: string) => places.find((p) => p.code === code);

  it('hangs desks and requests on their place, and each camp on its governorate', () => {
    expect(byCode('BETHLEHEM')?.desks.map((d) => d.id)).toEqual(['desk-1']);
    expect(byCode('DHEISHEH')?.requests.map((r) => r.id)).toEqual(['request-1']);
    expect(byCode('DHEISHEH')?.parent?.code).toBe('BETHLEHEM');
    expect(byCode('ALLENBY')?.anchor).toBeNull();
  });

  it('filters by kind and by any name or alias in the three languages', () => {
    const all = new Set(['governorate', 'refugee-camp', 'crossing'] as const);
    const codes = (query: string, kinds: ReadonlySet<never> | Set<string> = all) =>
      filterPlaces(places, kinds as never, query).map((p) => p.code);
    expect(codes('deheishe')).toEqual(['DHEISHEH']);
    expect(codes('الدهيشة')).toEqual(['DHEISHEH']);
    expect(codes('בדהיישה')).toEqual(['DHEISHEH']);
    expect(codes('king hussein')).toEqual(['ALLENBY']);
    expect(codes('', new Set(['crossing']))).toEqual(['ALLENBY']);
    expect(codes('nowhere')).toEqual([]);
  });

  it('groups by kind in the gazetteer order, and bounds only what has coordinates', () => {
    expect(byKind(places, (p) => p.names.en).map((g) => g.kind)).toEqual([
      'governorate',
      'refugee-camp',
      'crossing',
    ]);
    expect(boundsOf(places)).toEqual([
      [35.18, 31.69],
      [35.2, 31.7],
    ]);
    expect(boundsOf([])).toBeNull();
  });
});
