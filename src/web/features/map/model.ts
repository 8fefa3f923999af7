import { PLACE_KINDS, type PlaceKind, placeMatcher } from '../../../core/directory/places';
import type { LocalisedNames } from '../../../core/directory/schemas';
import type { MapDeskFeature, MapDto, MapPlaceFeature, MapRequestFeature } from '../../../core/map/schemas';

/**
 * The map page's model: the API's FeatureCollection split into places, desks
 * and requests, each place with what lies at it, and the filters the page
 * offers (kinds, a name in any language). Pure: tested without a browser.
 */

export interface PlaceView {
  id: string;
  code: string;
  kind: PlaceKind;
  names: LocalisedNames;
  aliases: string[];
  parent: PlaceView | null;
  /** [longitude, latitude] where its marker goes; null when no public source gives it. */
  anchor: [number, number] | null;
  geometry: MapPlaceFeature['geometry'];
  desks: MapDeskFeature[];
  requests: MapRequestFeature[];
}

export function placesOf(map: MapDto): PlaceView[] {
  const features = map.features;
  const places = features.filter((f): f is MapPlaceFeature => f.properties.layer === 'place');
  const desks = features.filter((f): f is MapDeskFeature => f.properties.layer === 'desk');
  const requests = features.filter((f): f is MapRequestFeature => f.properties.layer === 'request');
  const views = new Map<string, PlaceView>();
  for (const place of places) {
    const { properties: p } = place;
    views.set(place.id, {
      id: place.id,
      code: p.code,
      kind: p.kind,
      names: p.names,
      aliases: p.aliases,
      parent: null,
      anchor: p.anchor && p.anchor.length >= 2 ? [p.anchor[0] as number, p.anchor[1] as number] : null,
      geometry: place.geometry,
      desks: desks.filter((desk) => desk.properties.placeId === place.id),
      requests: requests.filter((request) => request.properties.placeId === place.id),
    });
  }
  for (const place of places) {
    const view = views.get(place.id) as PlaceView;
    view.parent = place.properties.parentId ? (views.get(place.properties.parentId) ?? null) : null;
  }
  return [...views.values()];
}

/** The places of the chosen kinds whose names, aliases or parent's names match the query. */
export function filterPlaces(places: readonly PlaceView[], kinds: ReadonlySet<PlaceKind>, query: string) {
  const matches = placeMatcher(query);
  return places.filter(
    (place) =>
      kinds.has(place.kind) && matches([place.code, ...Object.values(place.names), ...place.aliases]),
  );
}

/** Places grouped by kind in the gazetteer's order, each group sorted by its name in the reader's language. */
export function byKind<T extends { kind: PlaceKind }>(places: readonly T[], nameOf: (place: T) => string) {
  return PLACE_KINDS.map((kind) => ({
    kind,
    places: places.filter((place) => place.kind === kind).sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
  })).filter((group) => group.places.length > 0);
}

/** Marker colours by kind, dark enough for white outlines and distinct for colour-blind readers. */
export const KIND_COLOURS: Record<PlaceKind, string> = {
  governorate: '#1c4e80',
  area: '#6b4c9a',
  'refugee-camp': '#b35900',
  crossing: '#1b7a3d',
  'liaison-office': '#8c1c4a',
};

/** The smallest box holding every anchor, for the map's first view; null when nothing has coordinates. */
export function boundsOf(places: readonly PlaceView[]): [[number, number], [number, number]] | null {
  const anchors = places.flatMap((place) => (place.anchor ? [place.anchor] : []));
  if (anchors.length === 0) return null;
  const xs = anchors.map((a) => a[0]);
  const ys = anchors.map((a) => a[1]);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}
