import { badRequest, conflict, forbidden } from '../../../../core/errors';
import { requestExchangeKind } from '../../../../core/exchanges/ledger';
import {
  type Action,
  type Gates,
  milestoneOf,
  nextStatus,
  type Relation,
  refusalOf,
  requirementOf,
  type Status,
} from '../../../../core/requests/lifecycle';
import type { Priority, RequestType } from '../../../../core/requests/request-type';
import type { TransitionInput } from '../../../../core/requests/schemas';
import { deadlinesOf, owedMilestone, timersOf } from '../../../../core/requests/sla';
import { trailMarking } from '../../../../core/requests/visibility';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import type { AnswerDraft } from '../../../platform/db/schema';
import { markingOfRow } from '../../../platform/marked-records';
import { deskIdsOf } from '../../directory/directory-lookups.repository';
import { categoryOfRequestType } from '../../exchanges/categories';
import { recordExchange } from '../../exchanges/record-exchange';
import {
  addHistory,
  insertDeadlines,
  lockRequest,
  type RequestRow,
  updateRequest,
} from '../requests.repository';
import { checkFields } from './checks';
import type { RequestCommandDeps } from './deps';
import { checkHandover, recordHandover } from './hand-over';
import { answerOf, draftAnswer, recordApproval, returnAnswer } from './review-answer';

/**
 * Moves a request on (acknowledge, approve, deny, co-sign, complete, submit…):
 * the lifecycle decides whether the caller's relation to the request allows
 * it in its state; the row is locked and checked again inside the change.
 */
export async function transitionRequest(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  input: TransitionInput,
): Promise<void> {
  const { queries } = deps;
  const row = await queries.find(caller, id);
  const relations = await queries.relationsOf(caller, row);
  refuseUnlessAllowed(input, row, relations, queries.gatesOf(row, caller.actor.userId));
  refuseStrayFields(input);
  const type = queries.requireType(row.type_code);
  if (input.action === 'submit') checkFields(type, row.fields, false);
  const drafted = row.answer_draft as AnswerDraft | null;
  // What goes out: the answer given, or (four eyes) the drafted one as the supervisor approved it.
  const answer =
    input.action === 'draft-answer' || input.action === 'approve-answer'
      ? answerOf(input, input.action === 'approve-answer' ? drafted : null)
      : null;
  const deskId = await actingDesk(deps, caller, row, relations);
  await deps.change(caller, 'request.transitioned', async (unit) => {
    const locked = await lockRequest(unit.tx, id);
    if (
      locked.status !== row.status ||
      (locked.co_signed_at === null) !== (row.co_signed_at === null) ||
      locked.answer_drafted_at?.getTime() !== row.answer_drafted_at?.getTime()
    )
      throw conflict(
        'request_changed',
        `The request changed meanwhile (it is now ${locked.status}); look again.`,
      );
    const internal = input.action === 'draft-answer' || input.action === 'return-answer';
    if (input.action === 'submit')
      await submitRequest(deps, unit, caller, row.id, type, row.priority as Priority, deskId);
    else if (input.action === 'draft-answer' && answer)
      await draftAnswer(deps, unit, caller, row, answer, deskId);
    else if (input.action === 'return-answer')
      await returnAnswer(deps, unit, caller, row, input.reason as string);
    else if (input.action === 'approve-answer' && answer) {
      await recordApproval(unit, caller, row, answer);
      await apply(deps, unit, caller, row, { ...answer, action: answer.answer }, row.receiving_desk_id);
    } else {
      if (input.action === 'hand-over')
        await recordHandover(unit, caller, row, await checkHandover(unit.tx, row, input, unit.now));
      await apply(deps, unit, caller, row, input, deskId);
    }
    unit.audit({
      subject: { type: 'request', id },
      before: { status: row.status },
      after: {
        status: nextStatus(input.action, row.status as Status, answer?.answer),
        reason: answer ? answer.reason : input.reason,
        conditions: answer ? answer.conditions : input.conditions,
        ...(answer && { answer: answer.answer }),
      },
      details: { action: input.action },
      // The drafting and the review of an answer are the receiving party's own until it goes out.
      marking: internal
        ? { ...markingOfRow(row), parties: [row.to_party] }
        : trailMarking(markingOfRow(row), {
            status: input.action === 'submit' ? 'submitted' : row.status,
            fromParty: row.from_party,
          }),
    });
  });
}

/**
 * From draft to the receiving desk, inside the caller's change: the SLA clock
 * starts, the timers are stored with the request and its thread opens.
 */
export async function submitRequest(
  deps: Pick<RequestCommandDeps, 'threads'>,
  unit: Unit,
  caller: Caller,
  id: string,
  type: RequestType,
  priority: Priority,
  deskId: string | null,
): Promise<void> {
  const { tx, now } = unit;
  const due = deadlinesOf(type, priority, now);
  await updateRequest(tx, id, {
    status: 'submitted',
    submitted_at: now,
    updated_at: now,
    acknowledge_due_at: due.acknowledge,
    respond_due_at: due.respond,
    resolve_due_at: due.resolve,
    next_due_at: due.acknowledge,
  });
  await insertDeadlines(
    tx,
    timersOf(type, priority, now).map((timer) => ({
      request_id: id,
      kind: timer.kind,
      due_at: timer.dueAt,
      step: timer.kind === 'escalate' ? timer.step : null,
      milestone: timer.kind === 'breach' ? timer.milestone : null,
    })),
  );
  await addHistory(tx, id, {
    kind: 'transition',
    action: 'submit',
    from: 'draft',
    to: 'submitted',
    actor: caller.actor,
    deskId,
    at: now,
  });
  await deps.threads.open(unit, id, caller.actor.userId);
  unit.emit({ type: 'request.submitted', subjectType: 'request', subjectId: id, data: { priority } });
}

