import { z } from 'zod';
import { placeGeometrySchema, placeKindSchema, placeSourceSchema } from '../directory/places';
import { LOCALES } from '../i18n/locales';
import { ROLES, usernameSchema } from '../identity/schemas';
import {
  classificationSchemeSchema,
  colourSchema,
  localisedSchema,
  nationalityCodeSchema,
} from '../marking/scheme';
import { requestTypeSchema } from '../requests/request-type';

/**
 * The deployment configuration file: who the parties are, how they are
 * organised, where they work, how records are marked, and the seed accounts.
 * The shapes below check each field on its own; schema.ts adds
 * `checkReferences`, which checks that the codes the sections use to point at
 * each other agree (and reads the types declared here, so it cannot be imported here).
 */

/** Format versions this Concord reads. A new version brings a migration of older files with it. */
export const DEPLOYMENT_FORMAT_VERSIONS = [1] as const;

const partyCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,12}$/, 'Party code is 2 to 12 capital letters or digits, e.g. ISF');
const codeSchema = z
  .string()
  .max(32, 'Code is at most 32 characters')
  .regex(
    /^[A-Z0-9]+(-[A-Z0-9]+)*$/,
    'Code is capital letters and digits joined by single dashes, e.g. ISF-HEBRON',
  );
const kindSchema = z
  .string()
  .regex(/^[a-z]+(-[a-z]+)*$/, 'Kind is lower-case words joined by dashes, e.g. district-office');
const textSchema = z.string().trim().min(1, 'Must not be empty');

/** A list in which each value appears once; the duplicate's own index is reported so its line can be shown. */
function distinct<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((values, ctx) => {
    values.forEach((value, i) => {
      if (values.indexOf(value) !== i)
        ctx.addIssue({ code: 'custom', path: [i], message: `"${value}" is listed twice` });
    });
  });
}

/** Intl throws a RangeError for a zone the runtime's time-zone database does not know. */
function isTimeZone(name: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en', { timeZone: name }));
  } catch {
    return false;
  }
}

export const partySchema = z.strictObject({
  code: partyCodeSchema,
  /** The coordinator brokers between the parties; it does not own their records. */
  role: z.enum(['coordinator', 'party']),
  names: localisedSchema,
  colour: colourSchema,
  /** Nationalities of the party's people (ISO 3166-1 alpha-3); releasability is decided by these. */
  nationalities: distinct(nationalityCodeSchema).min(1, 'List at least one nationality'),
  /** Other names it goes by in reports, in any language ("Palestinian Authority", "PA"). */
  aliases: z.array(textSchema).optional(),
});

/**
 * A unit below the top of its tree; it belongs to the party of the top unit.
 * (Fields are written out rather than spread: TypeScript cannot infer a
 * recursive schema built with a spread.)
 */
const childUnitSchema = z.strictObject({
  code: codeSchema,
  names: localisedSchema,
  kind: kindSchema,
  aliases: z.array(textSchema).optional(),
  party: z
    .never({ error: 'Only a top-level unit names its party; the units below it belong to the same party' })
    .optional(),
  get children() {
    return z.array(childUnitSchema).optional();
  },
});

export const unitSchema = z.strictObject({
  code: codeSchema,
  party: partyCodeSchema,
  names: localisedSchema,
  kind: kindSchema,
  /** Other names it goes by in reports, in any language ("INP", "PA Civil Police"). */
  aliases: z.array(textSchema).optional(),
  children: z.array(childUnitSchema).optional(),
});

const placeFields = {
  code: codeSchema,
  /** governorate (the default at the top), area (the default under `areas`), refugee-camp, crossing, liaison-office. */
  kind: placeKindSchema.optional(),
  names: localisedSchema,
  /** Local status as people there say it, e.g. "Areas A, B and C" or "H1". */
  status: textSchema.optional(),
  /** Other spellings, in any language, so search finds the place however it is written. */
  aliases: z.array(textSchema).optional(),
  /** GeoJSON in [longitude, latitude]; only from a public source, named in `source`. Absent: no geometry. */
  geometry: placeGeometrySchema.optional(),
  /** The code of the entry in `sources` the geometry was taken from. */
  source: codeSchema.optional(),
};
/** An area nested under its district always says its local status (H1, H2): that is what sets it apart. */
export const areaSchema = z.strictObject({ ...placeFields, status: textSchema });
export const districtSchema = z.strictObject({
  ...placeFields,
  /** The code of the place this one lies in (a camp in its governorate); `areas` nest instead. */
  parent: codeSchema.optional(),
  areas: z.array(areaSchema).optional(),
});

/** A public, citable source of coordinates or boundaries, named once and cited by code from the places. */
export const sourceSchema = placeSourceSchema.extend({
  code: codeSchema,
  /** What was taken from it, e.g. "camp locations (article infobox coordinates)". */
  used: textSchema.optional(),
});

