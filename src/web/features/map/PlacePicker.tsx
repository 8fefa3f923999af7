import { Anchor, type ComboboxItem, type ComboboxItemGroup, Modal, Select, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anchorOf, type PlaceGeometry, placeMatcher } from '../../../core/directory/places';
import type { DistrictDto } from '../../../core/directory/schemas';
import { useLocalised } from '../../lib/use-localised';
import { KIND_LABELS } from './kind-labels';
import { MapCanvas } from './MapCanvas';
import { byKind, type PlaceView } from './model';

/**
 * Picks a place of the gazetteer: a searchable list grouped by kind
 * (governorates, areas, camps, crossings, liaison offices) that finds a place
 * by any of its names or aliases in the three languages, and names the
 * governorate a camp or crossing lies in.
 */
export function PlacePicker({
  places,
  label,
  description,
  value,
  onChange,
  error,
  required,
}: {
  places: readonly DistrictDto[];
  label: string;
  description?: string;
  value: string;
  onChange: (id: string) => void;
  error?: ReactNode;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [onMap, setOnMap] = useState(false);
  const byId = new Map(places.map((place) => [place.id, place]));
  const labelOf = (place: DistrictDto) => {
    const parent = place.parentId ? byId.get(place.parentId) : undefined;
    return parent ? `${localised(place.names)} — ${localised(parent.names)}` : localised(place.names);
  };
  const data: ComboboxItemGroup<ComboboxItem>[] = byKind(places, labelOf).map((group) => ({
    group: t(KIND_LABELS[group.kind]),
    items: group.places.map((place) => ({ value: place.id, label: labelOf(place) })),
  }));
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        placeholder={t('places.pickerPlaceholder')}
        nothingFoundMessage={t('places.nothingFound')}
        searchable
        required={required}
        data={data}
        value={value || null}
        onChange={(id) => onChange(id ?? '')}
        error={error}
        maxDropdownHeight={320}
        comboboxProps={{ withinPortal: true }}
        filter={({ options, search }) => {
          const matches = placeMatcher(search);
          const keep = (item: ComboboxItem) => {
            const place = byId.get(item.value);
            return place
              ? matches([item.label, ...Object.values(place.names), ...place.aliases, place.code])
              : false;
          };
          return options
            .map((option) => ('group' in option ? { ...option, items: option.items.filter(keep) } : option))
            .filter((option) => ('group' in option ? option.items.length > 0 : keep(option as ComboboxItem)));
        }}
      />
      <Anchor component="button" type="button" size="sm" w="fit-content" onClick={() => setOnMap(true)}>
        {t('places.pickOnMap')}
      </Anchor>
      <Modal
        opened={onMap}
        onClose={() => setOnMap(false)}
        title={t('places.pickOnMap')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="sm">
          {t('places.pickOnMapHint')}
        </Text>
        {onMap && (
          <MapCanvas
            places={places.map(toView)}
            selectedId={value || null}
            onSelect={(id) => {
              onChange(id);
              setOnMap(false);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** A place of the directory as the map draws it (desks and requests are not needed to pick one). */
function toView(place: DistrictDto): PlaceView {
  const geometry = place.geometry as PlaceGeometry | null;
  return {
    id: place.id,
    code: place.code,
    kind: place.kind,
    names: place.names,
    aliases: place.aliases,
    parent: null,
    anchor: anchorOf(geometry),
    geometry: place.geometry,
    desks: [],
    requests: [],
  };
}
