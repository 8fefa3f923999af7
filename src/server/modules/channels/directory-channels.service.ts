import type { ChannelKind } from '../../../core/channels/rules';
import type { SyncResult } from '../../../core/channels/schemas';
import { forbidden } from '../../../core/errors';
import { DIRECTORY_KEEPER_ROLES, holdsAny } from '../../../core/identity/roles';
import type { Marking } from '../../../core/marking/marking';
import { actorsOf } from '../../platform/actors';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import { markingOfRow, markingToColumns } from '../../platform/marked-records';
import { coordinatorParties } from '../../platform/parties';
import type { ChannelsService } from './channels.service';

/**
 * Channels made from the directory rather than by hand: the standing channel
 * of each pair of counterpart desks, the hotline between the coordinator
 * and each party's leadership, and the channel of each working group. Each has a key (`directory_key`), so running
 * a sync again opens only what is missing and adds only who joined.
 */
export class DirectoryChannels {
  constructor(
    private readonly db: Db,
    private readonly channels: ChannelsService,
    private readonly change: Change,
  ) {}

  /**
   * One standing channel per pair of counterpart desks, with the people who
   * staff either desk. The audience is the two parties and the coordinator,
   * at the lowest level. For administrators and coordinators; run again, it
   * opens what is missing and adds whoever joined since (removing nobody).
   */
  async syncStanding(caller: Caller): Promise<SyncResult> {
    this.refuseUnlessDirectoryKeeper(caller);
    const coordinators = await coordinatorParties(this.db);
    const result: SyncResult = { created: 0, membersAdded: 0 };
    for (const pair of await this.channels.repo.deskPairs())
      await this.ensureDirectoryChannel(caller, result, {
        key: `desks:${pair.a_id}:${pair.b_id}`,
        kind: 'standing',
        name: `${pair.a_name} ↔ ${pair.b_name}`,
        parties: [pair.a_party, pair.b_party, ...coordinators],
        userIds: await this.channels.repo.deskMemberIds([pair.a_id, pair.b_id]),
      });
    return result;
  }

  /**
   * One hotline per party between the coordinator and the party's
   * leadership: its supervisors and the coordinator's coordinators. Same
   * rules as `syncStanding`.
   */
  async syncHotlines(caller: Caller): Promise<SyncResult> {
    this.refuseUnlessDirectoryKeeper(caller);
    const coordinators = await coordinatorParties(this.db);
    const coordinatorPeople = await this.channels.repo.usersWithRole(coordinators, 'coordinator');
    const result: SyncResult = { created: 0, membersAdded: 0 };
    for (const party of await this.channels.repo.parties())
      await this.ensureDirectoryChannel(caller, result, {
        key: `hotline:${party.code}`,
        kind: 'hotline',
        name: `Hotline: ${coordinators.join(', ')} ↔ ${party.name_en}`,
        parties: [party.code, ...coordinators],
        userIds: [
          ...coordinatorPeople,
          ...(await this.channels.repo.usersWithRole([party.code], 'supervisor')),
        ],
      });
    return result;
  }

  /**
   * One channel per working group of the directory, with the group's
   * members, for the group's parties and the coordinator at the lowest
   * level. Same rules as `syncStanding`.
   */
  async syncWorkingGroups(caller: Caller): Promise<SyncResult> {
    this.refuseUnlessDirectoryKeeper(caller);
    const coordinators = await coordinatorParties(this.db);
    const result: SyncResult = { created: 0, membersAdded: 0 };
    for (const group of await this.channels.repo.workingGroups())
      await this.ensureDirectoryChannel(caller, result, {
        key: `group:${group.id}`,
        kind: 'working_group',
        name: group.name_en,
        parties: [...group.parties, ...coordinators],
        userIds: group.member_ids,
      });
    return result;
  }

  private refuseUnlessDirectoryKeeper(caller: Caller) {
    if (!holdsAny(caller.roles, DIRECTORY_KEEPER_ROLES))
      throw forbidden(
        'may_not_sync',
        'Administrators and coordinators open the channels made from the directory.',
      );
  }

  /** Opens the channel of `key` if it does not exist, and adds those of `userIds` cleared for it who are missing. */
  private async ensureDirectoryChannel(
    caller: Caller,
    result: SyncResult,
    spec: { key: string; kind: ChannelKind; name: string; parties: string[]; userIds: string[] },
  ) {
    const marking: Marking = {
      level: this.channels.deployment.lowest,
      caveats: [],
      relTo: null,
      parties: [...new Set(spec.parties)].sort(),
      groups: [],
    };
    const cleared = (await actorsOf(this.db, spec.userIds))
      .filter((actor) => this.channels.deployment.rule.canSee(actor, marking))
      .map((actor) => actor.userId);
    // Counted once the change commits: a unit that runs again after a deadlock must not count twice.
    const done = await this.change(caller, 'channel.members-synced', async ({ tx, now, audit, emit }) => {
      const existing = await this.channels.repo.channelOfDirectoryKey(tx, spec.key);
      const id =
        existing?.id ??
        (
          await this.channels.repo.insertChannel(tx, {
            kind: spec.kind,
            name: spec.name,
            directory_key: spec.key,
            created_by: caller.actor.userId,
            created_at: now,
            ...markingToColumns(marking),
          })
        ).id;
      const present = new Set(existing ? await this.channels.repo.memberIds(id, tx) : []);
      const joining = cleared.filter((userId) => !present.has(userId));
      if (existing && joining.length === 0) return { created: false, added: 0 };
      await this.channels.repo.addMembers(tx, id, joining, caller.actor.userId, now);
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
    if (done.created) result.created += 1;
    result.membersAdded += done.added;
  }
}