export const deskSchema = z.strictObject({
  code: codeSchema,
  party: partyCodeSchema,
  /** A district or area code; absent for a desk that serves the whole deployment, like an operations desk. */
  district: codeSchema.optional(),
  unit: codeSchema.optional(),
  names: localisedSchema,
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 ()-]{2,30}$/, 'Phone is digits with optional +, spaces, dashes and brackets')
    .optional(),
  /** The other party's desk for the same district. The coordinator's desks are not paired. */
  counterpart: codeSchema.optional(),
});

export const groupSchema = z.strictObject({
  code: codeSchema,
  kind: z.enum(['working-group', 'need-to-know']),
  names: localisedSchema,
  /** The parties whose people may be members. */
  parties: distinct(partyCodeSchema).min(1, 'List at least one party'),
  description: localisedSchema.optional(),
  /** A working group's scope: what it works on, in three languages. */
  scope: localisedSchema.optional(),
  /** A working group's records (meetings, minutes, commitments) are marked at least this level; the lowest by default. */
  level: textSchema.optional(),
  /** A working group's chairs: one member per party (not the coordinator's), by username. */
  chairs: distinct(usernameSchema).optional(),
  /** A working group's secretary: a member of the coordinator's party, by username. */
  secretary: usernameSchema.optional(),
  /** The category of the exchange ledger its delivered commitments count in (one of `exchangeCategories`). */
  category: kindSchema.optional(),
});

/** A category of the exchange ledger (issue 17): what an item of information or assistance is about. */
export const exchangeCategorySchema = z.strictObject({ code: kindSchema, names: localisedSchema });

/** A seed account. Passwords never live in the file: they are set on first start or by an administrator. */
export const seedUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: textSchema.max(120),
  email: z.email().optional(),
  party: partyCodeSchema,
  unit: codeSchema.optional(),
  nationality: nationalityCodeSchema,
  /** A level code of the classification scheme. */
  clearance: textSchema,
  roles: distinct(z.enum(ROLES)).min(1, `Give at least one role: ${ROLES.join(', ')}`),
  language: z.enum(LOCALES),
  desks: distinct(codeSchema).optional(),
  groups: distinct(codeSchema).optional(),
});

/** Shifts are relative to the moment the deployment is seeded, so a fresh demo has people on duty. */
export const shiftSchema = z.strictObject({
  desk: codeSchema,
  user: usernameSchema,
  startsHoursFromSeed: z.number(),
  durationHours: z.number().positive().max(168, 'A shift lasts at most 168 hours (a week)'),
  handoverNote: textSchema.optional(),
});

function versionMessage(version: unknown): string {
  const readable = `this Concord reads format version ${DEPLOYMENT_FORMAT_VERSIONS.join(' or ')}`;
  return version === undefined
    ? `Missing: state the format the file is written in; ${readable}`
    : `Format version ${JSON.stringify(version)} is unknown; ${readable}`;
}

export const deploymentShape = z.strictObject({
  version: z.literal(DEPLOYMENT_FORMAT_VERSIONS, { error: (issue) => versionMessage(issue.input) }),
  name: localisedSchema,
  languages: distinct(z.enum(LOCALES)).min(1, `List at least one of ${LOCALES.join(', ')}`),
  defaultLanguage: z.enum(LOCALES),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone; use an IANA name such as Asia/Jerusalem'),
  classification: classificationSchemeSchema,
  parties: z.array(partySchema).min(1, 'List the parties'),
  units: z.array(unitSchema).default([]),
  /** Where the gazetteer's coordinates and boundaries come from: every geometry cites one. */
  sources: z.array(sourceSchema).default([]),
  districts: z.array(districtSchema).default([]),
  desks: z.array(deskSchema).default([]),
  groups: z.array(groupSchema).default([]),
  users: z.array(seedUserSchema).default([]),
  roster: z.array(shiftSchema).default([]),
  /** The kinds of coordination request the parties send each other, with their forms and SLAs. */
  requestTypes: z.array(requestTypeSchema).default([]),
  /** What exchanges between the parties are about: criminal, traffic, counternarcotics, humanitarian… */
  exchangeCategories: z.array(exchangeCategorySchema).default([]),
});

export type Deployment = z.infer<typeof deploymentShape>;
export type Party = z.infer<typeof partySchema>;
export type Unit = z.infer<typeof unitSchema>;
export type ChildUnit = z.infer<typeof childUnitSchema>;
export type District = z.infer<typeof districtSchema>;
export type Area = z.infer<typeof areaSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Desk = z.infer<typeof deskSchema>;
export type Group = z.infer<typeof groupSchema>;
export type SeedUser = z.infer<typeof seedUserSchema>;
export type Shift = z.infer<typeof shiftSchema>;
export type ExchangeCategory = z.infer<typeof exchangeCategorySchema>;
