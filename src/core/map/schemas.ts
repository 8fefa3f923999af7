import { z } from 'zod';
import { placeKindSchema, placeSourceSchema } from '../directory/places';
import { localisedNamesSchema } from '../directory/schemas';

/**
 * `GET /api/map`: what the reader may see on the map, as one GeoJSON
 * FeatureCollection that MapLibre draws as it is. Three layers, told apart by
 * `properties.layer`: the gazetteer's places, the liaison desks with their
 * pairing, and the reader's open requests at their place. A feature whose
 * place has no geometry has `geometry: null` (valid GeoJSON): it is still
 * listed beside the map, never drawn at an invented spot.
 */

const pointSchema = z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) });
const geometrySchema = z
  .object({ type: z.enum(['Point', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .nullable();

export const mapPlacePropertiesSchema = z.object({
  layer: z.literal('place'),
  code: z.string(),
  kind: placeKindSchema,
  names: localisedNamesSchema,
  aliases: z.array(z.string()),
  status: z.string(),
  parentId: z.string().nullable(),
  /** Where the geometry comes from, so the map can credit it. */
  source: placeSourceSchema.nullable(),
  /** The label's anchor: the point itself, or the middle of the outline. Null without geometry. */
  anchor: z.array(z.number()).nullable(),
});

export const mapDeskPropertiesSchema = z.object({
  layer: z.literal('desk'),
  code: z.string(),
  partyCode: z.string(),
  names: localisedNamesSchema,
  placeId: z.string().nullable(),
  /** The other party's desk for the same place; null for the coordinator's and unpaired desks. */
  counterpartId: z.string().nullable(),
  phone: z.string().nullable(),
});

export const mapRequestPropertiesSchema = z.object({
  layer: z.literal('request'),
  /** How people name it: REQ-48210937. */
  reference: z.string(),
  summary: z.string(),
  status: z.string(),
  priority: z.string(),
  typeCode: z.string(),
  fromParty: z.string(),
  toParty: z.string(),
  placeId: z.string(),
});

const feature = <P extends z.ZodType, G extends z.ZodType>(properties: P, geometry: G) =>
  z.object({ type: z.literal('Feature'), id: z.string(), geometry, properties });

export const mapPlaceFeatureSchema = feature(mapPlacePropertiesSchema, geometrySchema);
export const mapDeskFeatureSchema = feature(mapDeskPropertiesSchema, pointSchema.nullable());
export const mapRequestFeatureSchema = feature(mapRequestPropertiesSchema, pointSchema.nullable());

export const mapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.union([mapPlaceFeatureSchema, mapDeskFeatureSchema, mapRequestFeatureSchema])),
  /** Every source the places' geometry was taken from (name, url, licence), to credit on the map. */
  sources: z.array(placeSourceSchema),
});

export type MapDto = z.infer<typeof mapSchema>;
export type MapPlaceFeature = z.infer<typeof mapPlaceFeatureSchema>;
export type MapDeskFeature = z.infer<typeof mapDeskFeatureSchema>;
export type MapRequestFeature = z.infer<typeof mapRequestFeatureSchema>;
