import { z } from 'zod';
import { INT4_MAX } from '../bounds';
import { markingViewSchema } from '../directory/schemas';
import { patchSchema } from '../patch';
import { portionMarkingInputSchema } from '../reports/schemas';

/**
 * Payloads of the submissions API: what a party hands the coordinator for
 * onward release, portion by portion, each with its release instruction, and
 * the consents its releases wait for. Shared by the server and the web client.
 */

/** What may become of a portion: kept by the coordinator, released to a party, or released once the owner consents. */
export const RELEASE_INSTRUCTIONS = ['not-releasable', 'releasable-to', 'releasable-after-consent'] as const;
export type ReleaseInstruction = (typeof RELEASE_INSTRUCTIONS)[number];

const partyCodeSchema = z.string({ error: 'Name the party, e.g. ISF' }).trim().toUpperCase().min(2).max(12);

export const releaseInstructionInputSchema = z.strictObject({
  instruction: z.enum(RELEASE_INSTRUCTIONS, {
    error: 'Say whether the portion is not releasable, releasable to a party, or releasable after consent',
  }),
  /** The party a releasable portion may go to; left out when it is not releasable. */
  toParty: partyCodeSchema.optional(),
});
export type ReleaseInstructionInput = z.input<typeof releaseInstructionInputSchema>;

export const submissionPortionInputSchema = z.strictObject({
  heading: z.string().trim().max(300, 'A heading is at most 300 characters').optional(),
  text: z
    .string()
    .trim()
    .min(1, 'The portion is empty')
    .max(20_000, 'A portion is at most 20,000 characters'),
  marking: portionMarkingInputSchema,
  release: releaseInstructionInputSchema,
});

export const createSubmissionSchema = z.strictObject({
  title: z.string().trim().min(1, 'The title is empty').max(300, 'A title is at most 300 characters'),
  subject: z.string().trim().max(1000).default(''),
  /** The marking of the title and subject; the lowest level when left out. */
  headerMarking: portionMarkingInputSchema.optional(),
  portions: z.array(submissionPortionInputSchema).min(1, 'A submission has at least one portion').max(200),
});
export type CreateSubmission = z.input<typeof createSubmissionSchema>;

/**
 * An edit: the fields given replace the submission's; `portions`, when given,
 * is the whole new list in order (a portion keeps its `id`). `version` is the
 * version the editor started from: an edit over a newer one is refused.
 */
export const updateSubmissionSchema = patchSchema(createSubmissionSchema).extend({
  portions: z
    .array(submissionPortionInputSchema.extend({ id: z.uuid('A portion id is a UUID').optional() }))
    .min(1, 'A submission has at least one portion')
    .max(200)
    .optional(),
  version: z.number({ error: 'Say which version you edited' }).int().min(1).max(INT4_MAX),
});
export type UpdateSubmission = z.input<typeof updateSubmissionSchema>;

/** A release of portions as they are, to a party (the coordinator's officers). */
export const submissionReleaseInputSchema = z.strictObject({
  toParty: partyCodeSchema,
  /** The portions to release (their ids). */
  portions: z.array(z.uuid('A portion is named by its id')).min(1, 'Choose at least one portion').max(200),
  note: z.string().trim().max(4000).optional(),
});

/** Portions copied into a new draft report of the coordinator (its officers); their instructions bind its releases. */
export const extractReportSchema = z.strictObject({
  portions: z.array(z.uuid('A portion is named by its id')).min(1, 'Choose at least one portion').max(200),
  /** The report's title; the submission's when left out. */
  title: z.string().trim().min(1).max(300).optional(),
});
export const extractResultSchema = z.object({ reportId: z.string() });

export const SUBMISSION_ACTION_NAMES = ['edit', 'release', 'extract'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTION_NAMES)[number];
export const CONSENT_ACTION_NAMES = ['approve', 'refuse'] as const;
export type ConsentAction = (typeof CONSENT_ACTION_NAMES)[number];
export const CONSENT_STATUSES = ['pending', 'approved', 'refused'] as const;

const personSchema = z.object({ id: z.string(), displayName: z.string() });

export const submissionSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  ownerParty: z.string(),
  coordinatorParty: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Computed from the portions the caller may see (and the header). */
  banner: markingViewSchema,
  /** Consents still waiting, and releases made, of this submission. */
  pendingConsents: z.number(),
  releases: z.number(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const submissionPortionSchema = z.object({
  id: z.string(),
  position: z.number(),
  heading: z.string().nullable(),
  text: z.string(),
  portion: markingViewSchema,
  release: z.object({ instruction: z.enum(RELEASE_INSTRUCTIONS), toParty: z.string().nullable() }),
});

export const submissionReleaseSummarySchema = z.object({
  id: z.string(),
  toParty: z.string(),
  releasedBy: personSchema,
  releasedAt: z.string(),
  /** The portions it carried (ids of this submission's portions). */
  portions: z.array(z.string()),
  /** The consent it waited for, if any. */
  consentId: z.string().nullable(),
});

export const consentSummarySchema = z.object({
  id: z.string(),
  toParty: z.string(),
  status: z.enum(CONSENT_STATUSES),
  portions: z.array(z.string()),
  requestedBy: personSchema,
  requestedAt: z.string(),
  note: z.string(),
  decision: z.object({ by: personSchema, at: z.string(), note: z.string().nullable() }).nullable(),
  releaseId: z.string().nullable(),
});

export const submissionViewSchema = submissionSummarySchema.extend({
  subject: z.string(),
  author: personSchema,
  headerMarking: markingViewSchema,
  version: z.number(),
  /** Only the portions the caller may see, in order. */
  portions: z.array(submissionPortionSchema),
  /** What of it went where, and when. */
  releaseHistory: z.array(submissionReleaseSummarySchema),
  consents: z.array(consentSummarySchema),
  /** What the caller may do to it now. */
  actions: z.array(z.enum(SUBMISSION_ACTION_NAMES)),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

/** What a release of portions did: released now, or waiting for the owner's consent. */
export const submissionReleaseResultSchema = z.object({
  status: z.enum(['released', 'awaiting-consent']),
  releaseId: z.string().nullable(),
  consentId: z.string().nullable(),
});
export type SubmissionReleaseResult = z.infer<typeof submissionReleaseResultSchema>;

export const consentViewSchema = consentSummarySchema.extend({
  submissionId: z.string(),
  submissionReference: z.string(),
  submissionTitle: z.string(),
  ownerParty: z.string(),
  /** The portions the release would carry, as the caller may read them. */
  portionTexts: z.array(submissionPortionSchema),
  banner: markingViewSchema,
  actions: z.array(z.enum(CONSENT_ACTION_NAMES)),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

export const consentDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'refuse'], { error: 'Decide: approve or refuse' }),
  note: z.string().trim().max(4000).optional(),
});

export const consentListQuerySchema = z.strictObject({
  status: z.enum([...CONSENT_STATUSES, 'all']).default('pending'),
});

/** How people name a submission: SUB- and its number. */
export const submissionReference = (number: string | number) => `SUB-${String(number).padStart(6, '0')}`;
