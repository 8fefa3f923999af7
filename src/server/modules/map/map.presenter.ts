import { anchorOf, type PlaceGeometry, type PlaceSource } from '../../../core/directory/places';
import type { MapDeskFeature, MapDto, MapPlaceFeature, MapRequestFeature } from '../../../core/map/schemas';
import { requestReference } from '../../../core/requests/reference';
import type { DeskRow } from '../directory/directory.repository';
import type { DistrictRow } from '../directory/places.repository';
import type { MapRequestRow } from './map.queries';

const names = (row: { name_en: string; name_ar: string; name_he: string }) => ({
  en: row.name_en,
  ar: row.name_ar,
  he: row.name_he,
});

/**
 * The map as GeoJSON: places with their own geometry, desks and requests at
 * their place's anchor (a point, or the middle of its outline). What has no
 * place with geometry keeps `geometry: null` and is only listed.
 */
export function presentMap(places: DistrictRow[], desks: DeskRow[], requests: MapRequestRow[]): MapDto {
  const anchors = new Map<string, [number, number] | null>();
  const sources = new Map<string, PlaceSource>();
  const placeFeatures = places.map((place): MapPlaceFeature => {
    const geometry = (place.geometry as PlaceGeometry | null) ?? null;
    const anchor = anchorOf(geometry);
    anchors.set(place.id, anchor);
    const source = (place.source as PlaceSource | null) ?? null;
    if (source) sources.set(source.url, source);
    return {
      type: 'Feature',
      id: place.id,
      geometry,
      properties: {
        layer: 'place',
        code: place.code,
        kind: place.kind,
        names: names(place),
        aliases: place.aliases,
        status: place.status,
        parentId: place.parent_id,
        source,
        anchor,
      },
    };
  });
  const pointAt = (placeId: string | null) => {
    const anchor = placeId ? anchors.get(placeId) : null;
    return anchor ? { type: 'Point' as const, coordinates: anchor } : null;
  };
  const deskFeatures = desks.map(
    (desk): MapDeskFeature => ({
      type: 'Feature',
      id: desk.id,
      geometry: pointAt(desk.district_id),
      properties: {
        layer: 'desk',
        code: desk.code,
        partyCode: desk.party_code,
        names: names(desk),
        placeId: desk.district_id,
        counterpartId: desk.counterpart_id,
        phone: desk.phone,
      },
    }),
  );
  const requestFeatures = requests.map(
    (request): MapRequestFeature => ({
      type: 'Feature',
      id: request.id,
      geometry: pointAt(request.district_id),
      properties: {
        layer: 'request',
        reference: requestReference(request.number),
        summary: request.summary,
        status: request.status,
        priority: request.priority,
        typeCode: request.type_code,
        fromParty: request.from_party,
        toParty: request.to_party,
        placeId: request.district_id,
      },
    }),
  );
  return {
    type: 'FeatureCollection',
    features: [...placeFeatures, ...deskFeatures, ...requestFeatures],
    sources: [...sources.values()],
  };
}
