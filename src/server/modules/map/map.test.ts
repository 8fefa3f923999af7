import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { testEngine } from '../../../../test/support/test-database';
import type { DistrictDto } from '../../../core/directory/schemas';
import type { MapDto } from '../../../core/map/schemas';

/**
 * The whole map (issue 15, item 5): the gazetteer's kinds, finding a place by
 * any of its names in three languages, geometry checked at the door, and
 * `GET /api/map`, which shows a reader only the requests they may see.
 */

let t: TestApp;
let places: DistrictDto[];
const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const codeOf = (code: string) => places.find((place) => place.code === code) as DistrictDto;
const find = async (query: string) =>
  (await call('isf.hebron', 'GET', `/api/directory/districts?${query}`)).json() as DistrictDto[];

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(['isf.hebron', 'isf.jenin', 'pasf.jenin', 'coord.duty', 'admin']);
  places = (await call('admin', 'GET', '/api/directory/districts')).json();
}, 60_000);
afterAll(() => t?.close());

describe(`the gazetteer's kinds (${testEngine()})`, () => {
  it('seeds governorates of the West Bank and Gaza, the 27 camps, crossings and liaison offices, each with its kind', () => {
    const count = (kind: string) => places.filter((place) => place.kind === kind).length;
    expect(count('governorate')).toBe(15);
    expect(count('refugee-camp')).toBe(27);
    expect(count('crossing')).toBeGreaterThanOrEqual(4);
    expect(count('liaison-office')).toBeGreaterThanOrEqual(1);
    expect(codeOf('HEBRON-H1').kind).toBe('area');
    expect(codeOf('CAMP-DHEISHEH').parentId).toBe(codeOf('BETHLEHEM').id);
    expect(codeOf('CAMP-NUSEIRAT').parentId).toBe(codeOf('DEIR-AL-BALAH').id);
  });

  it('keeps geometry only with its public source, and leaves places without one undrawn', () => {
    const allenby = codeOf('X-ALLENBY');
    expect(allenby.geometry).toEqual({ type: 'Point', coordinates: [35.54083, 31.87417] });
    expect(allenby.source).toMatchObject({
      url: 'https://en.wikipedia.org/wiki/Allenby_Bridge',
      licence: 'CC BY-SA 4.0',
    });
    expect(codeOf('CAMP-SHUFAT')).toMatchObject({ geometry: null, source: null });
    for (const place of places) if (place.geometry) expect(place.source, place.code).not.toBeNull();
  });

  it('lists one kind with ?kind=, and every place without it', async () => {
    const camps = await find('kind=refugee-camp');
    expect(camps).toHaveLength(27);
    expect(new Set(camps.map((camp) => camp.kind))).toEqual(new Set(['refugee-camp']));
    expect((await find('kind=crossing')).map((place) => place.code)).toContain('X-EREZ');
    expect((await find('kind=governorate')).map((place) => place.code)).toContain('KHAN-YUNIS');
    expect(await find('')).toHaveLength(places.length);
    const wrong = await call('isf.hebron', 'GET', '/api/directory/districts?kind=village');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'querystring.kind' });
  });

  it.each([
    ['the English name', 'Dheisheh', 'CAMP-DHEISHEH'],
    ['a transliteration', 'Deheishe', 'CAMP-DHEISHEH'],
    ['the Arabic name', 'مخيم الدهيشة', 'CAMP-DHEISHEH'],
    ['the Arabic name without its article', 'دهيشة', 'CAMP-DHEISHEH'],
    ['the Hebrew name', 'דהיישה', 'CAMP-DHEISHEH'],
    ['the Hebrew name with a prefix ("in Dheisheh")', 'בדהיישה', 'CAMP-DHEISHEH'],
    ['the Gaza camp in English', 'Nuseirat', 'CAMP-NUSEIRAT'],
    ['the Gaza camp in Arabic', 'النصيرات', 'CAMP-NUSEIRAT'],
    ['the Gaza camp in Hebrew', 'נוסייראת', 'CAMP-NUSEIRAT'],
    ['the crossing in English', 'King Hussein', 'X-ALLENBY'],
    ['the crossing in Arabic', 'جسر الملك حسين', 'X-ALLENBY'],
    ['the crossing in Hebrew', 'גשר אלנבי', 'X-ALLENBY'],
    ['a crossing by its other name', 'Beit Hanoun', 'X-EREZ'],
  ])('finds a place by %s (%s)', async (_how, query, code) => {
    const found = await find(`q=${encodeURIComponent(query)}`);
    expect(found.map((place) => place.code)).toContain(code);
    expect(found.length).toBeLessThan(places.length);
  });

  it('combines ?kind= and ?q=, and finds nothing for a name it does not know', async () => {
    expect((await find(`kind=crossing&q=${encodeURIComponent('رفح')}`)).map((p) => p.code)).toEqual([
      'X-RAFAH',
    ]);
    expect(await find('q=Atlantis')).toEqual([]);
  });
});

