import type { ParseKeys } from 'i18next';
import type { z } from 'zod';
import type { DeskDto, DistrictDto } from '../../../core/directory/schemas';
import { type FieldValues, fieldsSchema } from '../../../core/requests/fields';
import type { RequestType } from '../../../core/requests/request-type';
import type { RequestTypeView } from '../../../core/requests/schemas';
import { isoToZonedInput, zonedInputToOffsetIso } from '../../../core/zoned-time';

/**
 * The request form's rules, without React: the type as the API shows it turned
 * back into the configuration the server validates with, what the inputs hold
 * turned into the values sent, and each problem as a message key in the
 * user's language (the shared schema's own messages are English).
 */

type ViewField = RequestTypeView['fields'][number];

/** The API's view of a type (nulls for what is not set) as the shared RequestType, for fieldsSchema. */
export function requestTypeOf(view: RequestTypeView): RequestType {
  return {
    code: view.code,
    names: view.names,
    description: view.description ?? undefined,
    defaultPriority: view.defaultPriority,
    sla: view.sla,
    escalation: {
      steps: view.escalation.steps,
      repeatEveryMinutes: view.escalation.repeatEveryMinutes ?? undefined,
    },
    coordinatorCoSigns: view.coordinatorCoSigns,
    answerApproval: view.answerApproval
      ? { ...(view.answerApproval.fromLevel && { fromLevel: view.answerApproval.fromLevel }) }
      : undefined,
    handover: view.handover,
    crisisRoom: view.crisisRoom,
    category: view.category ?? undefined,
    ledger: view.ledger,
    expiresAfterHours: view.expiresAfterHours,
    fields: view.fields.map((field) => ({
      key: field.key,
      kind: field.kind,
      labels: field.labels,
      help: field.help ?? undefined,
      required: field.required,
      options: field.options ?? undefined,
      min: field.min ?? undefined,
      max: field.max ?? undefined,
      maxLength: field.maxLength ?? undefined,
    })),
  };
}

/** What the inputs hold: text as typed, datetime-local values ("2026-03-01T08:00"). */
export type FieldInputs = Record<string, string>;

export const emptyInputs = (view: RequestTypeView): FieldInputs =>
  Object.fromEntries(view.fields.map((field) => [field.key, '']));

/** A saved request's values back in the inputs, for editing a draft: times on the deployment's clock. */
export function inputsOf(
  view: RequestTypeView,
  values: Record<string, string | number>,
  timeZone: string,
): FieldInputs {
  const inputs = emptyInputs(view);
  for (const field of view.fields) {
    const value = values[field.key];
    if (value === undefined) continue;
    const valid = field.kind === 'datetime' && !Number.isNaN(Date.parse(String(value)));
    inputs[field.key] = valid ? isoToZonedInput(String(value), timeZone) : String(value);
  }
  return inputs;
}

/** Arabic-Indic and Persian digits, as Arabic keyboards type them, to ASCII. */
const asciiDigits = (value: string) =>
  value
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));

function sentValue(field: ViewField, input: string, timeZone: string): string | number {
  switch (field.kind) {
    case 'number': {
      const number = Number(asciiDigits(input).replace(/\u066b/g, '.'));
      // Not a number: sent as typed, so that the schema names the problem.
      return Number.isNaN(number) ? input : number;
    }
    case 'datetime':
      return zonedInputToOffsetIso(input, timeZone) ?? input;
    default:
      return input;
  }
}

/** The values to send: empty inputs left out, numbers as numbers, times with the deployment zone's offset. */
export function fieldValuesOf(view: RequestTypeView, inputs: FieldInputs, timeZone: string): FieldValues {
  const values: FieldValues = {};
  for (const field of view.fields) {
    const input = (inputs[field.key] ?? '').trim();
    if (input) values[field.key] = sentValue(field, input, timeZone);
  }
  return values;
}

/** A message key and its values, rendered by <T> so that it follows the language. */
export interface Problem {
  i18nKey: ParseKeys;
  values?: Record<string, unknown>;
}

/** One of the shared schema's issues about a field (left empty or not), as a message in the user's language. */
function problemOf(issue: z.core.$ZodIssue, empty: boolean): Problem {
  if (empty) return { i18nKey: 'requests.form.required' };
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number'
        ? { i18nKey: 'requests.form.notANumber' }
        : { i18nKey: 'requests.form.required' };
    case 'too_small':
      return issue.origin === 'number'
        ? { i18nKey: 'requests.form.atLeast', values: { min: issue.minimum } }
        : { i18nKey: 'requests.form.required' };
    case 'too_big':
      return issue.origin === 'number'
        ? { i18nKey: 'requests.form.atMost', values: { max: issue.maximum } }
        : { i18nKey: 'requests.form.tooLong', values: { count: Number(issue.maximum) } };
    case 'invalid_format':
      return { i18nKey: 'requests.form.dateTime' };
    default:
      return { i18nKey: 'requests.form.chooseOption' };
  }
}

/**
 * The problems of each field, by field key, checked with the very schema the
 * server applies. A draft may leave required fields empty.
 */
export function fieldProblems(
  view: RequestTypeView,
  inputs: FieldInputs,
  timeZone: string,
  { draft = false } = {},
): Record<string, Problem> {
  const values = fieldValuesOf(view, inputs, timeZone);
  const result = fieldsSchema(requestTypeOf(view), { draft }).safeParse(values);
  const problems: Record<string, Problem> = {};
  for (const issue of result.error?.issues ?? []) {
    const key = issue.path[0];
    if (typeof key === 'string' && !(key in problems)) problems[key] = problemOf(issue, !(key in values));
  }
  return problems;
}

/** The request field a server issue is about: "body.fields.who" → "who"; null for any other path. */
export function fieldKeyOfPath(path: string): string | null {
  const match = /^(?:body\.)?fields\.([^.]+)/.exec(path);
  return match?.[1] ?? null;
}

/**
 * The places a party's people raise requests about: each district where the
 * party keeps a desk, with its areas (Hebron's H1 and H2) after it. A
 * coordinator asks a party about the districts where that party (any of
 * `partyCodes`) keeps a desk.
 */
export function districtsServedBy(
  districts: readonly DistrictDto[],
  desks: readonly DeskDto[],
  partyCodes: string | readonly string[],
): { district: DistrictDto; areas: DistrictDto[] }[] {
  const parties = new Set(typeof partyCodes === 'string' ? [partyCodes] : partyCodes);
  const served = new Set(desks.filter((desk) => parties.has(desk.partyCode)).map((desk) => desk.districtId));
  return districts
    .filter((district) => district.parentId === null && served.has(district.id))
    .map((district) => ({ district, areas: districts.filter((area) => area.parentId === district.id) }));
}
