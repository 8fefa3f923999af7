import { z } from 'zod';
import { idempotencyKeySchema } from '../channels/schemas';
import { entryCodeSchema, localisedNamesSchema, markingViewSchema } from '../directory/schemas';
import { ACTIONS, ANSWERS, STATUSES, USER_ACTIONS } from './lifecycle';
import { ESCALATION_TARGETS, FIELD_KINDS, PRIORITIES } from './request-type';

/** Payloads of the requests API, shared by the server (validation, OpenAPI) and the web client. */

/** What a request may be linked to: any record the linker may read. */
export const LINK_KINDS = ['request', 'report', 'release', 'submission', 'channel'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

const idSchema = z.uuid('Must be an id (uuid)');
const localised = localisedNamesSchema;
const slaView = z.object({
  acknowledgeMinutes: z.number(),
  respondMinutes: z.number(),
  resolveMinutes: z.number(),
});

// ---- request types, as configured in the deployment file
export const requestTypeViewSchema = z.object({
  code: z.string(),
  names: localised,
  description: localised.nullable(),
  defaultPriority: z.enum(PRIORITIES),
  sla: z.object({ critical: slaView, urgent: slaView, routine: slaView }),
  escalation: z.object({
    steps: z.array(z.object({ afterMinutes: z.number(), notify: z.enum(ESCALATION_TARGETS) })),
    repeatEveryMinutes: z.number().nullable(),
  }),
  coordinatorCoSigns: z.boolean(),
  /** Four eyes: answers need a supervisor's approval; `fromLevel` limits it to markings at that level or above. */
  answerApproval: z.object({ fromLevel: z.string().nullable() }).nullable(),
  /** The request ends in a handover, step by step (a safe return). */
  handover: z.boolean(),
  /** The coordinator opens its crisis room in one step (an incident). */
  crisisRoom: z.boolean(),
  /** The exchange ledger's category of its items, and what puts one on it (its answer or its completion). */
  category: z.string().nullable(),
  ledger: z.enum(['answer', 'completion']),
  expiresAfterHours: z.number(),
  fields: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(FIELD_KINDS),
      labels: localised,
      help: localised.nullable(),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), labels: localised })).nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      maxLength: z.number().nullable(),
    }),
  ),
  /** The fields as a JSON Schema object, for integrators. */
  schema: z.record(z.string(), z.unknown()),
});
export type RequestTypeView = z.infer<typeof requestTypeViewSchema>;

// ---- writing
export const requestMarkingInputSchema = z.strictObject({
  /** A banner or portion mark in the deployment's scheme, e.g. "CONFIDENTIAL" or "(C//REL TO USA, GBR)". */
  classification: z.string().trim().min(1, 'Classification is required').max(200),
  /** Need-to-know groups; a reader must belong to every one. The audience is always the request's parties. */
  groups: z.array(entryCodeSchema).max(20).default([]),
});

export const createRequestSchema = z.strictObject({
  type: z.string({ error: 'Type is required: a request type code such as safe-return' }).min(1).max(60),
  districtId: idSchema,
  priority: z.enum(PRIORITIES).optional(),
  /** Values keyed by the type's field keys; checked against the type's form. */
  fields: z.record(z.string(), z.unknown()),
  marking: requestMarkingInputSchema.optional(),
  /** Keep it as a draft: required fields may still be empty and nobody else sees it. */
  draft: z.boolean().default(false),
  /** For a coordinator's request: the party that receives it. Parties' requests go to the other party. */
  toParty: z.string().trim().toUpperCase().optional(),
});
export type CreateRequest = z.input<typeof createRequestSchema>;

