import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

/** Roles a user may hold. Privileged roles may be required to use a second factor. */
export const ROLES = ['officer', 'duty-officer', 'supervisor', 'coordinator', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
export const PRIVILEGED_ROLES: ReadonlySet<Role> = new Set(['supervisor', 'coordinator', 'administrator']);

export const usernameSchema = z
  .string({ error: 'Username is required' })
  .trim()
  .toLowerCase()
  .min(2, 'Username must be at least 2 characters')
  .max(64, 'Username must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Username may contain only letters a-z, digits, dot, dash and underscore');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** ISO 3166-1 alpha-3, e.g. USA, GBR, ISR, PSE. */
export const nationalitySchema = z
  .string({ error: 'Nationality is required (ISO 3166-1 alpha-3, such as USA or GBR)' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Nationality must be an ISO 3166-1 alpha-3 code such as USA or GBR');

export const localeSchema = z.enum(LOCALES);
export const roleSchema = z.enum(ROLES);
/** A level code of the deployment's classification scheme; the server checks it against the scheme. */
export const clearanceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,6}$/, 'Clearance is a level code of the classification scheme, such as S');
export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'The code has 6 digits');

export const partySummarySchema = z.object({
  code: z.string(),
  kind: z.enum(['coordinator', 'party']),
  names: z.object({ en: z.string(), ar: z.string(), he: z.string() }),
});
export type PartySummary = z.infer<typeof partySummarySchema>;

export const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  language: localeSchema,
  nationality: z.string(),
  clearance: clearanceSchema,
  party: partySummarySchema.nullable(),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

/** What the signed-in user may do, outside any one record: see `abilitiesOf` (abilities.ts). */
export const abilitiesSchema = z.object({
  /** Raise a request (a party's officers, duty officers, supervisors, coordinators; not an administrator alone). */
  raiseRequests: z.boolean(),
  /** Raising, they must name the party the request is for (the coordinator's people). */
  raiseRequestsAsCoordinator: z.boolean(),
  /** Their party's desks receive requests: a party's coordinating people. */
  receiveRequests: z.boolean(),
  /** Watch every open request they may see (supervisors, coordinators). */
  overseeRequests: z.boolean(),
  /** Filter open requests by breached deadlines (coordinators). */
  watchBreaches: z.boolean(),
  /** Work in the reports desk: the coordinator's people (a party reads what is released to it). */
  browseReports: z.boolean(),
  /** Write reports (the coordinator's officers and coordinators). */
  writeReports: z.boolean(),
  /** Import cables as reports (as for writing reports). */
  importCables: z.boolean(),
  /** Read submissions to the coordinator: a party's own, or all addressed to the coordinator it belongs to. */
  browseSubmissions: z.boolean(),
  /** Write a submission to the coordinator (a party's officers, duty officers and supervisors). */
  writeSubmissions: z.boolean(),
  /** Decide the consents a release of the party's submissions waits for (a party's supervisors). */
  decideConsents: z.boolean(),
  /** Open a standing channel. */
  openChannels: z.boolean(),
  /** Open a crisis room or a hotline (the coordinator's people). */
  openCrisisRooms: z.boolean(),
  /** Open the channels made from the directory (administrators, coordinators). */
  syncDirectoryChannels: z.boolean(),
  /** Read the audit log (administrators, coordinators). */
  audit: z.boolean(),
  /** Administer parties, the directory and accounts. */
  administer: z.boolean(),
});
export type Abilities = z.infer<typeof abilitiesSchema>;

export const meSchema = z.object({
  user: userSchema,
  abilities: abilitiesSchema,
  /** True when the deployment requires a second factor for this user's roles and none is enrolled yet. */
  mustEnrolTotp: z.boolean(),
  authenticatedBy: z.enum(['session', 'token']),
});
export type MeDto = z.infer<typeof meSchema>;

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1, 'Username is required').max(64),
  password: z.string().min(1, 'Password is required').max(PASSWORD_MAX_LENGTH),
  totp: totpCodeSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});

export const updateMeRequestSchema = z.strictObject({
  language: localeSchema.optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
});

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string({ error: 'Display name is required' }).trim().min(1).max(120),
  email: z.string().email().max(254).nullable().optional(),
  password: passwordSchema,
  roles: z.array(roleSchema).max(ROLES.length).default([]),
  language: localeSchema.default('en'),
  nationality: nationalitySchema,
  clearance: clearanceSchema.default('U'),
  partyCode: z.string().max(32).nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});

export const apiTokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const createApiTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token after the integration that uses it').max(80),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
