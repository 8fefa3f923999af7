/**
 * The directory: parties, units, gazetteer, desks, groups, rosters, handover notes. Kysely's view:
 * the migrations are the source of truth; keep this in step with them.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PlaceKind } from '../../../../core/directory/places';
import type { CreatedAt, Localised, MarkingColumns, NamedEntry, Timestamp } from './common';

export interface PartiesTable {
  id: Generated<string>;
  code: string;
  kind: 'coordinator' | 'party';
  name_en: string;
  name_ar: string;
  name_he: string;
  colour: Generated<string>;
  nationalities: Generated<string[]>;
  aliases: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UnitsTable extends NamedEntry {
  party_id: string;
  parent_id: string | null;
  kind: string;
  aliases: Generated<string[]>;
}

export interface DistrictsTable extends NamedEntry {
  kind: ColumnType<PlaceKind, PlaceKind | undefined, PlaceKind>;
  parent_id: string | null;
  status: Generated<string>;
  aliases: Generated<string[]>;
  geometry: ColumnType<unknown | null, string | null | undefined, string | null>;
  /** The public source of the geometry ({name, url, licence}), stored as JSON. */
  source: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface DesksTable extends NamedEntry {
  party_id: string;
  district_id: string | null;
  unit_id: string | null;
  phone: string | null;
  counterpart_id: string | null;
}

export interface GroupsTable extends NamedEntry {
  kind: 'working-group' | 'need-to-know';
  parties: Generated<string[]>;
  /** Names-like {en, ar, he}, or null. */
  description: ColumnType<Localised | null, string | null | undefined, string | null>;
  /** A working group's scope {en, ar, he} (migration 202612050100_working_groups). */
  scope: ColumnType<Localised | null, string | null | undefined, string | null>;
  /** The level a working group's records are marked at least; null: the lowest. */
  level: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeskMembersTable {
  desk_id: string;
  user_id: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface DutyShiftsTable {
  id: Generated<string>;
  desk_id: string;
  user_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: CreatedAt;
}

export interface HandoverNotesTable extends MarkingColumns {
  id: Generated<string>;
  desk_id: string;
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
}

export type PartyRow = Selectable<PartiesTable>;
