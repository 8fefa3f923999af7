import { z } from 'zod';

/**
 * The gazetteer's places: what kinds there are, how their geometry is written
 * (GeoJSON, checked strictly enough to draw it, not a GIS validator), where
 * their coordinates come from, and how a typed name finds them in any of the
 * three languages. Shared by the deployment file, the API and the web app.
 */

/**
 * governorate: a West Bank or Gaza governorate; area: part of one (H1, H2,
 * Areas A/B/C); refugee-camp: a camp, often inside a governorate; crossing and
 * liaison-office: points where people and goods pass or where liaison sits.
 */
export const PLACE_KINDS = ['governorate', 'area', 'refugee-camp', 'crossing', 'liaison-office'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const placeKindSchema = z.enum(PLACE_KINDS, {
  error: `Kind is one of ${PLACE_KINDS.join(', ')}`,
});

/** Kinds that are places on a road, not territory: a point or nothing, never an outline. */
export const POINT_KINDS: readonly PlaceKind[] = ['crossing', 'liaison-office'];

/** Where a safe return ends: people are handed over at a crossing or a liaison office. */
export const HANDOVER_KINDS: readonly PlaceKind[] = ['crossing', 'liaison-office'];

const coordinate = (name: string, limit: number) => {
  const message = `${name} is between -${limit} and ${limit} (GeoJSON order is [longitude, latitude])`;
  return z
    .number({ error: `${name} must be a number` })
    .min(-limit, message)
    .max(limit, message);
};
const positionSchema = z.tuple([coordinate('Longitude', 180), coordinate('Latitude', 90)], z.number(), {
  error: 'A position is [longitude, latitude]',
});
const ringSchema = z
  .array(positionSchema)
  .min(4, 'A polygon ring has at least 4 positions')
  .max(20_000, 'A polygon ring has at most 20,000 positions')
  .refine((ring) => ring[0]?.join() === ring.at(-1)?.join(), 'A polygon ring ends where it starts');
const polygonSchema = z.array(ringSchema).min(1, 'A polygon has at least one ring').max(100);

/** A GeoJSON Point, Polygon or MultiPolygon in WGS 84 ([longitude, latitude]). */
export const placeGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('Point'), coordinates: positionSchema }),
    z.strictObject({ type: z.literal('Polygon'), coordinates: polygonSchema }),
    z.strictObject({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(polygonSchema).min(1, 'A multipolygon has at least one polygon').max(100),
    }),
  ],
  { error: 'Geometry is a GeoJSON Point, Polygon or MultiPolygon' },
);
export type PlaceGeometry = z.infer<typeof placeGeometrySchema>;

/** Where a place's coordinates come from: a public source anyone can check, and its licence. */
export const placeSourceSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the source').max(200),
  url: z
    .url({ error: 'The source is a public web address (https://…)' })
    .max(500)
    .refine((url) => /^https?:\/\//.test(url), 'The source is a public web address (https://…)'),
  licence: z.string().trim().min(1, 'Name the licence the source is published under').max(120),
});
export type PlaceSource = z.infer<typeof placeSourceSchema>;

/** Why a geometry does not suit a kind, or null when it does. */
export function geometryProblem(kind: PlaceKind, geometry: PlaceGeometry | null | undefined): string | null {
  if (!geometry || geometry.type === 'Point' || !POINT_KINDS.includes(kind)) return null;
  return `A ${kind} is a point: give a GeoJSON Point or no geometry, not a ${geometry.type}`;
}

/** A point to put a place's marker, label or requests at: the point itself, or the middle of its outline's box. */
export function anchorOf(geometry: PlaceGeometry | null | undefined): [number, number] | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const rings =
    geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  const positions = rings.flatMap((ring) => ring ?? []);
  if (positions.length === 0) return null;
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

// ---- finding a place by any of its names

/**
 * Forgives how a name was typed: any case, diacritics, Arabic vowel marks,
 * tatweel and hamza forms (أ إ آ → ا, ى → ي, ة → ه), Hebrew points, and
 * apostrophes, gereshes and dashes (ג'נין, ג׳נין, Al-Arroub / Al Arroub).
 */
export function normalisePlaceName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0591-\u05c7]/g, '')
    .replace(/\u0640/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/['’‘`"״׳ʼʻ]/g, '')
    .replace(/[-‐–—_.,()]/g, ' ')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

const HEBREW_PREFIXES = /^[ובלמשהכ]/;

/** The forms a typed word may stand for: Hebrew prefixes (בג'נין → ג'נין) and the Arabic article (الجلزون → جلزون). */
function wordForms(word: string): string[] {
  const forms = [word];
  if (word.length > 3 && HEBREW_PREFIXES.test(word)) forms.push(word.slice(1));
  if (word.length > 4 && /^[ובלמשהכ]ה/.test(word)) forms.push(word.slice(2));
  if (word.length > 3 && word.startsWith('ال')) forms.push(word.slice(2));
  if (word.length > 4 && /^[وبلف]ال/.test(word)) forms.push(word.slice(3));
  if (word.length > 3 && /^(al|el)[a-z]/.test(word)) forms.push(word.slice(2));
  return forms;
}

/** True when every word of the query is found in one of the names (empty query: everything). */
export function placeMatcher(query: string): (names: readonly string[]) => boolean {
  const words = normalisePlaceName(query).split(' ').filter(Boolean);
  if (words.length === 0) return () => true;
  return (names) => {
    const haystack = names.map(normalisePlaceName);
    return words.every((word) =>
      wordForms(word).some((form) => haystack.some((name) => name.includes(form))),
    );
  };
}