describe(`geometry at the door (${testEngine()})`, () => {
  const names = { en: 'Test crossing', ar: 'معبر تجريبي', he: 'מעבר ניסיון' };
  const source = { name: 'Test source', url: 'https://example.org/places', licence: 'CC0' };
  const add = (body: Record<string, unknown>) => call('admin', 'POST', '/api/directory/districts', body);

  it('refuses an outline for a crossing, with a message saying what to give', async () => {
    const response = await add({
      code: 'X-TEST-1',
      kind: 'crossing',
      names,
      source,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [34.5, 31.5],
            [34.6, 31.5],
            [34.6, 31.6],
            [34.5, 31.5],
          ],
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'place_geometry_kind',
      errors: [
        {
          path: 'body.geometry',
          message: 'A crossing is a point: give a GeoJSON Point or no geometry, not a Polygon',
        },
      ],
    });
  });

  it('refuses coordinates without their public source', async () => {
    const response = await add({
      code: 'X-TEST-2',
      kind: 'crossing',
      names,
      geometry: { type: 'Point', coordinates: [34.5, 31.5] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'place_source_required',
      errors: [{ path: 'body.source' }],
    });
  });

  it.each([
    [
      'latitude out of range',
      { type: 'Point', coordinates: [34.5, 131.5] },
      'Latitude is between -90 and 90',
    ],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [34, 31],
            [35, 31],
            [35, 32],
            [34, 32],
          ],
        ],
      },
      'ends where it starts',
    ],
    [
      'a line',
      {
        type: 'LineString',
        coordinates: [
          [34, 31],
          [35, 32],
        ],
      },
      'Point, Polygon or MultiPolygon',
    ],
  ])('refuses %s with a precise message', async (_what, geometry, message) => {
    const response = await add({ code: 'CAMP-TEST', kind: 'refugee-camp', names, source, geometry });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain(message);
  });

  it('adds a camp with a cited point and lists it under its kind', async () => {
    const response = await add({
      code: 'CAMP-TEST-OK',
      kind: 'refugee-camp',
      parentId: codeOf('JENIN').id,
      names: { en: 'Test camp', ar: 'مخيم تجريبي', he: 'מחנה ניסיון' },
      aliases: ['Proving Ground'],
      source,
      geometry: { type: 'Point', coordinates: [35.29, 32.46] },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'refugee-camp', source });
    expect((await find('kind=refugee-camp&q=Proving')).map((place) => place.code)).toEqual(['CAMP-TEST-OK']);
    const removed = await call('admin', 'DELETE', `/api/directory/districts/${response.json().id}`);
    expect(removed.statusCode).toBe(204);
  });
});

