import {
  type CommitmentStatus,
  commitmentRefusal,
  missingRequirement,
  nextCommitmentStatus,
} from '../../../../core/commitments/lifecycle';
import type { CommitmentTransition } from '../../../../core/commitments/schemas';
import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import { markingOfRow } from '../../../platform/marked-records';
import { categoryOfGroup } from '../../exchanges/categories';
import { recordExchange } from '../../exchanges/record-exchange';
import { type CommitmentsDeps, commitmentEvent } from '../commitments.deps';
import {
  type CommitmentRow,
  sidesOf,
  standingToCommitment,
  visibleAmong,
  visibleCommitment,
} from '../commitments.queries';
import { filesOf, updateCommitment } from '../commitments.repository';
import { commitmentNote, problemOf, scheduleReminders } from './commitment-writing';

/**
 * Moves a commitment through its lifecycle (src/core/commitments/lifecycle.ts):
 * start, complete (with evidence: the other side hears it waits for their
 * confirmation), confirm (by the other side: the delivery is recorded as an
 * information exchange from the owner party to theirs, in the same
 * transaction), reopen, drop (with a reason).
 */
export async function transitionCommitment(
  deps: CommitmentsDeps,
  caller: Caller,
  id: string,
  input: CommitmentTransition,
) {
  const evidenceGiven = Boolean(input.evidence?.text || input.evidence?.link);
  // Someone who may not see the commitment learns nothing else first: the 404 of a missing one.
  await visibleCommitment(deps, caller, id);
  // The linked record must be one the completer may read: checked before the change, through its module's rule.
  if (input.action === 'complete' && input.evidence?.link) {
    const { kind, id: linkedId } = input.evidence.link;
    const found = deps.linkables ? await deps.linkables[kind](caller, linkedId) : null;
    if (!found)
      throw badRequest('evidence_link_not_found', `There is no such ${kind} you may read.`, [
        { path: 'body.evidence.link.id', message: `No such ${kind}` },
      ]);
  }
  await deps.change(caller, `commitment.${input.action}`, async (unit) => {
    const { tx, now, audit, emit } = unit;
    const row = await visibleCommitment(deps, caller, id, tx);
    const { view, relations } = await standingToCommitment(deps, caller, row, tx);
    const status = row.status as CommitmentStatus;
    const refusal =
      commitmentRefusal(input.action, { status, confirmed: row.confirmed_at !== null }, relations) ??
      missingRequirement(input.action, {
        reason: input.reason,
        // A file added to the commitment beforehand is evidence too.
        evidence: evidenceGiven || (input.action === 'complete' && (await filesOf(tx, id)).length > 0),
      });
    if (refusal) throw problemOf(refusal);
    const to = nextCommitmentStatus(input.action, status);
    switch (input.action) {
      case 'start':
        await updateCommitment(tx, id, { status: to, updated_at: now });
        break;
      case 'complete':
        await updateCommitment(tx, id, {
          status: to,
          evidence_text: input.evidence?.text || null,
          evidence_kind: input.evidence?.link?.kind ?? null,
          evidence_id: input.evidence?.link?.id ?? null,
          completed_by: caller.actor.userId,
          completed_at: now,
          updated_at: now,
        });
        await askConfirmation(deps, unit, row, sidesOf(deps, view.group.parties), view.members);
        break;
      case 'confirm':
        await updateCommitment(tx, id, {
          confirmed_by: caller.actor.userId,
          confirmed_at: now,
          updated_at: now,
        });
        // A delivery confirmed is an item on the ledger, in the group's category.
        await recordExchange(unit, {
          from_party: row.owner_party,
          to_party: caller.actor.party as string,
          kind: 'commitment',
          category: categoryOfGroup(deps.deployment, view.group.code),
          subject_type: 'commitment',
          subject_id: id,
          at: now,
          marking: markingOfRow(row),
        });
        break;
      case 'reopen':
        await updateCommitment(tx, id, {
          status: to,
          drop_reason: null,
          completed_at: null,
          completed_by: null,
          updated_at: now,
        });
        await scheduleReminders(deps, tx, id, row.due_on, now);
        break;
      case 'drop':
        await updateCommitment(tx, id, { status: to, drop_reason: input.reason ?? null, updated_at: now });
        break;
    }
    audit(commitmentNote(id, markingOfRow(row), { action: input.action, from: status, to }));
    emit(commitmentEvent('commitment.transitioned', id, { action: input.action, status: to }));
  });
}

/** The other side's members who may see the commitment hear that a delivery waits for their confirmation. */
async function askConfirmation(
  deps: CommitmentsDeps,
  unit: Unit,
  row: CommitmentRow,
  sides: readonly string[],
  members: readonly { id: string; party: string | null }[],
) {
  if (!deps.notifier) return;
  const others = members
    .filter(
      (member) => member.party !== null && member.party !== row.owner_party && sides.includes(member.party),
    )
    .map((member) => member.id);
  const recipients = await visibleAmong(deps, unit.tx, others, row);
  await deps.notifier.notifyAboutCommitment(unit, recipients, {
    kind: 'commitment.completed',
    commitmentId: row.id,
    at: unit.now,
  });
}
