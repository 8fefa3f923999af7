import { z } from 'zod';
import { markingViewSchema } from '../directory/schemas';
import { linkedRecordSchema } from '../requests/schemas';
import { COMMITMENT_ACTIONS, COMMITMENT_STATUSES, isCalendarDate } from './lifecycle';

/** Payloads of the commitments API (issue 16, item 4), shared by the server and the web client. */

const person = z.object({ id: z.string(), displayName: z.string() });
const dateSchema = z.string().refine(isCalendarDate, 'Must be a calendar date (YYYY-MM-DD) that exists');
const idSchema = z.uuid('Must be an id (uuid)');

export const commitmentFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  /** As its bytes show it, never as the uploader said. */
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: person.extend({ party: z.string() }),
  createdAt: z.string(),
});
export type CommitmentFile = z.infer<typeof commitmentFileSchema>;

export const commitmentEvidenceSchema = z.object({
  text: z.string().nullable(),
  /** A request or report the reader may see; null when there is none or the reader may not see it. */
  link: linkedRecordSchema.nullable(),
  /** Files the owner's side added to show it was done. */
  files: z.array(commitmentFileSchema),
});

export const commitmentSummarySchema = z.object({
  id: z.string(),
  groupId: z.string(),
  groupCode: z.string(),
  meetingId: z.string().nullable(),
  title: z.string(),
  ownerParty: z.string(),
  owner: person,
  /** A calendar date, YYYY-MM-DD. */
  dueOn: z.string(),
  status: z.enum(COMMITMENT_STATUSES),
  /** Still owed and past its due date (in the deployment's time zone). */
  overdue: z.boolean(),
  confirmed: z.boolean(),
  updatedAt: z.string(),
  marking: markingViewSchema,
});
export type CommitmentSummary = z.infer<typeof commitmentSummarySchema>;

export const commitmentNoteSchema = z.object({
  id: z.string(),
  body: z.string(),
  /** The party the note is kept to; null when the whole group reads it. */
  internalParty: z.string().nullable(),
  author: person.extend({ party: z.string().nullable() }),
  createdAt: z.string(),
});
export type CommitmentNote = z.infer<typeof commitmentNoteSchema>;

export const commitmentDetailSchema = commitmentSummarySchema.extend({
  doneMeans: z.string(),
  raisedBy: person,
  dropReason: z.string().nullable(),
  evidence: commitmentEvidenceSchema.nullable(),
  completedAt: z.string().nullable(),
  completedBy: person.nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: person.extend({ party: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  notes: z.array(commitmentNoteSchema),
  /** What the reader may do now: the UI offers only that. */
  actions: z.array(z.enum(COMMITMENT_ACTIONS)),
  canEdit: z.boolean(),
  canNote: z.boolean(),
  /** The reader may add a file of evidence now (the owner's side, while the delivery is not confirmed). */
  canAttach: z.boolean(),
});
export type CommitmentDetail = z.infer<typeof commitmentDetailSchema>;

export const commitmentInputSchema = z.strictObject({
  group: idSchema,
  meetingId: idSchema.nullable().optional(),
  title: z.string().trim().min(1, 'Required').max(300, 'At most 300 characters'),
  doneMeans: z.string().trim().min(1, 'Say what "done" means').max(5000, 'At most 5,000 characters'),
  ownerParty: z.string().min(1, 'Required').max(40),
  ownerId: idSchema,
  dueOn: dateSchema,
});
export type CommitmentInput = z.infer<typeof commitmentInputSchema>;

export const commitmentPatchSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'Required').max(300, 'At most 300 characters'),
    doneMeans: z.string().trim().min(1, 'Say what "done" means').max(5000, 'At most 5,000 characters'),
    ownerId: idSchema,
    dueOn: dateSchema,
  })
  .partial();
export type CommitmentPatch = z.infer<typeof commitmentPatchSchema>;

export const evidenceInputSchema = z.strictObject({
  text: z.string().trim().max(5000, 'At most 5,000 characters').optional(),
  link: z
    .strictObject({
      kind: z.enum(['request', 'report'], { error: 'Kind is request or report' }),
      id: idSchema,
    })
    .optional(),
});

export const commitmentTransitionSchema = z.strictObject({
  action: z.enum(COMMITMENT_ACTIONS, { error: `Action is one of: ${COMMITMENT_ACTIONS.join(', ')}` }),
  reason: z.string().trim().max(2000, 'At most 2,000 characters').optional(),
  evidence: evidenceInputSchema.optional(),
});
export type CommitmentTransition = z.infer<typeof commitmentTransitionSchema>;

export const commitmentNoteInputSchema = z.strictObject({
  body: z.string().trim().min(1, 'Required').max(5000, 'At most 5,000 characters'),
  /** Kept to the author's party. */
  internal: z.boolean().default(false),
});

const statusList = z
  .string()
  .refine(
    (value) =>
      value.split(',').every((status) => (COMMITMENT_STATUSES as readonly string[]).includes(status)),
    `A comma list of: ${COMMITMENT_STATUSES.join(', ')}`,
  );

export const commitmentQuerySchema = z.strictObject({
  group: idSchema.optional(),
  /** Raised in this meeting. */
  meeting: idSchema.optional(),
  party: z.string().max(40).optional(),
  owner: idSchema.optional(),
  status: statusList.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  dueBefore: dateSchema.optional(),
  dueAfter: dateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CommitmentQuery = z.infer<typeof commitmentQuerySchema>;

export const commitmentPageSchema = z.object({
  items: z.array(commitmentSummarySchema),
  /** How many match in all (the reader may see), beyond `limit`. */
  total: z.number(),
  /** Today in the deployment's time zone: what "overdue" is measured against. */
  today: z.string(),
});

/** One party's record on the board, over the commitments the reader may see. */
export const partyTallySchema = z.object({
  party: z.string(),
  /** Everything it promised that was not dropped. */
  promised: z.number(),
  open: z.number(),
  inProgress: z.number(),
  overdue: z.number(),
  /** Completed, waiting for the other side's confirmation. */
  awaitingConfirmation: z.number(),
  /** Completed and confirmed by the other side. */
  delivered: z.number(),
  dropped: z.number(),
  /** Completed on or before the due date (confirmed or not). */
  onTime: z.number(),
  /** onTime / (completed + overdue); null when nothing is completed or overdue yet. */
  onTimeRate: z.number().nullable(),
});
export type PartyTally = z.infer<typeof partyTallySchema>;

export const commitmentBoardQuerySchema = commitmentQuerySchema.pick({ group: true, party: true });

export const commitmentBoardSchema = z.object({
  today: z.string(),
  parties: z.array(partyTallySchema),
  /** Overdue first, then by due date. */
  items: z.array(commitmentSummarySchema),
});
export type CommitmentBoard = z.infer<typeof commitmentBoardSchema>;

export const commitmentFileParams = z.strictObject({ id: idSchema, fileId: idSchema });
export const commitmentFileQuerySchema = z.strictObject({
  filename: z.string({ error: 'Name the file: ?filename=' }).trim().min(1, 'Name the file').max(255),
});
