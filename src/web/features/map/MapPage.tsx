import {
  Anchor,
  Badge,
  Checkbox,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PLACE_KINDS, type PlaceKind } from '../../../core/directory/places';
import type { MapDto } from '../../../core/map/schemas';
import type { Status } from '../../../core/requests/lifecycle';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { STATUS_LABELS } from '../requests/labels';
import { useMapData } from './api';
import { KIND_LABEL_ONE, KIND_LABELS } from './kind-labels';
import { MapCanvas } from './MapCanvas';
import classes from './map.module.css';
import { byKind, filterPlaces, KIND_COLOURS, type PlaceView, placesOf } from './model';

/**
 * The whole map: the gazetteer's places drawn from the deployment's own
 * GeoJSON, the liaison desks at each place with their pairing, and the
 * reader's open requests by place. Everything on the map is also in the
 * list beside it, which is searchable in any of the three languages.
 */
export default function MapPage() {
  const { t } = useTranslation();
  usePageTitle(t('map.title'));
  const map = useMapData();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('map.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('map.subtitle')}
        </Text>
      </div>
      <Loaded {...map}>{(data) => <MapContent map={data} />}</Loaded>
    </Stack>
  );
}

function MapContent({ map }: { map: MapDto }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const places = useMemo(() => placesOf(map), [map]);
  const [kinds, setKinds] = useState<PlaceKind[]>([...PLACE_KINDS]);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const shown = useMemo(() => filterPlaces(places, new Set(kinds), deferred), [places, kinds, deferred]);
  const selected = places.find((place) => place.id === selectedId) ?? null;
  const withRequests = places.filter((place) => place.requests.length > 0);
  const nameOf = (place: PlaceView) => localised(place.names);
  const counts = Object.fromEntries(
    PLACE_KINDS.map((kind) => [kind, places.filter((p) => p.kind === kind).length]),
  );

  const choose = (id: string) => {
    setSelectedId(id);
    document.getElementById(`place-${id}`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Stack gap="lg">
      <Checkbox.Group
        label={t('map.kinds')}
        value={kinds}
        onChange={(value) => setKinds(value as PlaceKind[])}
      >
        <Group gap="md" mt={6}>
          {PLACE_KINDS.map((kind) => (
            <Checkbox
              key={kind}
              value={kind}
              label={
                <Group gap={6} wrap="nowrap">
                  <span className={classes.swatch} style={{ background: KIND_COLOURS[kind] }} aria-hidden />
                  {t(KIND_LABELS[kind])} ({counts[kind]})
                </Group>
              }
            />
          ))}
        </Group>
      </Checkbox.Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <MapCanvas places={shown} selectedId={selectedId} onSelect={choose} />
          {selected && <PlaceDetails place={selected} />}
          <Sources sources={map.sources} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <TextInput
              type="search"
              label={t('map.search')}
              description={t('map.searchHint')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              dir="auto"
            />
            <Text role="status" size="sm" c="dimmed">
              {t('map.shown', { count: shown.length })}
            </Text>
            <nav aria-label={t('map.placesList')} className={classes.list}>
              {byKind(shown, nameOf).map((group) => (
                <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
                  <Title order={2} size="h5" id={`kind-${group.kind}`} mt="xs">
                    {t(KIND_LABELS[group.kind])}
                  </Title>
                  <List listStyleType="none" spacing={2} mt={4}>
                    {group.places.map((place) => (
                      <List.Item
                        key={place.id}
                        id={`place-${place.id}`}
                        className={classes.place}
                        data-selected={place.id === selectedId}
                      >
                        <UnstyledButton
                          className={classes.placeButton}
                          onClick={() => setSelectedId(place.id)}
                          aria-pressed={place.id === selectedId}
                        >
                          <span dir="auto">{nameOf(place)}</span>
                        </UnstyledButton>
                        {place.parent && (
                          <Text span size="xs" c="dimmed" dir="auto">
                            {localised(place.parent.names)}
                          </Text>
                        )}
                        {!place.anchor && (
                          <Text span size="xs" c="dimmed">
                            {' · '}
                            {t('map.noCoordinates')}
                          </Text>
                        )}
                        {place.requests.length > 0 && (
                          <Badge ms={6} size="sm" color="red" variant="light">
                            {t('map.requestCount', { count: place.requests.length })}
                          </Badge>
                        )}
                      </List.Item>
                    ))}
                  </List>
                </section>
              ))}
            </nav>
          </Stack>
        </Grid.Col>
      </Grid>
      <Section id="map-requests" title={t('map.requestsTitle')} description={t('map.requestsHint')}>
        {withRequests.length === 0 ? (
          <Text c="dimmed" mt="sm">
            {t('map.noRequests')}
          </Text>
        ) : (
          <Stack gap="sm" mt="sm">
            {withRequests.map((place) => (
              <div key={place.id}>
                <Text fw={600} dir="auto">
                  {nameOf(place)}
                </Text>
                <RequestLinks place={place} />
              </div>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function RequestLinks({ place }: { place: PlaceView }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {place.requests.map((request) => (
        <List.Item key={request.id}>
          <Anchor component={Link} to={`/requests/${request.id}`}>
            {request.properties.reference}
          </Anchor>{' '}
          <span dir="auto">{request.properties.summary}</span>{' '}
          <Badge size="xs" variant="light">
            {STATUS_LABELS[request.properties.status as Status]
              ? t(STATUS_LABELS[request.properties.status as Status])
              : request.properties.status}
          </Badge>
        </List.Item>
      ))}
    </List>
  );
}

/** What is at the chosen place: its kind, where it lies, the desks there and their counterparts, its open requests. */
function PlaceDetails({ place }: { place: PlaceView }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  // A camp or crossing is served by the desks of the governorate it lies in.
  const desks = place.desks.length > 0 ? place.desks : (place.parent?.desks ?? []);
  return (
    <Paper withBorder p="md" mt="md" aria-live="polite">
      <Group gap="xs">
        <Title order={2} size="h4" dir="auto">
          {localised(place.names)}
        </Title>
        <Badge variant="light">{t(KIND_LABEL_ONE[place.kind])}</Badge>
      </Group>
      {place.parent && (
        <Text size="sm" c="dimmed" dir="auto">
          {t('map.liesIn', { place: localised(place.parent.names) })}
        </Text>
      )}
      {place.aliases.length > 0 && (
        <Text size="sm">
          {t('map.alsoKnownAs')}:{' '}
          {place.aliases.map((alias, i) => (
            <span key={alias}>
              {i > 0 && ' · '}
              <bdi>{alias}</bdi>
            </span>
          ))}
        </Text>
      )}
      {!place.anchor && <Text size="sm">{t('map.noCoordinatesHint')}</Text>}
      {desks.length > 0 && (
        <>
          <Text fw={600} size="sm" mt="sm">
            {t('map.desks')}
          </Text>
          <List size="sm">
            {desks.map((desk) => {
              const counterpart = desks.find((other) => other.id === desk.properties.counterpartId);
              return (
                <List.Item key={desk.id}>
                  <Anchor component={Link} to={`/directory/desks/${desk.id}`} dir="auto">
                    {localised(desk.properties.names)}
                  </Anchor>
                  {counterpart && (
                    <Text span size="sm" c="dimmed" dir="auto">
                      {' ↔ '}
                      {localised(counterpart.properties.names)}
                    </Text>
                  )}
                </List.Item>
              );
            })}
          </List>
        </>
      )}
      {place.requests.length > 0 && (
        <>
          <Text fw={600} size="sm" mt="sm">
            {t('map.requestCount', { count: place.requests.length })}
          </Text>
          <RequestLinks place={place} />
        </>
      )}
    </Paper>
  );
}

/** The public sources the coordinates were taken from, as the licences ask. */
function Sources({ sources }: { sources: MapDto['sources'] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t('map.sources', { count: sources.length })}
        </Text>
      </summary>
      <List size="xs" mt={4}>
        {sources.map((source) => (
          <List.Item key={source.url}>
            <Anchor href={source.url} target="_blank" rel="noreferrer" dir="auto">
              {source.name}
            </Anchor>{' '}
            ({source.licence})
          </List.Item>
        ))}
      </List>
    </details>
  );
}
