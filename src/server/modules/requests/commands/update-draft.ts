import type { z } from 'zod';
import { conflict, forbidden } from '../../../../core/errors';
import { summaryOf } from '../../../../core/requests/fields';
import type { updateDraftSchema } from '../../../../core/requests/schemas';
import { trailMarking } from '../../../../core/requests/visibility';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { updateRequest } from '../requests.repository';
import { checkFields, searchExtraOfRequest } from './checks';
import type { RequestCommandDeps } from './deps';

/** Edits a draft's form or priority; only the requesting party edits its drafts. */
export async function updateDraft(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateDraftSchema>,
): Promise<void> {
  const { queries } = deps;
  const row = await queries.find(caller, id);
  if (row.status !== 'draft')
    throw conflict(
      'not_a_draft',
      'Only a draft can be edited; a submitted request is changed through its thread.',
    );
  if (!(await queries.relationsOf(caller, row)).has('requester'))
    throw forbidden('not_yours', 'Only the requesting party edits its drafts.');
  const type = queries.requireType(row.type_code);
  const fields = input.fields ? checkFields(type, input.fields, true) : row.fields;
  await deps.change(caller, 'request.updated', async ({ tx, now, audit }) => {
    await updateRequest(tx, id, {
      fields: JSON.stringify(fields),
      summary: summaryOf(type, fields),
      search_extra: searchExtraOfRequest(fields),
      priority: input.priority ?? row.priority,
      updated_at: now,
    });
    audit({
      subject: { type: 'request', id },
      before: row.fields,
      after: fields,
      marking: trailMarking(markingOfRow(row), { status: row.status, fromParty: row.from_party }),
    });
  });
}