function refuseUnlessAllowed(
  input: TransitionInput,
  row: RequestRow,
  relations: Set<Relation>,
  gates: Gates,
) {
  const refusal = refusalOf(input.action, row.status as Status, relations, gates);
  if (refusal?.kind === 'wrong-state') throw conflict('transition_not_allowed', refusal.message);
  if (refusal) throw forbidden('not_your_action', refusal.message);
  const needed = requirementOf(input.action);
  if ((needed === 'reason' || needed === 'conditions') && !input[needed])
    throw badRequest(
      `missing_${needed}`,
      `"${input.action}" needs ${needed === 'reason' ? 'a reason' : 'the conditions'}.`,
      [{ path: `body.${needed}`, message: needed === 'reason' ? 'Say why' : 'State the conditions' }],
    );
}

/** Which actions each field of the body belongs to: a field sent with another action is refused, not ignored. */
const FIELDS_OF: Partial<Record<keyof TransitionInput, readonly Action[]>> = {
  conditions: ['approve-with-conditions', 'draft-answer', 'approve-answer'],
  answer: ['draft-answer', 'approve-answer'],
  placeId: ['hand-over'],
  at: ['hand-over'],
  receivedBy: ['hand-over'],
  condition: ['hand-over'],
};

function refuseStrayFields(input: TransitionInput) {
  const stray = (Object.keys(FIELDS_OF) as (keyof TransitionInput)[]).filter(
    (key) => input[key] !== undefined && !FIELDS_OF[key]?.includes(input.action),
  );
  if (stray.length > 0)
    throw badRequest(
      'field_not_for_action',
      `"${input.action}" does not take ${stray.join(', ')}.`,
      stray.map((key) => ({ path: `body.${key}`, message: `Not part of "${input.action}"` })),
    );
}

/** The desk the caller acts from: the receiving or requesting desk they staff, if any. */
async function actingDesk(
  { db }: RequestCommandDeps,
  caller: Caller,
  row: RequestRow,
  relations: Set<Relation>,
) {
  const mine = new Set(await deskIdsOf(db, caller.actor.userId));
  if (relations.has('receiver') && mine.has(row.receiving_desk_id)) return row.receiving_desk_id;
  if (row.requesting_desk_id && mine.has(row.requesting_desk_id)) return row.requesting_desk_id;
  return null;
}

/** Changes the row, writes the history, tells the requester and pushes the news. */
async function apply(
  deps: RequestCommandDeps,
  unit: Unit,
  caller: Caller,
  row: RequestRow,
  input: Pick<TransitionInput, 'reason' | 'conditions'> & { action: Action },
  deskId: string | null,
): Promise<void> {
  const { tx, now } = unit;
  const from = row.status as Status;
  const to = nextStatus(input.action, from);
  const milestone = milestoneOf(input.action);
  const coSign = input.action === 'co-sign';
  await updateRequest(tx, row.id, {
    status: to,
    updated_at: now,
    next_due_at: nextDue(row, to),
    ...(milestone === 'acknowledged' && { acknowledged_at: now }),
    ...(milestone === 'responded' && { responded_at: now }),
    ...((milestone === 'resolved' || to === 'denied') && { resolved_at: now }),
    ...(input.conditions && { conditions: input.conditions }),
    ...(coSign && { co_signed_at: now, co_signed_by: caller.actor.userId }),
  });
  await addHistory(tx, row.id, {
    kind: 'transition',
    action: input.action,
    from,
    to,
    actor: caller.actor,
    deskId,
    reason: input.reason,
    conditions: input.conditions,
    at: now,
  });
  await recordDelivery(deps, unit, row, input.action, to);
  unit.emit({
    type: 'request.transitioned',
    subjectType: 'request',
    subjectId: row.id,
    data: { action: input.action, status: to },
  });
  // The requester hears of every move the other side (or the coordinator) makes.
  if (row.requested_by !== caller.actor.userId && input.action !== 'cancel')
    await deps.notifications.notify(unit, await deps.queries.visibleAmong(tx, [row.requested_by], row), {
      kind: 'request.transitioned',
      requestId: row.id,
      priority: row.priority as Priority,
      detail: coSign ? 'co-signed' : to,
      at: now,
    });
}

function nextDue(row: RequestRow, status: Status): Date | null {
  const owed = owedMilestone(status);
  if (owed === 'acknowledge') return row.acknowledge_due_at;
  if (owed === 'respond') return row.respond_due_at;
  if (owed === 'resolve') return row.resolve_due_at;
  return null;
}

/**
 * An answer to a request for information, or help delivered (a request
 * completed), is an item on the exchange ledger: from the side that gave it
 * to the side that asked, in the type's category, marked as the request.
 */
async function recordDelivery(
  deps: RequestCommandDeps,
  unit: Unit,
  row: RequestRow,
  action: Action,
  to: Status,
) {
  const type = deps.queries.typeOf(row.type_code);
  const kind = requestExchangeKind(type?.ledger ?? 'completion', action, to);
  if (!kind) return;
  await recordExchange(unit, {
    from_party: row.to_party,
    to_party: row.from_party,
    kind,
    category: categoryOfRequestType(deps.deployment, row.type_code),
    subject_type: 'request',
    subject_id: row.id,
    at: unit.now,
    marking: markingOfRow(row),
  });
}
