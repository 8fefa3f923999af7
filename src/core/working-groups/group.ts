import type { Marking } from '../marking/marking';

/**
 * A working group as a workspace (issue 16): joint people of the parties and
 * the coordinator around one subject. Everything filed to it (meetings,
 * minutes, commitments) is marked for its parties and its need-to-know group,
 * so the access rule keeps it among members; chairs (one per party) and the
 * coordinator's secretary lead it.
 */

export type GroupOffice = 'chair' | 'secretary';

/** What the rules read of a group. */
export interface GroupFacts {
  code: string;
  parties: readonly string[];
  /** The level its records are marked at least; null for the scheme's lowest. */
  level: string | null;
}

/** The marking of the group itself and the least one of what is filed to it: its parties, its members. */
export function groupMarking(group: GroupFacts, lowest: string): Marking {
  return {
    level: group.level ?? lowest,
    caveats: [],
    relTo: null,
    parties: [...group.parties],
    groups: [group.code],
  };
}

/** How a user stands in a group: their office, if any, and their party. */
export interface Standing {
  office: GroupOffice | null;
  party: string | null;
  member: boolean;
}

/**
 * Who may add or remove a member: the secretary anyone of the group's
 * parties; a chair the people of their own party. Null when allowed,
 * otherwise why not.
 */
export function membershipRefusal(
  standing: Standing,
  group: GroupFacts,
  memberParty: string | null,
): 'not_a_lead' | 'other_party' | 'party_not_in_group' | null {
  if (!standing.member || standing.office === null) return 'not_a_lead';
  if (memberParty === null || !group.parties.includes(memberParty)) return 'party_not_in_group';
  if (standing.office === 'chair' && memberParty !== standing.party) return 'other_party';
  return null;
}

/** Chairs and the secretary schedule the group's meetings and manage it. */
export const leads = (standing: Standing) => standing.member && standing.office !== null;
