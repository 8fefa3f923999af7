import { badRequest } from '../../../../core/errors';
import { type Answer, requirementOf } from '../../../../core/requests/lifecycle';
import type { Priority } from '../../../../core/requests/request-type';
import type { TransitionInput } from '../../../../core/requests/schemas';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import type { AnswerDraft } from '../../../platform/db/schema';
import { supervisorsOf } from '../../../platform/parties.repository';
import { addHistory, type RequestRow, updateRequest } from '../requests.repository';
import type { RequestCommandDeps } from './deps';

/**
 * Four-eyes answers (issue 15): the receiving desk drafts its answer, a
 * supervisor of its party who did not draft it approves (perhaps edited) or
 * returns it. Until it is approved the request does not change state, and
 * everything written about the draft (history, events, notifications, audit)
 * is kept to the receiving party, as an internal note is: the requesting side
 * learns of the answer only when it goes out. Approving is the transition the
 * drafted answer names (transition-request.ts).
 */

/** The answer an action carries, with what it must say (conditions for a conditional approval, a reason for a refusal), or 400. */
export function answerOf(input: TransitionInput, base: AnswerDraft | null = null): AnswerDraft {
  const answer: Answer | undefined = input.answer ?? base?.answer;
  if (!answer)
    throw badRequest(
      'missing_answer',
      'Say which answer you draft: approve, approve-with-conditions or deny.',
      [{ path: 'body.answer', message: 'Choose the answer' }],
    );
  const conditions = input.conditions ?? (input.answer === undefined ? base?.conditions : undefined);
  const reason = input.reason ?? base?.reason;
  const needed = requirementOf(answer);
  if (needed === 'conditions' && !conditions)
    throw badRequest('missing_conditions', '"approve-with-conditions" needs the conditions.', [
      { path: 'body.conditions', message: 'State the conditions' },
    ]);
  if (needed === 'reason' && !reason)
    throw badRequest('missing_reason', '"deny" needs a reason.', [
      { path: 'body.reason', message: 'Say why' },
    ]);
  return {
    answer,
    ...(answer === 'approve-with-conditions' && { conditions }),
    ...(reason && { reason }),
  };
}

/** The desk's draft: kept on the request for the receiving party alone; its supervisors are told. */
export async function draftAnswer(
  deps: RequestCommandDeps,
  unit: Unit,
  caller: Caller,
  row: RequestRow,
  draft: AnswerDraft,
  deskId: string | null,
): Promise<void> {
  const { tx, now } = unit;
  await updateRequest(tx, row.id, {
    answer_draft: JSON.stringify(draft),
    answer_drafted_by: caller.actor.userId,
    answer_drafted_at: now,
    updated_at: now,
  });
  await addHistory(tx, row.id, {
    kind: 'transition',
    action: 'draft-answer',
    actor: caller.actor,
    deskId,
    reason: draft.reason,
    conditions: draft.conditions,
    detail: draft.answer,
    internalParty: row.to_party,
    at: now,
  });
  emitInternal(unit, row, 'request.answer-drafted', draft.answer);
  const supervisors = (await supervisorsOf(tx, row.to_party)).filter((id) => id !== caller.actor.userId);
  await deps.notifications.notify(unit, await deps.queries.visibleAmong(tx, supervisors, row), {
    kind: 'request.answer-drafted',
    requestId: row.id,
    priority: row.priority as Priority,
    detail: draft.answer,
    at: now,
  });
}

/** A supervisor sends the draft back with what must change; the desk may draft again. */
export async function returnAnswer(
  deps: RequestCommandDeps,
  unit: Unit,
  caller: Caller,
  row: RequestRow,
  reason: string,
): Promise<void> {
  const { tx, now } = unit;
  await clearDraft(unit, row.id);
  await addHistory(tx, row.id, {
    kind: 'transition',
    action: 'return-answer',
    actor: caller.actor,
    reason,
    detail: (row.answer_draft as AnswerDraft | null)?.answer ?? null,
    internalParty: row.to_party,
    at: now,
  });
  emitInternal(unit, row, 'request.answer-returned', null);
  const drafter = row.answer_drafted_by;
  if (drafter && drafter !== caller.actor.userId)
    await deps.notifications.notify(unit, await deps.queries.visibleAmong(tx, [drafter], row), {
      kind: 'request.answer-returned',
      requestId: row.id,
      priority: row.priority as Priority,
      detail: reason.slice(0, 200),
      at: now,
    });
}

/** The approval itself, in the receiving party's history: who drafted, who approved. */
export async function recordApproval(unit: Unit, caller: Caller, row: RequestRow, answer: AnswerDraft) {
  await clearDraft(unit, row.id);
  await addHistory(unit.tx, row.id, {
    kind: 'transition',
    action: 'approve-answer',
    actor: caller.actor,
    detail: answer.answer,
    internalParty: row.to_party,
    at: unit.now,
  });
}

export const clearDraft = (unit: Unit, id: string) =>
  updateRequest(unit.tx, id, { answer_draft: null, answer_drafted_by: null, answer_drafted_at: null });

/** A live event for the receiving party alone (the audience reads `internalParty`, as for internal notes). */
function emitInternal(unit: Unit, row: RequestRow, type: string, answer: string | null) {
  unit.emit({
    type,
    subjectType: 'request',
    subjectId: row.id,
    data: { internalParty: row.to_party, ...(answer && { answer }) },
  });
}