export const updateDraftSchema = z.strictObject({
  priority: z.enum(PRIORITIES).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

const wordsSchema = (what: string) =>
  z.string().trim().min(1, `${what} are empty`).max(4000, `${what} are at most 4,000 characters`);

export const transitionSchema = z.strictObject({
  action: z.enum(USER_ACTIONS, { error: `Action is one of: ${USER_ACTIONS.join(', ')}` }),
  reason: z
    .string()
    .trim()
    .min(1, 'Reason is empty')
    .max(4000, 'A reason is at most 4,000 characters')
    .optional(),
  conditions: wordsSchema('Conditions').optional(),
  /**
   * draft-answer: the answer the desk proposes (with its conditions or
   * reason); approve-answer: the supervisor's edit of it, if any.
   */
  answer: z.enum(ANSWERS, { error: `Answer is one of: ${ANSWERS.join(', ')}` }).optional(),
  /** hand-over: the crossing or liaison point of the gazetteer where the person was handed over. */
  placeId: idSchema.optional(),
  /** hand-over: when, as an ISO 8601 date-time with its offset. */
  at: z.iso
    .datetime({ offset: true, error: 'A date-time with its offset, e.g. 2026-12-04T21:30:00+02:00' })
    .optional(),
  /** hand-over: who received the person (name, rank, unit). */
  receivedBy: z.string().trim().min(1, 'Say who received the person').max(300).optional(),
  /** hand-over: the person's condition at the handover. */
  condition: z.string().trim().min(1, "Describe the person's condition").max(1000).optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const commentInputSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'The comment is empty')
    .max(10_000, 'A comment is at most 10,000 characters'),
  /** Visible only to the author's party; never sent to the other party by any path. */
  internal: z.boolean().default(false),
  /** As for any message of the request's thread: the comment is posted once per key. */
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const listRequestsQuerySchema = z.strictObject({
  status: z.enum(STATUSES).optional(),
  /** "open": every status in which the receiving desk still owes something. */
  state: z.enum(['open', 'closed']).optional(),
  type: z.string().max(60).optional(),
  districtId: idSchema.optional(),
  deskId: idSchema.optional(),
  breached: z.enum(['true', 'false']).optional(),
  /** Requests linked to one record (with `linkedId`): a crisis room's incident, a report's requests. */
  linkedKind: z.enum(LINK_KINDS).optional(),
  linkedId: idSchema.optional(),
  /** Whose requests: sent by my party, received by my party, or all I may see. */
  box: z.enum(['sent', 'received', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The cursor from the previous page's `next`. */
  cursor: z.string().max(200).optional(),
});
export type ListRequestsQuery = z.input<typeof listRequestsQuerySchema>;

// ---- reading
const personSchema = z.object({ id: z.string(), displayName: z.string() });
const deskRefSchema = z.object({ id: z.string(), code: z.string(), names: localised });

export const deadlineViewSchema = z.object({
  acknowledgeBy: z.string().nullable(),
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  /** The next deadline the request has not met, if it is open. */
  next: z.object({ milestone: z.enum(['acknowledge', 'respond', 'resolve']), at: z.string() }).nullable(),
  breached: z.array(z.enum(['acknowledge', 'respond', 'resolve'])),
});

export const requestSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  type: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  summary: z.string(),
  district: z.object({ id: z.string(), code: z.string(), names: localised }),
  fromParty: z.string(),
  toParty: z.string(),
  receivingDesk: deskRefSchema,
  requestedBy: personSchema,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  deadlines: deadlineViewSchema,
  coSigned: z.boolean(),
  /** How many escalation steps have fired beyond the desk's first alert. */
  escalationLevel: z.number(),
  marking: markingViewSchema,
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['transition', 'escalation', 'breach', 'created']),
  action: z.enum([...ACTIONS, 'alert', 'escalate', 'realert', 'breach', 'breach-alert', 'create']),
  fromStatus: z.enum(STATUSES).nullable(),
  toStatus: z.enum(STATUSES).nullable(),
  actor: personSchema.nullable(),
  actorParty: z.string().nullable(),
  desk: deskRefSchema.nullable(),
  reason: z.string().nullable(),
  conditions: z.string().nullable(),
  /** For escalations: whom it alerted. For breaches: which deadline. */
  detail: z.string().nullable(),
  at: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/**
 * An entry of a request's thread: a message of the request's channel (both
 * parties and the coordinator read it) or an internal note (its party only).
 */
export const commentSchema = z.object({
  id: z.string(),
  author: personSchema,
  authorParty: z.string(),
  /** Empty once deleted. */
  body: z.string(),
  internal: z.boolean(),
  /** Its number in the request's channel; null for an internal note. */
  seq: z.number().nullable(),
  urgent: z.boolean(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Set only when the message is marked above the request: only those cleared for it read it. */
  marking: markingViewSchema.nullable(),
});
export type CommentDto = z.infer<typeof commentSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  /** Sniffed from the content when it was uploaded. */
  mediaType: z.string(),
  size: z.number(),
  uploadedBy: personSchema,
  uploaderParty: z.string(),
  internal: z.boolean(),
  createdAt: z.string(),
});
export type AttachmentDto = z.infer<typeof attachmentSchema>;
export const attachmentUploadQuerySchema = z.strictObject({
  filename: z
    .string({ error: 'Name the file: ?filename=report.pdf' })
    .trim()
    .min(1, 'The file name is empty')
    .max(200),
  /** Read only by the uploader's party, like an internal note. */
  internal: z.enum(['true', 'false']).default('false'),
});

/** `{kind, id}`; a bare `{requestId}` (the first form of this API) still links a request. */
export const linkInputSchema = z.union([
  z.strictObject({
    kind: z.enum(LINK_KINDS, { error: `Kind is one of: ${LINK_KINDS.join(', ')}` }),
    id: idSchema,
  }),
  z.strictObject({ requestId: idSchema }),
]);
export type LinkInput = z.infer<typeof linkInputSchema>;

/** A linked record as the reader may see it: shown only where both ends are visible to them. */
export const linkedRecordSchema = z.object({
  kind: z.enum(LINK_KINDS),
  id: z.string(),
  /** REQ-…, RPT-…, or the record's name where it has no reference. */
  reference: z.string(),
  title: z.string(),
  /** For a request: its type, status and summary. */
  type: z.string().nullable(),
  status: z.enum(STATUSES).nullable(),
  summary: z.string().nullable(),
});
export type LinkedRecord = z.infer<typeof linkedRecordSchema>;

export const requestDetailSchema = requestSummarySchema.extend({
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  conditions: z.string().nullable(),
  timeline: z.array(timelineEntrySchema),
  comments: z.array(commentSchema),
  attachments: z.array(attachmentSchema),
  /** Related records (requests, reports, releases, submissions, channels), those the caller may see. */
  links: z.array(linkedRecordSchema),
  /**
   * The answer the desk drafted, waiting for a supervisor (four eyes): sent
   * only to the receiving party, never to the requesting side.
   */
  answerDraft: z
    .object({
      answer: z.enum(ANSWERS),
      conditions: z.string().nullable(),
      reason: z.string().nullable(),
      draftedBy: personSchema,
      draftedAt: z.string(),
    })
    .nullable(),
  /** Where and to whom the person was handed over, once they were. */
  handover: z
    .object({
      place: z.object({ id: z.string(), code: z.string(), names: localised }),
      at: z.string(),
      receivedBy: z.string(),
      condition: z.string(),
      recordedBy: personSchema,
    })
    .nullable(),
  /** What the caller may do now: the UI offers only these. */
  actions: z.array(z.enum(USER_ACTIONS)),
  mayComment: z.boolean(),
  mayWriteInternal: z.boolean(),
  /** The coordinator may open the request's crisis room now (an incident without one). */
  mayOpenCrisisRoom: z.boolean(),
  /**
   * The request's channel, once submitted: `member` says whether the caller
   * follows it in their channels (they join by writing in it).
   */
  thread: z.object({ channelId: z.string(), member: z.boolean() }).nullable(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const requestPageSchema = z.object({
  items: z.array(requestSummarySchema),
  next: z.string().nullable(),
});

// ---- statistics
export const safeReturnStatisticsQuerySchema = z.strictObject({
  /** Start of the period (ISO 8601 with offset); the start of this year on the deployment's clock when left out. */
  from: z.iso
    .datetime({ offset: true, error: 'A date-time with its offset, e.g. 2026-01-01T00:00:00+02:00' })
    .optional(),
  /** End of the period, not included; now when left out. */
  to: z.iso
    .datetime({ offset: true, error: 'A date-time with its offset, e.g. 2026-12-31T00:00:00+02:00' })
    .optional(),
  /** A district of the gazetteer, by id or code. */
  district: z.string().trim().min(1).max(60).optional(),
});
export type SafeReturnStatisticsQuery = z.infer<typeof safeReturnStatisticsQuerySchema>;

const districtRef = z.object({ id: z.string(), code: z.string(), names: localised });
export const safeReturnStatisticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  district: districtRef.nullable(),
  /** Safe returns sent in the period. */
  requested: z.number(),
  /** People handed over in the period. */
  handedOver: z.number(),
  /** Safe returns that ended "not found" in the period. */
  notFound: z.number(),
  /** Sent in the period and not yet ended. */
  stillOpen: z.number(),
  /** From sending to the handover, over the handovers of the period. */
  medianMinutesToHandover: z.number().nullable(),
  byDistrict: z.array(
    z.object({
      district: districtRef,
      handedOver: z.number(),
      medianMinutesToHandover: z.number().nullable(),
    }),
  ),
  /** By the party whose people were brought back (the requesting party). */
  byParty: z.array(
    z.object({ party: z.string(), handedOver: z.number(), medianMinutesToHandover: z.number().nullable() }),
  ),
});
export type SafeReturnStatistics = z.infer<typeof safeReturnStatisticsSchema>;
