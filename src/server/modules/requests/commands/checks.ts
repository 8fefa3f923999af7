import { badRequest, forbidden } from '../../../../core/errors';
import { fieldsSchema } from '../../../../core/requests/fields';
import type { Relation } from '../../../../core/requests/lifecycle';
import type { RequestType } from '../../../../core/requests/request-type';
import { hebrewVariants } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import type { RequestRow } from '../requests.repository';

/** The form's values, checked against the request type (a draft may leave required fields empty), or 400. */
export function checkFields(type: RequestType, values: unknown, draft: boolean) {
  const result = fieldsSchema(type, { draft }).safeParse(values);
  if (result.success) return result.data as Record<string, string | number>;
  const issues = result.error.issues.map((issue) => ({
    path: ['body', 'fields', ...issue.path].join('.'),
    message: issue.message,
  }));
  throw badRequest(
    'invalid_fields',
    `The ${type.names.en} form has ${issues.length} problem(s): ${issues[0]?.message}.`,
    issues,
  );
}

/** The party a thread entry is written for; only the request's parties and the coordinator write. */
export function threadParty(caller: Caller, row: RequestRow, relations: Set<Relation>): string {
  if (row.status === 'draft' || relations.size === 0 || !caller.actor.party)
    throw forbidden('may_not_comment', "Only the request's parties and the coordinator write in its thread.");
  return caller.actor.party;
}

/** The prefix-free forms of the Hebrew words of a request's form: its summary is made of them too. */
export const searchExtraOfRequest = (fields: Record<string, string | number>) =>
  hebrewVariants(Object.values(fields).join(' '));
