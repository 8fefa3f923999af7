import { z } from 'zod';
import { MINUTES_ACTIONS, MINUTES_STATUSES, minutesSectionSchema } from './minutes';

/** The minutes API's answers, shared by the server (OpenAPI) and the web client. */

const person = z.object({ id: z.string(), displayName: z.string() });

export const minutesSignatureSchema = z.object({
  party: z.string(),
  signedBy: person,
  version: z.number(),
  digest: z.string(),
  signedAt: z.string(),
});

export const minutesViewSchema = z.object({
  meetingId: z.string(),
  /** Null until someone writes the first version. */
  status: z.enum(MINUTES_STATUSES).nullable(),
  version: z.number(),
  sections: z.array(minutesSectionSchema),
  /** SHA-256 of the current version's exact text: what the chairs sign. */
  digest: z.string().nullable(),
  writtenBy: person.nullable(),
  writtenAt: z.string().nullable(),
  /** The parties whose chair signs (those with a chair in the group). */
  signingParties: z.array(z.string()),
  /** Signatures of the current version; older ones were voided by the edit after them. */
  signatures: z.array(minutesSignatureSchema),
  /** Changes the chairs asked for, each on the version they read (older ones led to the versions after). */
  changeRequests: z.array(
    z.object({
      party: z.string(),
      requestedBy: person,
      version: z.number(),
      note: z.string(),
      createdAt: z.string(),
    }),
  ),
  actions: z.array(z.enum(MINUTES_ACTIONS)),
});
export type MinutesView = z.infer<typeof minutesViewSchema>;

export const minutesVersionSummarySchema = z.object({
  version: z.number(),
  digest: z.string(),
  writtenBy: person,
  writtenAt: z.string(),
  /** Parties that signed this version (void if a later version exists). */
  signedBy: z.array(z.string()),
});

const textChange = z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) });
export const minutesVersionSchema = minutesVersionSummarySchema.extend({
  sections: z.array(minutesSectionSchema),
  /** How it differs from the version before, section by section and word by word. */
  changes: z.array(
    z.object({
      change: z.enum(['same', 'added', 'removed', 'changed']),
      heading: z.string().nullable(),
      words: z.array(textChange),
    }),
  ),
});
export type MinutesVersion = z.infer<typeof minutesVersionSchema>;

export const minutesVersionParams = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1) });
