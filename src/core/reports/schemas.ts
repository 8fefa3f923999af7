import { z } from 'zod';
import { INT4_MAX } from '../bounds';
import { entryCodeSchema, markingViewSchema } from '../directory/schemas';
import { patchSchema } from '../patch';

/** Payloads of the reports API, shared by the server (validation, OpenAPI) and the web client. */

const classificationSchema = z
  .string({ error: 'Classification is required, e.g. (S//NF) or CONFIDENTIAL' })
  .trim()
  .min(1, 'Classification is required, e.g. (S//NF) or CONFIDENTIAL')
  .max(200);

export const portionMarkingInputSchema = z.strictObject({
  /** A portion mark or banner in the deployment's scheme: "(S//NF)", "(C//REL TO USA, GBR)", "UNCLASSIFIED". */
  classification: classificationSchema,
  /** Need-to-know groups; a reader must belong to every one. */
  groups: z.array(entryCodeSchema).max(20).default([]),
});

export const paragraphInputSchema = z.strictObject({
  heading: z.string().trim().max(300, 'A heading is at most 300 characters').optional(),
  text: z
    .string()
    .trim()
    .min(1, 'The paragraph is empty')
    .max(20_000, 'A paragraph is at most 20,000 characters'),
  marking: portionMarkingInputSchema,
});

const isoDate = z.iso.date({ error: 'A date is YYYY-MM-DD' });

export const classificationAuthorityInputSchema = z.strictObject({
  classifiedBy: z.string().trim().min(1).max(200).optional(),
  /** E.g. "1.4 (b)", "1.4 (d)". */
  reasons: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  declassifyOn: isoDate.optional(),
});

export const tagSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,10}$/, 'A tag is 2 to 10 capital letters or digits, e.g. PGOV');

export const createReportSchema = z.strictObject({
  title: z.string().trim().min(1, 'The title is empty').max(300, 'A title is at most 300 characters'),
  subject: z.string().trim().max(1000).default(''),
  tags: z.array(tagSchema).max(30).default([]),
  /** The report's date; today (in the deployment's time zone) when left out. */
  date: isoDate.optional(),
  classificationAuthority: classificationAuthorityInputSchema.default({ reasons: [] }),
  /** The marking of the title, subject and tags; the lowest level when left out. */
  headerMarking: portionMarkingInputSchema.optional(),
  paragraphs: z.array(paragraphInputSchema).min(1, 'A report has at least one paragraph').max(500),
});
export type CreateReport = z.input<typeof createReportSchema>;

/**
 * An edit: the fields given replace the report's, and a field left out is
 * kept as it is (no defaults here: a default would erase what the editor did
 * not mention); `paragraphs`, when given, is the whole new list in order (a
 * paragraph keeps its `id`, and the names found in it, while its text is
 * unchanged). `version` is the version the editor started from: an edit over
 * someone else's newer one is refused.
 */
export const updateReportSchema = patchSchema(createReportSchema).extend({
  paragraphs: z
    .array(paragraphInputSchema.extend({ id: z.uuid('A paragraph id is a UUID').optional() }))
    .min(1, 'A report has at least one paragraph')
    .max(500)
    .optional(),
  version: z.number({ error: 'Say which version you edited' }).int().min(1).max(INT4_MAX),
});
export type UpdateReport = z.input<typeof updateReportSchema>;

/** Submitting or approving may carry a note; returning a report for changes must say why. */
export const reviewNoteSchema = z.strictObject({
  note: z.string().trim().max(4000).optional(),
});
export const returnReportSchema = z.strictObject({
  note: z.string({ error: 'Say what must change' }).trim().min(1, 'Say what must change').max(4000),
});

export const importCableJsonSchema = z.strictObject({
  text: z.string().min(1, 'The cable is empty').max(1_000_000),
});

export const ENTITY_KINDS = ['organisation', 'person', 'place', 'other'] as const;

export const mentionSchema = z.object({
  entityId: z.string(),
  kind: z.enum(ENTITY_KINDS),
  text: z.string(),
  start: z.number(),
  end: z.number(),
});

export const reportParagraphSchema = z.object({
  id: z.string(),
  number: z.number().nullable(),
  heading: z.string().nullable(),
  text: z.string(),
  anchor: z.string().nullable(),
  portion: markingViewSchema,
  mentions: z.array(mentionSchema),
});

export const REPORT_STATUSES = ['draft', 'review', 'published'] as const;
export const REPORT_ACTION_NAMES = ['edit', 'submit', 'approve', 'return', 'release'] as const;
const personSchema = z.object({ id: z.string(), displayName: z.string() });

