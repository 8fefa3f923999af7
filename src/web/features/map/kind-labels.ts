import type { ParseKeys } from 'i18next';
import type { PlaceKind } from '../../../core/directory/places';

/** The name of each kind of place, in the reader's language. */
export const KIND_LABELS: Record<PlaceKind, ParseKeys> = {
  governorate: 'places.kinds.governorate',
  area: 'places.kinds.area',
  'refugee-camp': 'places.kinds.refugeeCamp',
  crossing: 'places.kinds.crossing',
  'liaison-office': 'places.kinds.liaisonOffice',
};

/** The name of one place's kind (a badge beside its name). */
export const KIND_LABEL_ONE: Record<PlaceKind, ParseKeys> = {
  governorate: 'places.kind.governorate',
  area: 'places.kind.area',
  'refugee-camp': 'places.kind.refugeeCamp',
  crossing: 'places.kind.crossing',
  'liaison-office': 'places.kind.liaisonOffice',
};
