import type { MarkingView } from '../../core/directory/schemas';
import { formatBanner, formatPortion, type Marking } from '../../core/marking/marking';
import type { ClassificationScheme } from '../../core/marking/scheme';
import type { MarkingColumns } from './db/schema';

/** Marking to the columns the access rule reads, and back; every marked table goes through these two. */
export const markingToColumns = (marking: Marking): MarkingColumns => ({
  marking_level: marking.level,
  marking_caveats: marking.caveats,
  marking_rel_to: marking.relTo,
  marking_parties: marking.parties,
  marking_groups: marking.groups,
});

export const markingOfRow = (row: MarkingColumns): Marking => ({
  level: row.marking_level,
  caveats: row.marking_caveats,
  relTo: row.marking_rel_to,
  parties: row.marking_parties,
  groups: row.marking_groups,
});

export const presentMarking = (scheme: ClassificationScheme, marking: Marking): MarkingView => ({
  ...marking,
  banner: formatBanner(scheme, marking),
  portion: formatPortion(scheme, marking),
});
