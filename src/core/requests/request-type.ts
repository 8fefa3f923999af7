import { z } from 'zod';
import { localisedSchema } from '../marking/scheme';

/**
 * Request types are configuration (ARCHITECTURE.md rule 4): each deployment
 * file lists the kinds of request its parties send each other, the form of
 * each, how fast each must be answered and whom to wake when it is not.
 */

/** Most urgent first. */
export const PRIORITIES = ['critical', 'urgent', 'routine'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const FIELD_KINDS = ['text', 'textarea', 'number', 'datetime', 'select'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Who an escalation step alerts, in the order the issue names them. */
export const ESCALATION_TARGETS = ['desk', 'supervisors', 'coordinator'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

const keySchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'Field key is camelCase letters and digits, e.g. lastKnownLocation');

const optionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Option value is lower-case words joined by dashes'),
  labels: localisedSchema,
});

export const requestFieldSchema = z
  .strictObject({
    key: keySchema,
    kind: z.enum(FIELD_KINDS),
    labels: localisedSchema,
    /** A hint shown under the input. */
    help: localisedSchema.optional(),
    required: z.boolean().default(false),
    /** For select fields: the choices. */
    options: z.array(optionSchema).min(2, 'A select field offers at least 2 options').optional(),
    /** For number fields. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** For text fields; defaults keep a form from carrying a novel. */
    maxLength: z.number().int().positive().max(20_000).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.kind === 'select' && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field lists its options' });
    if (field.kind !== 'select' && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a select field has options' });
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is at least min' });
  });
export type RequestField = z.infer<typeof requestFieldSchema>;

const minutes = z
  .number()
  .positive('Minutes are more than 0')
  .max(60 * 24 * 30, 'At most 30 days');

/** How long the receiving desk has, counted from submission, to acknowledge, to answer, and to finish. */
export const slaSchema = z
  .strictObject({ acknowledgeMinutes: minutes, respondMinutes: minutes, resolveMinutes: minutes })
  .superRefine((sla, ctx) => {
    if (sla.respondMinutes < sla.acknowledgeMinutes)
      ctx.addIssue({
        code: 'custom',
        path: ['respondMinutes'],
        message: 'Answering comes after acknowledging',
      });
    if (sla.resolveMinutes < sla.respondMinutes)
      ctx.addIssue({ code: 'custom', path: ['resolveMinutes'], message: 'Finishing comes after answering' });
  });
export type Sla = z.infer<typeof slaSchema>;

export const escalationStepSchema = z.strictObject({
  /** Counted from submission; the step fires only if the request is still unacknowledged. */
  afterMinutes: z
    .number()
    .min(0)
    .max(60 * 24),
  notify: z.enum(ESCALATION_TARGETS),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

/** The steps after a missed deadline: counted from the miss, in order. */
const breachStepsSchema = z
  .array(escalationStepSchema)
  .min(1, 'Give at least one step')
  .refine(
    (steps) => steps.every((step, i) => i === 0 || step.afterMinutes >= (steps[i - 1]?.afterMinutes ?? 0)),
    'Steps come in order, none earlier than the one before',
  );

export const escalationPolicySchema = z
  .strictObject({
    steps: z.array(escalationStepSchema).min(1, 'Give at least one step'),
    /**
     * Critical and urgent requests alert again every so many minutes until
     * someone acknowledges: the people of the last step that fired.
     */
    repeatEveryMinutes: z.number().min(1).max(120).optional(),
    /**
     * Who hears of a missed deadline, per milestone (acknowledge, respond,
     * resolve): steps counted from the moment it is missed, each fired only
     * while the milestone is still owed. A milestone left out tells the
     * receiving party's supervisors and the coordinator's duty officer at once
     * (DEFAULT_BREACH_STEPS): every breach reaches the broker.
     */
    breaches: z
      .strictObject({
        acknowledge: breachStepsSchema.optional(),
        respond: breachStepsSchema.optional(),
        resolve: breachStepsSchema.optional(),
      })
      .optional(),
  })
  .superRefine((policy, ctx) => {
    policy.steps.forEach((step, i) => {
      const previous = policy.steps[i - 1];
      if (previous && step.afterMinutes <= previous.afterMinutes)
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'afterMinutes'],
          message: 'Steps come in order, each later than the one before',
        });
    });
  });
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const requestTypeSchema = z
  .strictObject({
    code: z
      .string()
      .regex(/^[a-z]+(-[a-z]+)*$/, 'Type code is lower-case words joined by dashes, e.g. safe-return'),
    names: localisedSchema,
    description: localisedSchema.optional(),
    defaultPriority: z.enum(PRIORITIES),
    /** One SLA per priority. */
    sla: z.strictObject({ critical: slaSchema, urgent: slaSchema, routine: slaSchema }),
    escalation: escalationPolicySchema,
    /** The coordinator co-signs the receiving party's answer before the work may start. */
    coordinatorCoSigns: z.boolean().default(false),
    /**
     * Four eyes: the receiving desk drafts its answer and a supervisor of its
     * party approves, edits or returns it before the requesting side sees
     * anything. Given, every answer needs it; with `fromLevel` (a
     * classification level code), only requests marked at that level or above.
     */
    answerApproval: z.strictObject({ fromLevel: z.string().min(1).max(20).optional() }).optional(),
    /**
     * The request ends in a handover of people (a safe return): after the
     * answer it goes located, secured, en route, handed over at a place of the
     * gazetteer (or not found), each step with its time and officer.
     */
    handover: z.boolean().default(false),
    /** The coordinator opens the request's crisis room in one step (an incident), invited from both desks. */
    crisisRoom: z.boolean().default(false),
    /** The category of the exchange ledger its items count in (one of the deployment's `exchangeCategories`). */
    category: z
      .string()
      .regex(/^[a-z]+(-[a-z]+)*$/, 'Category is lower-case words joined by dashes, e.g. criminal')
      .optional(),
    /**
     * What puts it on the exchange ledger: its answer (a request for
     * information: the answer is the item) or its completion (the help
     * delivered, by the side that delivered it).
     */
    ledger: z.enum(['answer', 'completion']).default('completion'),
    /** An open request nobody has decided expires after this long. */
    expiresAfterHours: z
      .number()
      .positive()
      .max(24 * 90)
      .default(72),
    fields: z.array(requestFieldSchema).min(1, 'A request type has at least one field'),
  })
  .superRefine((type, ctx) => {
    const keys = type.fields.map((field) => field.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `"${key}" is used twice` });
    });
  });
export type RequestType = z.infer<typeof requestTypeSchema>;
