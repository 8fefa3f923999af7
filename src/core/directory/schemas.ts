import { z } from 'zod';
import { roleSchema } from '../identity/schemas';
import { classificationSchemeSchema } from '../marking/scheme';
import { patchSchema } from '../patch';
import { placeGeometrySchema, placeKindSchema, placeSourceSchema } from './places';

/** Payloads of the directory API, shared by the server (validation, OpenAPI) and the web client. */

export const localisedNamesSchema = z.strictObject({
  en: z.string().trim().min(1, 'English name is required').max(200),
  ar: z.string().trim().min(1, 'Arabic name is required').max(200),
  he: z.string().trim().min(1, 'Hebrew name is required').max(200),
});
export type LocalisedNames = z.infer<typeof localisedNamesSchema>;

export const entryCodeSchema = z
  .string({ error: 'Code is required' })
  .trim()
  .min(2, 'Code must be at least 2 characters')
  .max(40, 'Code must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Code may contain only letters, digits, dot, dash and underscore');
export const partyCodeSchema = z
  .string({ error: 'Party code is required' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, 'Party code is 2 to 12 capital letters or digits');
const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be #RRGGBB');
const nationalityListSchema = z.array(
  z
    .string()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Nationality must be an ISO 3166-1 alpha-3 code such as USA'),
);
const idSchema = z.uuid('Must be an id (uuid)');
const geometrySchema = z
  .object({ type: z.enum(['Point', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .nullable();

// ---- the deployment as clients need it: its name, languages and classification scheme
export const deploymentInfoSchema = z.object({
  name: localisedNamesSchema,
  languages: z.array(z.enum(['en', 'ar', 'he'])),
  defaultLanguage: z.enum(['en', 'ar', 'he']),
  timeZone: z.string(),
  classification: classificationSchemeSchema,
  /** The categories the exchange ledger counts in, with their names (issue 17). */
  exchangeCategories: z.array(z.object({ code: z.string(), names: localisedNamesSchema })),
});
export type DeploymentInfo = z.infer<typeof deploymentInfoSchema>;

/**
 * What the caller may do with a directory entry now (administrators keep the
 * directory), so the UI offers only what the server will accept. Optional
 * while clients that build these views by hand catch up; the server always sends it.
 */
export const entryActionsSchema = z.object({ update: z.boolean(), delete: z.boolean() });
export type EntryActions = z.infer<typeof entryActionsSchema>;

// ---- parties
export const partySchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['coordinator', 'party']),
  names: localisedNamesSchema,
  colour: z.string(),
  nationalities: z.array(z.string()),
  actions: entryActionsSchema.optional(),
});
export type PartyDto = z.infer<typeof partySchema>;
export const createPartySchema = z.strictObject({
  code: partyCodeSchema,
  kind: z.enum(['coordinator', 'party']).default('party'),
  names: localisedNamesSchema,
  colour: colourSchema.default('#5c5f66'),
  nationalities: nationalityListSchema.default([]),
});
export const updatePartySchema = patchSchema(createPartySchema.omit({ code: true, kind: true }));

// ---- units
export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  partyCode: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  names: localisedNamesSchema,
  actions: entryActionsSchema.optional(),
});
export type UnitDto = z.infer<typeof unitSchema>;
export const createUnitSchema = z.strictObject({
  code: entryCodeSchema,
  partyCode: partyCodeSchema,
  parentId: idSchema.nullable().default(null),
  kind: z.string().trim().min(1).max(40).default('unit'),
  names: localisedNamesSchema,
});
export const updateUnitSchema = patchSchema(createUnitSchema.omit({ code: true, partyCode: true }));

// ---- districts (the gazetteer: governorates, areas, camps, crossings, liaison offices)
export const districtSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: placeKindSchema,
  parentId: z.string().nullable(),
  status: z.string(),
  aliases: z.array(z.string()),
  names: localisedNamesSchema,
  geometry: geometrySchema,
  /** Where the coordinates come from; null when the place has none. */
  source: placeSourceSchema.nullable(),
  actions: entryActionsSchema.optional(),
});
export type DistrictDto = z.infer<typeof districtSchema>;
export const createDistrictSchema = z.strictObject({
  code: entryCodeSchema,
  kind: placeKindSchema.default('governorate'),
  parentId: idSchema.nullable().default(null),
  status: z.string().trim().max(80).default(''),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  names: localisedNamesSchema,
  geometry: placeGeometrySchema.nullable().default(null),
  /** Required with a geometry: coordinates come only from public, citable sources. */
  source: placeSourceSchema.nullable().default(null),
});
export const updateDistrictSchema = patchSchema(createDistrictSchema.omit({ code: true }));
/** `GET /api/directory/districts`: every place, or those of one kind, or those a name finds. */
export const listDistrictsQuerySchema = z.strictObject({
  kind: placeKindSchema.optional(),
  q: z.string().trim().max(100, 'Search at most 100 characters').optional(),
});

