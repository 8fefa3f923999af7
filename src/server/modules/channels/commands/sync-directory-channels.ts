import type { ChannelKind } from '../../../../core/channels/rules';
import type { SyncResult } from '../../../../core/channels/schemas';
import { forbidden } from '../../../../core/errors';
import type { Marking } from '../../../../core/marking/marking';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import { coordinatorParties } from '../../../platform/parties.repository';
import {
  counterpartDeskPairs,
  partiesProper,
  staffOfDesks,
  usersWithRole,
  workingGroupsWithMembers,
} from '../../directory/directory-lookups.repository';
import type { ChannelsContext } from '../channels.context';

/**
 * Channels made from the directory rather than by hand: the standing channel
 * of each pair of counterpart desks, the hotline between the coordinator
 * and each party's leadership, and the channel of each working group. Each
 * has a key (`directory_key`), so running a sync again opens only what is
 * missing and adds only who joined (removing nobody). For administrators and
 * coordinators. Each channel is one change of its own.
 */
type Deps = Pick<ChannelsContext, 'db' | 'deployment' | 'change' | 'channels' | 'members'>;

interface DirectoryChannelSpec {
  key: string;
  kind: ChannelKind;
  name: string;
  parties: string[];
  userIds: string[];
}

/** One standing channel per pair of counterpart desks, with the people who staff either desk. */
export async function syncStandingChannels(deps: Deps, caller: Caller): Promise<SyncResult> {
  refuseUnlessDirectoryKeeper(caller);
  const coordinators = await coordinatorParties(deps.db);
  const specs: DirectoryChannelSpec[] = [];
  for (const pair of await counterpartDeskPairs(deps.db))
    specs.push({
      key: `desks:${pair.a_id}:${pair.b_id}`,
      kind: 'standing',
      name: `${pair.a_name} ↔ ${pair.b_name}`,
      parties: [pair.a_party, pair.b_party, ...coordinators],
      userIds: await staffOfDesks(deps.db, [pair.a_id, pair.b_id]),
    });
  return ensureAll(deps, caller, specs);
}

/** One hotline per party: its supervisors and the coordinator's coordinators. */
export async function syncHotlines(deps: Deps, caller: Caller): Promise<SyncResult> {
  refuseUnlessDirectoryKeeper(caller);
  const coordinators = await coordinatorParties(deps.db);
  const coordinatorPeople = await usersWithRole(deps.db, coordinators, 'coordinator');
  const specs: DirectoryChannelSpec[] = [];
  for (const party of await partiesProper(deps.db))
    specs.push({
      key: `hotline:${party.code}`,
      kind: 'hotline',
      name: `Hotline: ${coordinators.join(', ')} ↔ ${party.name_en}`,
      parties: [party.code, ...coordinators],
      userIds: [...coordinatorPeople, ...(await usersWithRole(deps.db, [party.code], 'supervisor'))],
    });
  return ensureAll(deps, caller, specs);
}

/** One channel per working group of the directory, with the group's members. */
export async function syncWorkingGroupChannels(deps: Deps, caller: Caller): Promise<SyncResult> {
  refuseUnlessDirectoryKeeper(caller);
  const coordinators = await coordinatorParties(deps.db);
  const specs = (await workingGroupsWithMembers(deps.db)).map(
    (group): DirectoryChannelSpec => ({
      key: `group:${group.id}`,
      kind: 'working_group',
      name: group.name_en,
      parties: [...group.parties, ...coordinators],
      userIds: group.member_ids,
    }),
  );
  return ensureAll(deps, caller, specs);
}

function refuseUnlessDirectoryKeeper(caller: Caller) {
  if (!caller.roles.includes('administrator') && !caller.roles.includes('coordinator'))
    throw forbidden(
      'may_not_sync',
      'Administrators and coordinators open the channels made from the directory.',
    );
}

async function ensureAll(deps: Deps, caller: Caller, specs: DirectoryChannelSpec[]): Promise<SyncResult> {
  const result: SyncResult = { created: 0, membersAdded: 0 };
  for (const spec of specs) {
    const done = await ensureDirectoryChannel(deps, caller, spec);
    if (done.created) result.created += 1;
    result.membersAdded += done.added;
  }
  return result;
}

/** Opens the channel of `key` if it does not exist, and adds those of `userIds` cleared for it who are missing. */
async function ensureDirectoryChannel(deps: Deps, caller: Caller, spec: DirectoryChannelSpec) {
  const marking: Marking = {
    level: deps.deployment.lowest,
    caveats: [],
    relTo: null,
    parties: [...new Set(spec.parties)].sort(),
    groups: [],
  };
  const cleared = (await actorsOf(deps.db, spec.userIds))
    .filter((actor) => deps.deployment.rule.canSee(actor, marking))
    .map((actor) => actor.userId);
  // Counted once the change commits: a unit that runs again after a deadlock must not count twice.
  return deps.change(caller, 'channel.members-synced', async ({ tx, now, audit, emit }) => {
    const existing = await deps.channels.channelOfDirectoryKey(tx, spec.key);
    const id =
      existing?.id ??
      (
        await deps.channels.insertChannel(tx, {
          kind: spec.kind,
          name: spec.name,
          directory_key: spec.key,
          created_by: caller.actor.userId,
          created_at: now,
          ...markingToColumns(marking),
        })
      ).id;
    const present = new Set(existing ? await deps.members.memberIds(id, tx) : []);
    const joining = cleared.filter((userId) => !present.has(userId));
    if (existing && joining.length === 0) return { created: false, added: 0 };
    await deps.members.addMembers(tx, id, joining, caller.actor.userId, now);
    audit({
      action: existing ? 'channel.members-synced' : 'channel.created',
      subject: { type: 'channel', id },
      after: { kind: spec.kind, directoryKey: spec.key, memberIds: joining },
      details: { kind: spec.kind, directoryKey: spec.key, members: joining.length },
      marking: existing ? markingOfRow(existing) : marking,
    });
    emit(
      ...joining.map((userId) => ({
        type: 'channel.member_added',
        subjectType: 'channel',
        subjectId: id,
        data: { userId },
      })),
    );
    return { created: !existing, added: joining.length };
  });
}