describe(`the map (${testEngine()})`, () => {
  let hiddenFromIsf = '';
  let seenByBoth = '';

  beforeAll(async () => {
    // The coordinator asks the PASF about Jenin camp: the request's parties are USSC and PASF, never ISF.
    const rfi = await call('coord.duty', 'POST', '/api/requests', {
      type: 'rfi',
      districtId: codeOf('CAMP-JENIN').id,
      toParty: 'PASF',
      fields: { question: 'Is the camp road open?', category: 'security' },
    });
    expect(rfi.statusCode, rfi.body).toBe(201);
    hiddenFromIsf = rfi.json().id;
    const safeReturn = await call('isf.jenin', 'POST', '/api/requests', {
      type: 'safe-return',
      districtId: codeOf('JENIN').id,
      fields: { who: 'One Israeli civilian', description: 'Grey van', lastKnownLocation: 'Jenin market' },
    });
    expect(safeReturn.statusCode, safeReturn.body).toBe(201);
    seenByBoth = safeReturn.json().id;
  });

  const mapOf = async (user: string) => {
    const response = await call(user, 'GET', '/api/map');
    expect(response.statusCode).toBe(200);
    return { map: response.json() as MapDto, body: response.body };
  };
  const requestsOn = (map: MapDto) =>
    map.features.filter((feature) => feature.properties.layer === 'request');

  it('is a FeatureCollection of places, desks and requests, crediting its sources', async () => {
    const { map } = await mapOf('isf.jenin');
    expect(map.type).toBe('FeatureCollection');
    const layers = new Set(map.features.map((feature) => feature.properties.layer));
    expect(layers).toEqual(new Set(['place', 'desk', 'request']));
    const camp = map.features.find((feature) => feature.id === codeOf('CAMP-DHEISHEH').id);
    expect(camp).toMatchObject({
      geometry: { type: 'Point' },
      properties: { layer: 'place', kind: 'refugee-camp', names: { ar: 'مخيم الدهيشة' } },
    });
    const shufat = map.features.find((feature) => feature.id === codeOf('CAMP-SHUFAT').id);
    expect(shufat?.geometry).toBeNull();
    expect(map.sources.map((source) => source.url)).toContain('https://www.geonames.org/');
  });

  it('pairs the desks: each paired desk names a counterpart of the other party at the same place', async () => {
    const { map } = await mapOf('isf.jenin');
    const desks = map.features.filter((feature) => feature.properties.layer === 'desk');
    const byId = new Map(
      desks.map((desk) => [
        desk.id,
        desk.properties as { partyCode: string; placeId: string | null; counterpartId: string | null },
      ]),
    );
    const isfJenin = desks.find((desk) => (desk.properties as { code: string }).code === 'ISF-JENIN');
    const own = byId.get(isfJenin?.id ?? '');
    const other = byId.get(own?.counterpartId ?? '');
    expect(other).toMatchObject({ partyCode: 'PASF', placeId: own?.placeId, counterpartId: isfJenin?.id });
    expect(isfJenin?.geometry?.type).toBe('Point');
  });

  it("shows a reader their open requests at their place, and never another party's, not even as a count", async () => {
    const pasf = await mapOf('pasf.jenin');
    const pasfRequest = requestsOn(pasf.map).find((feature) => feature.id === hiddenFromIsf);
    expect(pasfRequest).toMatchObject({
      geometry: { type: 'Point', coordinates: codeOf('CAMP-JENIN').geometry?.coordinates },
      properties: { placeId: codeOf('CAMP-JENIN').id, status: 'submitted', fromParty: 'USSC' },
    });

    const isf = await mapOf('isf.jenin');
    expect(isf.body).not.toContain(hiddenFromIsf);
    expect(isf.body).not.toContain('Is the camp road open?');
    expect(requestsOn(isf.map).map((feature) => feature.id)).toContain(seenByBoth);
    // Exactly the reader's open requests: the same set the request list gives them, nothing more.
    const list = (await call('isf.jenin', 'GET', '/api/requests?state=open&limit=200')).json() as {
      items: { id: string }[];
    };
    expect(
      requestsOn(isf.map)
        .map((feature) => feature.id)
        .sort(),
    ).toEqual(list.items.map((item) => item.id).sort());
  });

  it('answers 401 to a caller who is not signed in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/map' })).statusCode).toBe(401);
  });
});