export const reportSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  date: z.string(),
  status: z.enum(REPORT_STATUSES),
  tags: z.array(z.string()),
  authorParty: z.string(),
  /** Computed from the portions the caller may see (and the header): never stored. */
  banner: markingViewSchema,
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportViewSchema = reportSummarySchema.extend({
  subject: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  classificationAuthority: z.object({
    classifiedBy: z.string().nullable(),
    reasons: z.array(z.string()),
    declassifyOn: z.string().nullable(),
  }),
  headerMarking: markingViewSchema,
  /** Only the portions the caller may see, in order. */
  paragraphs: z.array(reportParagraphSchema),
  source: z
    .object({ key: z.string(), originator: z.string().nullable(), serial: z.string().nullable() })
    .nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last review step: who submitted, approved or returned it, and what they said. */
  review: z
    .object({
      step: z.enum(['submitted', 'approved', 'returned']),
      by: personSchema,
      at: z.string(),
      note: z.string().nullable(),
    })
    .nullable(),
  /** What the caller may do to it now. */
  actions: z.array(z.enum(REPORT_ACTION_NAMES)),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const importResultSchema = z.object({
  id: z.string(),
  reference: z.string(),
  /** False when the same cable had been imported before: nothing changed. */
  created: z.boolean(),
});

// ---- releases: what one party may see of a report, frozen when released
export const releaseInputSchema = z.strictObject({
  toParty: z.string({ error: 'Name the party, e.g. PASF' }).trim().toUpperCase().min(2).max(12),
  note: z.string().trim().min(1, 'Say what the release is for').max(4000),
  /** The paragraphs to release (their ids); every portion releasable to the party when left out. */
  portions: z.array(z.uuid('A portion is named by its paragraph id')).min(1).max(500).optional(),
});

export const releaseViewSchema = z.object({
  id: z.string(),
  /** The original report, named only to those who may read it (the receiving party reads the release alone). */
  reportId: z.string().nullable(),
  /** For a release of a submission: the submission, named only to its owner and the coordinator. */
  submissionId: z.string().nullable(),
  /** For a release of a submission: the party whose information it is (it went through `fromParty`). */
  originParty: z.string().nullable(),
  reportVersion: z.number(),
  fromParty: z.string(),
  toParty: z.string(),
  note: z.string(),
  releasedBy: z.object({ id: z.string(), displayName: z.string() }),
  releasedAt: z.string(),
  title: z.string(),
  subject: z.string(),
  tags: z.array(z.string()),
  date: z.string(),
  /** Computed from the released portions the caller may see. */
  banner: markingViewSchema,
  paragraphs: z.array(
    z.object({
      id: z.string(),
      number: z.number().nullable(),
      heading: z.string().nullable(),
      text: z.string(),
      portion: markingViewSchema,
    }),
  ),
});
export type ReleaseView = z.infer<typeof releaseViewSchema>;

export const entityViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ENTITY_KINDS),
  name: z.string(),
  /** The directory entry the name matched: a party, unit or district. */
  linked: z.object({ type: z.enum(['party', 'unit', 'district']), id: z.string() }).nullable(),
  /** Reports that name it, those the caller may read, each under the caller's banner. */
  reports: z.array(reportSummarySchema),
});

// ---- version history: every edit keeps the whole report as it was
export const reportVersionSummarySchema = z.object({
  version: z.number(),
  change: z.enum(['created', 'imported', 'edited']),
  by: personSchema.nullable(),
  at: z.string(),
});
export type ReportVersionSummary = z.infer<typeof reportVersionSummarySchema>;

const versionParagraphSchema = z.object({
  heading: z.string().nullable(),
  text: z.string(),
  portion: markingViewSchema,
});

export const textChangeSchema = z.object({
  text: z.string(),
  change: z.enum(['same', 'added', 'removed']),
});

export const paragraphChangeSchema = z.object({
  change: z.enum(['same', 'added', 'removed', 'changed']),
  before: versionParagraphSchema.nullable(),
  after: versionParagraphSchema.nullable(),
  /** For a changed paragraph: its text word by word, what stayed, what went, what came. */
  words: z.array(textChangeSchema),
});

export const reportVersionViewSchema = reportVersionSummarySchema.extend({
  title: z.string(),
  subject: z.string(),
  tags: z.array(z.string()),
  date: z.string(),
  /** Computed from the portions of this version the caller may see. */
  banner: markingViewSchema,
  paragraphs: z.array(versionParagraphSchema),
  /** From the version before (none for the first), over the portions the caller may see in both. */
  differences: z.object({
    fields: z.array(
      z.object({
        field: z.enum(['title', 'subject', 'tags', 'date']),
        before: z.string(),
        after: z.string(),
      }),
    ),
    paragraphs: z.array(paragraphChangeSchema),
  }),
});
export type ReportVersionView = z.infer<typeof reportVersionViewSchema>;
