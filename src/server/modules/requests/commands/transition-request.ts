import { badRequest, conflict, forbidden } from '../../../../core/errors';
import {
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
import { markingOfRow } from '../../../platform/marked-records';
import { deskIdsOf } from '../../directory/directory-lookups.repository';
import {
  addHistory,
  insertDeadlines,
  lockRequest,
  type RequestRow,
  updateRequest,
} from '../requests.repository';
import { checkFields } from './checks';
import type { RequestCommandDeps } from './deps';

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
  refuseUnlessAllowed(deps, input, row, relations);
  const type = queries.requireType(row.type_code);
  if (input.action === 'submit') checkFields(type, row.fields, false);
  const deskId = await actingDesk(deps, caller, row, relations);
  await deps.change(caller, 'request.transitioned', async (unit) => {
    const locked = await lockRequest(unit.tx, id);
    if (locked.status !== row.status || (locked.co_signed_at === null) !== (row.co_signed_at === null))
      throw conflict(
        'request_changed',
        `The request changed meanwhile (it is now ${locked.status}); look again.`,
      );
    if (input.action === 'submit')
      await submitRequest(deps, unit, caller, row.id, type, row.priority as Priority, deskId);
    else await apply(deps, unit, caller, row, input, deskId);
    unit.audit({
      subject: { type: 'request', id },
      before: { status: row.status },
      after: {
        status: nextStatus(input.action, row.status as Status),
        reason: input.reason,
        conditions: input.conditions,
      },
      details: { action: input.action },
      marking: trailMarking(markingOfRow(row), {
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
  { queries }: RequestCommandDeps,
  input: TransitionInput,
  row: RequestRow,
  relations: Set<Relation>,
) {
  const refusal = refusalOf(input.action, row.status as Status, relations, queries.coSignatureOf(row));
  if (refusal?.kind === 'wrong-state') throw conflict('transition_not_allowed', refusal.message);
  if (refusal) throw forbidden('not_your_action', refusal.message);
  const needed = requirementOf(input.action);
  if (needed && !input[needed])
    throw badRequest(
      `missing_${needed}`,
      `"${input.action}" needs ${needed === 'reason' ? 'a reason' : 'the conditions'}.`,
      [{ path: `body.${needed}`, message: needed === 'reason' ? 'Say why' : 'State the conditions' }],
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
  input: TransitionInput,
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
