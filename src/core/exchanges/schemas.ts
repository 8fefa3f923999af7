import { z } from 'zod';
import { markingViewSchema } from '../directory/schemas';
import { DEFINITIONS, EXCHANGE_KINDS, PERIODS } from './ledger';

/** Payloads of the ledger and reciprocity API (issue 17), shared by the server and the web client. */

const partyCode = z.string().regex(/^[A-Z0-9]{2,12}$/, 'A party code, e.g. ISF');
const category = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'A category code, e.g. criminal');
const day = z.iso.date('A date, YYYY-MM-DD');

export const exchangeQuerySchema = z.strictObject({
  from: partyCode.optional(),
  to: partyCode.optional(),
  category: category.optional(),
  kind: z.enum(EXCHANGE_KINDS).optional(),
  /** Days on the deployment's clock: since (inclusive) and until (inclusive). */
  since: day.optional(),
  until: day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` of the page before. */
  cursor: z.string().max(200).optional(),
});
export type ExchangeQuery = z.infer<typeof exchangeQuerySchema>;

export const exchangeSchema = z.object({
  id: z.string(),
  fromParty: z.string(),
  toParty: z.string(),
  /** The coordinator, for what passed through it; null when direct. */
  throughParty: z.string().nullable(),
  kind: z.enum(EXCHANGE_KINDS),
  category: z.string(),
  /** The record it points to: the app's page for it. */
  subject: z.object({ type: z.string(), id: z.string(), link: z.string().nullable() }),
  /** The earlier record this correction cancels. */
  cancels: z.string().nullable(),
  at: z.string(),
  marking: markingViewSchema,
});
export type ExchangeView = z.infer<typeof exchangeSchema>;

export const exchangePageSchema = z.object({
  items: z.array(exchangeSchema),
  total: z.number(),
  next: z.string().nullable(),
});

export const reciprocityQuerySchema = z.strictObject({
  partyA: partyCode,
  partyB: partyCode,
  period: z.enum(PERIODS).default('month'),
  since: day.optional(),
  until: day.optional(),
  category: category.optional(),
});
export type ReciprocityQuery = z.infer<typeof reciprocityQuerySchema>;

const rfiFigures = z.object({
  asked: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  /** Minutes; null when none was acknowledged (answered). */
  acknowledgeMedianMinutes: z.number().nullable(),
  acknowledgeP90Minutes: z.number().nullable(),
  answerMedianMinutes: z.number().nullable(),
  answerP90Minutes: z.number().nullable(),
});
export type RfiFigures = z.infer<typeof rfiFigures>;

const commitmentFigures = z.object({ promised: z.number(), delivered: z.number(), overdue: z.number() });
export type CommitmentFigures = z.infer<typeof commitmentFigures>;

/** Requests for information asked by A (of B) and by B (of A); commitments made by A and by B. */
const measures = z.object({
  rfi: z.object({ askedByA: rfiFigures, askedByB: rfiFigures }),
  commitments: z.object({ byA: commitmentFigures, byB: commitmentFigures }),
});

const balance = z.object({
  aToB: z.number(),
  bToA: z.number(),
  /** (A→B − B→A) / (A→B + B→A), from −1 to 1; null when nothing passed. */
  asymmetry: z.number().nullable(),
});

export const reciprocitySchema = z.object({
  partyA: z.string(),
  partyB: z.string(),
  period: z.enum(PERIODS),
  category: z.string().nullable(),
  /** Each period with items either way (the first day of the period, on the deployment's clock). */
  periods: z.array(balance.extend(measures.shape).extend({ start: z.string() })),
  total: balance.extend(measures.shape),
  /** What each figure counts, in words: each party can check them against its own records. */
  definitions: z.object({
    items: z.literal(DEFINITIONS.items),
    asymmetry: z.literal(DEFINITIONS.asymmetry),
    requestsForInformation: z.literal(DEFINITIONS.requestsForInformation),
    commitments: z.literal(DEFINITIONS.commitments),
  }),
});
export type Reciprocity = z.infer<typeof reciprocitySchema>;
