import { notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import { type GroupFacts, groupMarking, type Standing } from '../../../core/working-groups/group';
import type { Caller } from '../../platform/caller';
import type { WorkingGroupsDeps } from './working-groups.deps';
import {
  channelOfGroup,
  type GroupRow,
  type MemberRow,
  membersOf,
  workingGroups,
} from './working-groups.repository';

/** A working group as the reads assemble it: the row, its members, its marking. */
export interface GroupView {
  group: GroupRow;
  members: MemberRow[];
  marking: Marking;
}

const factsOf = (group: GroupRow): GroupFacts => ({
  code: group.code,
  parties: group.parties,
  level: group.level,
});

/** The group's marking: its parties and its members (the need-to-know group), at its level. */
export const markingOfGroup = (deps: Pick<WorkingGroupsDeps, 'deployment'>, group: GroupRow) =>
  groupMarking(factsOf(group), deps.deployment.lowest);

/** How the caller stands in the group: member, office, party. */
export function standingOf(caller: Caller, view: Pick<GroupView, 'members'>): Standing {
  const me = view.members.find((member) => member.id === caller.actor.userId);
  return {
    member: me !== undefined,
    office: (me?.office as Standing['office']) ?? null,
    party: caller.actor.party,
  };
}

/**
 * The working groups the caller may see: those whose marking the access rule
 * lets them read, which takes membership (the need-to-know group). Someone
 * outside a group learns nothing of it here.
 */
export async function listGroups(deps: WorkingGroupsDeps, caller: Caller): Promise<GroupView[]> {
  const groups = (await workingGroups(deps.db)).filter((group) =>
    deps.deployment.rule.canSee(caller.actor, markingOfGroup(deps, group)),
  );
  const members = await membersOf(
    deps.db,
    groups.map((group) => group.id),
  );
  return groups.map((group) => ({
    group,
    members: members.filter((member) => member.group_id === group.id),
    marking: markingOfGroup(deps, group),
  }));
}

/** One working group the caller may see, or 404 exactly as for one that does not exist. */
export async function findGroup(deps: WorkingGroupsDeps, caller: Caller, id: string): Promise<GroupView> {
  const [group] = await workingGroups(deps.db, id);
  if (!group || !deps.deployment.rule.canSee(caller.actor, markingOfGroup(deps, group)))
    throw notFound('working_group_not_found', 'There is no such working group.');
  return { group, members: await membersOf(deps.db, [id]), marking: markingOfGroup(deps, group) };
}

export async function groupDetail(deps: WorkingGroupsDeps, caller: Caller, id: string) {
  const view = await findGroup(deps, caller, id);
  return { ...view, channelId: await channelOfGroup(deps.db, id), standing: standingOf(caller, view) };
}
