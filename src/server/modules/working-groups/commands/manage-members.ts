import { badRequest, forbidden } from '../../../../core/errors';
import { membershipRefusal } from '../../../../core/working-groups/group';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import type { WorkingGroupsDeps } from '../working-groups.deps';
import { findGroup, markingOfGroup, standingOf } from '../working-groups.queries';
import { addMember, removeMember } from '../working-groups.repository';

/** Each refusal of the membership rule as the problem it answers. */
const REFUSALS = {
  not_a_lead: () => forbidden('not_a_lead', "Only the group's chairs and secretary manage its members."),
  other_party: () =>
    forbidden(
      'other_party',
      "A chair adds and removes the people of their own party; the secretary anyone's.",
    ),
  party_not_in_group: () =>
    badRequest('party_not_in_group', "That person's party is not one of the group's.", [
      { path: 'body.userId', message: "Not of the group's parties" },
    ]),
} as const;

/**
 * Adds a member to a working group, or removes one: the secretary anyone of
 * the group's parties, a chair the people of their own party. The directory's
 * group membership is what changes, so every rule that reads it follows.
 */
export async function changeMembership(
  deps: WorkingGroupsDeps,
  caller: Caller,
  groupId: string,
  userId: string,
  change: 'add' | 'remove',
): Promise<void> {
  const view = await findGroup(deps, caller, groupId);
  const [person] = await actorsOf(deps.db, [userId]);
  if (!person)
    throw badRequest('unknown_user', 'There is no such user.', [
      { path: 'body.userId', message: 'No such user' },
    ]);
  const refusal = membershipRefusal(standingOf(caller, view), view.group, person.party);
  if (refusal) throw REFUSALS[refusal]();
  await deps.change(
    caller,
    change === 'add' ? 'working-group.member-added' : 'working-group.member-removed',
    async ({ tx, audit }) => {
      if (change === 'add') await addMember(tx, groupId, userId);
      else await removeMember(tx, groupId, userId);
      audit({
        subject: { type: 'working-group', id: groupId },
        details: { change, userId },
        marking: markingOfGroup(deps, view.group),
      });
    },
  );
}