// ---- desks
export const onDutySchema = z.object({ userId: z.string(), displayName: z.string(), until: z.string() });
export const deskSchema = z.object({
  id: z.string(),
  code: z.string(),
  partyCode: z.string(),
  districtId: z.string().nullable(),
  unitId: z.string().nullable(),
  counterpartId: z.string().nullable(),
  names: localisedNamesSchema,
  phone: z.string().nullable(),
  onDuty: z.array(onDutySchema),
  /** What the caller may do at this desk, so the UI offers only what the server will accept. */
  actions: z.object({ keepRoster: z.boolean(), writeHandoverNotes: z.boolean() }),
});
export type DeskDto = z.infer<typeof deskSchema>;
export const createDeskSchema = z.strictObject({
  code: entryCodeSchema,
  partyCode: partyCodeSchema,
  districtId: idSchema.nullable().default(null),
  unitId: idSchema.nullable().default(null),
  counterpartId: idSchema.nullable().default(null),
  names: localisedNamesSchema,
  phone: z.string().trim().max(40).nullable().default(null),
});
export const updateDeskSchema = patchSchema(createDeskSchema.omit({ code: true, partyCode: true }));

// ---- need-to-know groups (working groups among them)
export const groupSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['working-group', 'need-to-know']),
  names: localisedNamesSchema,
  parties: z.array(z.string()),
  description: localisedNamesSchema.nullable(),
  memberIds: z.array(z.string()),
  actions: entryActionsSchema.optional(),
});
export type GroupDto = z.infer<typeof groupSchema>;
export const createGroupSchema = z.strictObject({
  code: entryCodeSchema,
  kind: z.enum(['working-group', 'need-to-know']).default('working-group'),
  names: localisedNamesSchema,
  parties: z.array(partyCodeSchema).default([]),
  description: z
    .strictObject({
      en: z.string().trim().max(2000),
      ar: z.string().trim().max(2000),
      he: z.string().trim().max(2000),
    })
    .nullable()
    .default(null),
  memberIds: z.array(idSchema).max(500).default([]),
});
export const updateGroupSchema = patchSchema(createGroupSchema.omit({ code: true, kind: true }));

// ---- people
export const directoryUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  partyCode: z.string().nullable(),
  unitId: z.string().nullable(),
  roles: z.array(roleSchema),
  deskIds: z.array(z.string()),
  onDuty: z.boolean(),
  /** Only for administrators: the rest of the directory does not need them. */
  nationality: z.string().optional(),
  clearance: z.string().optional(),
  groupIds: z.array(z.string()).optional(),
  email: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  /** What the caller may do with this account now: change it, disable it (administrators, never their own). */
  actions: z.object({ update: z.boolean(), disable: z.boolean() }).optional(),
});
export type DirectoryUserDto = z.infer<typeof directoryUserSchema>;
export const updateDirectoryUserSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  email: z.email().max(254).nullable().optional(),
  roles: z.array(roleSchema).optional(),
  nationality: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Nationality is an ISO alpha-3 code')
    .optional(),
  clearance: z.string().trim().min(1).max(6).optional(),
  partyCode: partyCodeSchema.nullable().optional(),
  unitId: idSchema.nullable().optional(),
  deskIds: z.array(idSchema).max(50).optional(),
  groupIds: z.array(idSchema).max(100).optional(),
  disabled: z.boolean().optional(),
});

// ---- rosters
export const shiftSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type ShiftDto = z.infer<typeof shiftSchema>;
export const createShiftSchema = z
  .strictObject({
    userId: idSchema,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .refine((shift) => Date.parse(shift.endsAt) > Date.parse(shift.startsAt), {
    message: 'A shift must end after it starts',
    path: ['endsAt'],
  });

// ---- marked records: what the caller sees of a marking
export const markingViewSchema = z.object({
  level: z.string(),
  caveats: z.array(z.string()),
  relTo: z.array(z.string()).nullable(),
  parties: z.array(z.string()),
  groups: z.array(z.string()),
  banner: z.string(),
  portion: z.string(),
});
export type MarkingView = z.infer<typeof markingViewSchema>;
export const markingInputSchema = z.strictObject({
  /** A banner or portion mark in the deployment's scheme, e.g. "SECRET//REL TO USA, GBR" or "(C)". */
  classification: z.string().trim().min(1, 'Classification is required').max(200),
  /** Party codes; defaults to the author's own party. */
  parties: z.array(partyCodeSchema).min(1).max(20).optional(),
  /** Need-to-know group codes; a reader must belong to every one. */
  groups: z.array(entryCodeSchema).max(20).default([]),
});

export const handoverNoteSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  body: z.string(),
  createdAt: z.string(),
  marking: markingViewSchema,
  actions: z.object({ delete: z.boolean() }),
});
export type HandoverNoteDto = z.infer<typeof handoverNoteSchema>;
export const createHandoverNoteSchema = z.strictObject({
  body: z.string().trim().min(1, 'The note is empty').max(10_000, 'A note is at most 10,000 characters'),
  marking: markingInputSchema,
});

export const rosterSchema = z.object({
  desk: deskSchema,
  shifts: z.array(shiftSchema),
  handoverNotes: z.array(handoverNoteSchema),
});
