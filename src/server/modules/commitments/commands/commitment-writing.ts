import { addDays, type CommitmentRefusal, REMINDERS } from '../../../../core/commitments/lifecycle';
import { AppError, badRequest, conflict, forbidden } from '../../../../core/errors';
import type { Marking } from '../../../../core/marking/marking';
import { zonedInputToIso } from '../../../../core/zoned-time';
import type { Tx } from '../../../platform/db/database';
import type { GroupView } from '../../working-groups/working-groups.queries';
import type { CommitmentsDeps } from '../commitments.deps';
import { sidesOf } from '../commitments.queries';
import { replaceReminders } from '../commitments.repository';

/** A lifecycle refusal as the problem it answers: 409 for the state, 403 for who, 400 naming a missing field. */
export function problemOf(refusal: CommitmentRefusal): AppError {
  switch (refusal.kind) {
    case 'wrong-state':
      return conflict('commitment_wrong_state', refusal.message);
    case 'not-yours':
      return forbidden('commitment_not_yours', refusal.message);
    case 'own-party':
      return new AppError('forbidden', 'commitment_own_party', refusal.message, {
        issues: [{ path: `body.${refusal.field}`, message: 'The other party confirms delivery' }],
      });
    case 'needs':
      return refusal.field === 'reason'
        ? badRequest('commitment_needs_reason', refusal.message, [
            { path: 'body.reason', message: 'Required to drop' },
          ])
        : badRequest('commitment_needs_evidence', refusal.message, [
            { path: 'body.evidence', message: 'Required to complete' },
          ]);
  }
}

/** Only the group's members raise and change its commitments. */
export const notAMember = () =>
  forbidden('not_a_group_member', "Only the group's members raise and change its commitments.");

/**
 * The owner of a commitment: one of the group's sides (not the coordinator)
 * and a member of the group of that party. Refused naming the field.
 */
export function checkOwner(
  deps: Pick<CommitmentsDeps, 'deployment'>,
  view: GroupView,
  ownerParty: string,
  ownerId: string,
) {
  if (!sidesOf(deps, view.group.parties).includes(ownerParty))
    throw badRequest(
      'owner_party_not_in_group',
      `The owner party must be one of the group's parties: ${sidesOf(deps, view.group.parties).join(', ')}.`,
      [{ path: 'body.ownerParty', message: "Not one of the group's parties" }],
    );
  const owner = view.members.find((member) => member.id === ownerId);
  if (!owner || owner.party !== ownerParty)
    throw badRequest('owner_not_in_party', 'The owner must be a member of the group of the owner party.', [
      { path: 'body.ownerId', message: `Not a member of the group for ${ownerParty}` },
    ]);
}

/**
 * The reminders of a commitment due on `dueOn`: 3 days and 1 day before (at
 * 08:00 on the deployment's clock) while still ahead, and the morning after
 * the due date (overdue) always: one already past fires at the next check.
 */
export async function scheduleReminders(
  deps: Pick<CommitmentsDeps, 'deployment'>,
  tx: Tx,
  commitmentId: string,
  dueOn: string,
  now: Date,
) {
  const zone = deps.deployment.deployment.timeZone;
  const rows = REMINDERS.map((reminder) => ({
    commitment_id: commitmentId,
    kind: reminder.kind,
    due_at: new Date(zonedInputToIso(`${addDays(dueOn, reminder.on)}T08:00`, zone) as string),
  })).filter((row) => row.kind === 'overdue' || row.due_at > now);
  await replaceReminders(tx, commitmentId, rows);
}

/** The audit entry of a change to a commitment, under its marking. */
export const commitmentNote = (id: string, marking: Marking, details: Record<string, unknown>) => ({
  subject: { type: 'commitment', id },
  marking,
  details,
});
