import { Alert, Box, Loader } from '@mantine/core';
import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalised } from '../../lib/use-localised';
import classes from './map.module.css';
import { boundsOf, KIND_COLOURS, type PlaceView } from './model';

/**
 * The map itself: MapLibre GL drawing the deployment's own GeoJSON on a plain
 * background, with no tile server and no address outside this server. The
 * library (about 1 MB) and its worker load only when this component mounts,
 * so no other page carries them. Names are HTML labels in the reader's
 * language rather than symbol layers, which would need glyph files from
 * elsewhere; they are decoration for sighted readers (aria-hidden), because
 * the list beside the map says everything the map shows.
 */
export function MapCanvas({
  places,
  selectedId,
  onSelect,
}: {
  places: readonly PlaceView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markers = useRef<Marker[]>([]);
  const library = useRef<typeof import('maplibre-gl') | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const select = useRef(onSelect);
  select.current = onSelect;

  // Load MapLibre and create the map once.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [maplibre, worker] = await Promise.all([
          import('maplibre-gl'),
          import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
          import('maplibre-gl/dist/maplibre-gl.css'),
        ]);
        if (cancelled || !container.current) return;
        maplibre.setWorkerUrl(new URL(worker.default, window.location.href).href);
        library.current = maplibre;
        const map = new maplibre.Map({
          container: container.current,
          style: {
            version: 8,
            sources: {
              places: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
            },
            layers: [
              { id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } },
              {
                id: 'outlines-fill',
                type: 'fill',
                source: 'places',
                filter: ['!=', ['geometry-type'], 'Point'],
                paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.15 },
              },
              {
                id: 'outlines-line',
                type: 'line',
                source: 'places',
                filter: ['!=', ['geometry-type'], 'Point'],
                paint: { 'line-color': ['get', 'colour'], 'line-width': 1.5 },
              },
              {
                id: 'requests',
                type: 'circle',
                source: 'places',
                filter: ['all', ['==', ['geometry-type'], 'Point'], ['>', ['get', 'requests'], 0]],
                paint: {
                  'circle-radius': ['+', 9, ['*', 2, ['min', ['get', 'requests'], 5]]],
                  'circle-color': '#c92a2a',
                  'circle-opacity': 0.25,
                  'circle-stroke-color': '#c92a2a',
                  'circle-stroke-width': 2,
                },
              },
              {
                id: 'points',
                type: 'circle',
                source: 'places',
                filter: ['==', ['geometry-type'], 'Point'],
                paint: {
                  'circle-radius': [
                    'case',
                    ['get', 'selected'],
                    9,
                    ['==', ['get', 'kind'], 'governorate'],
                    6,
                    5,
                  ],
                  'circle-color': ['get', 'colour'],
                  'circle-stroke-color': '#ffffff',
                  'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
                },
              },
            ],
          },
          attributionControl: false,
          center: [35.0, 31.7],
          zoom: 7.4,
          dragRotate: false,
          pitchWithRotate: false,
        });
        map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-left');
        map.on('click', 'points', (event) => {
          const id = event.features?.[0]?.properties?.id;
          if (typeof id === 'string') select.current(id);
        });
        map.on('mouseenter', 'points', () => {
          map.getCanvas().style.cursor = 'pointer';
        });
        map.on('mouseleave', 'points', () => {
          map.getCanvas().style.cursor = '';
        });
        map.on('load', () => {
          if (!cancelled) setState('ready');
        });
        map.on('error', (event) => console.warn('map:', event.error?.message));
        mapRef.current = map;
      } catch (error) {
        console.warn('map:', error);
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
  }, []);

  // Fit the first view to the places that have coordinates.
  const fitted = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (state !== 'ready' || !map || fitted.current) return;
    const bounds = boundsOf(places);
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0 });
    fitted.current = true;
  }, [state, places]);

  // Draw the places shown, their requests, and the labels in the reader's language.
  useEffect(() => {
    const map = mapRef.current;
    const maplibre = library.current;
    if (state !== 'ready' || !map || !maplibre) return;
    const source = map.getSource('places');
    if (source?.type === 'geojson')
      (source as import('maplibre-gl').GeoJSONSource).setData({
        type: 'FeatureCollection',
        features: places.flatMap((place) =>
          place.geometry
            ? [
                {
                  type: 'Feature' as const,
                  geometry: place.geometry as never,
                  properties: {
                    id: place.id,
                    kind: place.kind,
                    colour: KIND_COLOURS[place.kind],
                    requests: place.requests.length,
                    selected: place.id === selectedId,
                  },
                },
              ]
            : [],
        ),
      });
    for (const marker of markers.current) marker.remove();
    markers.current = places
      .filter((place) => place.anchor && (place.kind !== 'refugee-camp' || place.id === selectedId))
      .map((place) => {
        const label = document.createElement('div');
        label.className = classes.label as string;
        label.dir = 'auto';
        label.textContent = localised(place.names);
        label.setAttribute('aria-hidden', 'true');
        label.dataset.kind = place.kind;
        if (place.id === selectedId) label.dataset.selected = 'true';
        return new maplibre.Marker({ element: label, anchor: 'top', offset: [0, 8] })
          .setLngLat(place.anchor as [number, number])
          .addTo(map);
      });
  }, [state, places, selectedId, localised]);

  // Bring the chosen place into view.
  useEffect(() => {
    const map = mapRef.current;
    const place = places.find((candidate) => candidate.id === selectedId);
    if (state === 'ready' && map && place?.anchor)
      map.easeTo({ center: place.anchor, zoom: Math.max(map.getZoom(), 10), duration: 400 });
  }, [state, selectedId, places]);

  if (state === 'failed')
    return (
      <Alert color="yellow" title={t('map.unavailable')}>
        {t('map.unavailableHint')}
      </Alert>
    );
  return (
    <Box pos="relative">
      <section
        ref={container}
        className="concord-map"
        data-state={state}
        aria-label={t('map.canvasLabel')}
        style={{ height: 'min(70vh, 640px)', width: '100%', borderRadius: 8, overflow: 'hidden' }}
      ></section>
      {state === 'loading' && (
        <Loader size="sm" pos="absolute" top={12} right={12} aria-label={t('map.loading')} />
      )}
    </Box>
  );
}
