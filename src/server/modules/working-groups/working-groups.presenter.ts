import type { ClassificationScheme } from '../../../core/marking/scheme';
import { leads, type Standing } from '../../../core/working-groups/group';
import type {
  GroupMember,
  WorkingGroupDetail,
  WorkingGroupSummary,
} from '../../../core/working-groups/schemas';
import { presentMarking } from '../../platform/marked-records';
import type { GroupView } from './working-groups.queries';
import type { MemberRow } from './working-groups.repository';

const presentMember = (member: MemberRow): GroupMember => ({
  id: member.id,
  displayName: member.display_name,
  username: member.username,
  party: member.party,
  office: (member.office as GroupMember['office']) ?? null,
});

export function presentGroupSummary(scheme: ClassificationScheme, view: GroupView): WorkingGroupSummary {
  const { group, members } = view;
  const secretary = members.find((member) => member.office === 'secretary');
  return {
    id: group.id,
    code: group.code,
    names: { en: group.name_en, ar: group.name_ar, he: group.name_he },
    scope: group.scope,
    parties: group.parties,
    memberCount: members.length,
    // In the order the group lists its parties.
    chairs: members
      .filter((member) => member.office === 'chair')
      .sort((a, b) => group.parties.indexOf(a.party ?? '') - group.parties.indexOf(b.party ?? ''))
      .map(presentMember),
    secretary: secretary ? presentMember(secretary) : null,
    marking: presentMarking(scheme, view.marking),
  };
}

/** The group as the caller sees it, with what they may do now. */
export function presentGroupDetail(
  scheme: ClassificationScheme,
  detail: GroupView & { channelId: string | null; standing: Standing },
): WorkingGroupDetail {
  return {
    ...presentGroupSummary(scheme, detail),
    members: detail.members.map(presentMember),
    channelId: detail.channelId,
    actions: { manageMembers: leads(detail.standing), scheduleMeetings: leads(detail.standing) },
  };
}
