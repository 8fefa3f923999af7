import type { Clock } from '../../../../core/clock';
import type { Change } from '../../../platform/change';
import type { Db } from '../../../platform/db/database';
import { actorOf } from '../../audit/audit.service';
import type { IdentitySettings } from '../identity.queries';
import { IdentityRepository, type UserWithParty } from '../identity.repository';

/** What every identity command needs, passed explicitly. */
export interface IdentityDeps {
  db: Db;
  clock: Clock;
  settings: IdentitySettings;
  change: Change;
  /** The repository on the pool, for the checks a command makes before its change. */
  repo: IdentityRepository;
}

/** An account event for the audit log: what happened to whose account, done by whom, from where. */
export interface AccountEvent {
  action: string;
  subject: { id: string; party_id: string | null };
  /** Who did it; defaults to the subject (people act on their own accounts); null for the system. */
  actor?: UserWithParty | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Runs an account change through the change envelope: its audit entry is
 * seen by the account's own party and by the coordinator, and names who did
 * it (by default the account's owner: people act on their own accounts).
 * `work` gets the repository on the change's transaction and the time of the change.
 */
export function accountChange<T>(
  deps: Pick<IdentityDeps, 'change' | 'settings'>,
  event: AccountEvent,
  work: (repo: IdentityRepository, now: Date) => Promise<T>,
): Promise<T> {
  return deps.change(null, event.action, async (unit) => {
    const repo = new IdentityRepository(unit.tx);
    const result = await work(repo, unit.now);
    const actor = event.actor === undefined ? await repo.findUserById(event.subject.id) : event.actor;
    unit.audit({
      subject: { type: 'user', id: event.subject.id },
      actor: actor ? actorOf(actor) : null,
      ip: event.ip ?? null,
      ...(event.details ? { details: event.details } : {}),
      marking: {
        level: deps.settings.lowestLevel,
        parties: await repo.partiesSeeingAccount(event.subject.party_id),
      },
    });
    return result;
  });
}

/**
 * A write to account data that is not an account event (a sign-in throttle's
 * counter, the step of a code just used, an enrolment begun): it runs in the
 * envelope's transaction and leaves no audit entry, as before.
 */
export function unauditedChange<T>(
  deps: Pick<IdentityDeps, 'change'>,
  name: string,
  work: (repo: IdentityRepository, now: Date) => Promise<T>,
): Promise<T> {
  return deps.change(null, name, (unit) => work(new IdentityRepository(unit.tx), unit.now));
}
