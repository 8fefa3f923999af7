import { z } from 'zod';
import type { RequestField, RequestType } from './request-type';

/**
 * A request type's form as a zod schema: the server validates submissions with
 * it, the API publishes it as JSON Schema, and the web form checks the same
 * rules before sending. Messages name the field by its English label; the web
 * shows its own translation and the path says which field.
 */

const DEFAULT_MAX_LENGTH = { text: 500, textarea: 4000 } as const;

export type FieldValues = Record<string, string | number>;

function fieldSchema(field: RequestField): z.ZodType<string | number> {
  const label = field.labels.en;
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.kind];
      return z
        .string({ error: `${label} is text` })
        .trim()
        .min(1, `${label} is required`)
        .max(max, `${label} is at most ${max} characters`);
    }
    case 'number': {
      let schema = z.number({ error: `${label} is a number` });
      if (field.min !== undefined) schema = schema.min(field.min, `${label} is at least ${field.min}`);
      if (field.max !== undefined) schema = schema.max(field.max, `${label} is at most ${field.max}`);
      return schema;
    }
    case 'datetime':
      return z.iso.datetime({
        offset: true,
        error: `${label} is a date and time, e.g. 2026-11-29T21:30:00+02:00`,
      });
    case 'select': {
      const values = (field.options ?? []).map((option) => option.value);
      return z.string().refine((value) => values.includes(value), `${label} is one of: ${values.join(', ')}`);
    }
  }
}

/**
 * The schema of a type's fields. A draft may leave required fields empty; a
 * submitted request may not. Unknown keys are refused, so a typo is not lost.
 */
export function fieldsSchema(type: RequestType, { draft = false } = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of type.fields) {
    const schema = fieldSchema(field);
    shape[field.key] = field.required && !draft ? schema : schema.optional();
  }
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field ${issue.keys.join(', ')}; ${type.code} has: ${type.fields.map((f) => f.key).join(', ')}`
        : undefined,
  });
}

/** The form as JSON Schema, for integrators (GET /api/request-types). */
export function fieldsJsonSchema(type: RequestType): Record<string, unknown> {
  const schema = z.toJSONSchema(fieldsSchema(type), { unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const field of type.fields) {
    const property = properties[field.key];
    if (!property) continue;
    property.title = field.labels.en;
    if (field.kind === 'select') property.enum = field.options?.map((option) => option.value);
    if (field.kind === 'datetime') property.format = 'date-time';
  }
  return schema;
}

/** A one-line summary for lists and notifications' links: the first text field's value. */
export function summaryOf(type: RequestType, values: FieldValues): string {
  const first = type.fields.find((field) => field.kind === 'text' && typeof values[field.key] === 'string');
  const value = first ? String(values[first.key]) : '';
  return value.length > 120 ? `${value.slice(0, 119)}…` : value;
}
