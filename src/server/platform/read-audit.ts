import { combineMarkings, type Marking } from '../../core/marking/marking';
import type { Caller } from './caller';
import type { Change } from './change';
import type { DeploymentContext } from './deployment-context';

/**
 * Reads of records marked above the deployment's lowest level are audited
 * (README, "Audit log"): one entry per record read by its id (`record.read`),
 * one per list, page or search (`record.listed`) marked with the combination
 * of what it held, so the entry is seen by exactly those who could see all of
 * it. A read of nothing sensitive writes nothing.
 */
export interface ReadAudit {
  /** One record read by its id, under the marking the reader saw. */
  one(caller: Caller, subject: { type: string; id: string }, marking: Marking): Promise<void>;
  /**
   * Several records read at once. `subject.id` names what holds them (a
   * channel), or is absent for a list across records; `details` says which.
   */
  many(
    caller: Caller,
    subject: { type: string; id?: string | null },
    items: ReadonlyArray<{ id: string | number; marking: Marking }>,
    options?: ManyOptions,
  ): Promise<void>;
}

export interface ManyOptions {
  /** `record.read` when the reader asked for these by their ids (messages by number); default `record.listed`. */
  action?: 'record.read' | 'record.listed';
  /** What the items' ids are called in the entry's details (default `ids`; a channel's messages: `seqs`). */
  key?: string;
}

const LISTED_IDS_KEPT = 200;

export function createReadAudit(change: Change, { scheme, lowest }: DeploymentContext): ReadAudit {
  return {
    async one(caller, subject, marking) {
      if (marking.level === lowest) return;
      await change(caller, 'record.read', async (unit) => unit.audit({ subject, marking }));
    },
    async many(caller, subject, items, { action = 'record.listed', key = 'ids' } = {}) {
      const sensitive = items.filter((item) => item.marking.level !== lowest);
      if (sensitive.length === 0) return;
      await change(caller, action, async (unit) =>
        unit.audit({
          subject,
          marking: combineMarkings(
            scheme,
            sensitive.map((item) => item.marking),
          ),
          details: {
            [key]: sensitive.slice(0, LISTED_IDS_KEPT).map((item) => item.id),
            count: sensitive.length,
          },
        }),
      );
    },
  };
}
