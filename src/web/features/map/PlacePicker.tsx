import { type ComboboxItem, type ComboboxItemGroup, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { placeMatcher } from '../../../core/directory/places';
import type { DistrictDto } from '../../../core/directory/schemas';
import { useLocalised } from '../../lib/use-localised';
import { KIND_LABELS } from './kind-labels';
import { byKind } from './model';

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
  );
}
