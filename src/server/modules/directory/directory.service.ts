import type { Actor } from '../../../core/access/access-rule';
import type { Clock } from '../../../core/clock';
import { type PlaceKind, placeMatcher } from '../../../core/directory/places';
import { notFound } from '../../../core/errors';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import { type DeskViewer, maySeeGroup, maySeePerson } from './directory.policy';
import { DirectoryRepository } from './directory.repository';

/**
 * Reads of the directory: parties, units, gazetteer, desks, groups and people,
 * open to every signed-in user (finding the counterpart desk is the point).
 * The writes are commands, one per file under commands/, for administrators.
 */
export class DirectoryService {
  private readonly repo: DirectoryRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.repo = new DirectoryRepository(db);
  }

  async actorOf(userId: string): Promise<Actor> {
    const [actor] = await actorsOf(this.db, [userId]);
    if (!actor) throw notFound('user_not_found', 'There is no such user.');
    return actor;
  }

  parties = () => this.repo.listParties();
  units = () => this.repo.listUnits();
  /** The gazetteer, or the places of one kind, or those a name in any language or an alias finds. */
  async districts(filter: { kind?: PlaceKind; q?: string } = {}) {
    const places = await this.repo.listDistricts(filter.kind);
    if (!filter.q) return places;
    const matches = placeMatcher(filter.q);
    return places.filter((place) =>
      matches([place.code, place.name_en, place.name_ar, place.name_he, ...place.aliases]),
    );
  }
  desks = () => this.repo.listDesks(this.clock.now());

  /** The people the caller may see, and which of them are on duty now. */
  async people(caller: Caller) {
    const onDuty = new Set(
      (await this.desks()).flatMap((desk) => desk.on_duty.map((shift) => shift.user_id)),
    );
    const people = (await this.repo.listPeople()).filter((person) => maySeePerson(caller, person));
    return { people, onDuty };
  }

  /** How the presenter needs to know the caller to state their allowed actions at desks. */
  async deskViewer(caller: Caller): Promise<DeskViewer> {
    return {
      party: caller.actor.party,
      roles: caller.roles,
      deskIds: await this.repo.deskIdsOf(caller.actor.userId),
    };
  }

  async desk(id: string) {
    const [desk] = await this.repo.listDesks(this.clock.now(), { id });
    if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
    return desk;
  }

  /** Working groups are public; a need-to-know group shows only to its members (and administrators). */
  async groups(caller: Caller) {
    const viewer = { userId: caller.actor.userId, roles: caller.roles };
    return (await this.repo.listGroups()).filter((group) => maySeeGroup(viewer, group));
  }
}
