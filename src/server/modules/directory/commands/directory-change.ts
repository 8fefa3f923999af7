import { AppError, conflict, notFound } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import type { Change, Unit } from '../../../platform/change';
import type { Db } from '../../../platform/db/database';
import type { DeploymentContext } from '../../../platform/deployment-context';
import { mayAdministerDirectory } from '../directory.policy';
import { type EntryTable, findEntry, listPartyCodes } from '../places.repository';

/** What every directory command needs: the database for its checks, the envelope, the deployment. */
export interface DirectoryCommandDeps {
  db: Db;
  change: Change;
  deployment: DeploymentContext;
}

/** What a directory change is about, for the audit log: a row of one of these tables, by id or (parties) code. */
export interface AuditedSubject {
  type: 'party' | 'unit' | 'district' | 'desk' | 'group' | 'user';
  table: EntryTable;
  id?: string;
  code?: string;
}

type Snapshot = Record<string, unknown> & { code?: string; username?: string };

async function snapshot(unit: Unit, table: EntryTable, key: { id: string } | { code: string } | null) {
  if (!key) return undefined;
  if (table === 'users' && 'code' in key) return undefined;
  const [column, value] = 'id' in key ? (['id', key.id] as const) : (['code', key.code] as const);
  return (await findEntry(unit.tx, table, column, value)) as Snapshot | undefined;
}

/**
 * Runs one directory change through the envelope, with the row before and
 * after for the audit entry, and integrity errors turned into answers a
 * person can act on: a taken code (409 code_taken), an entry still in use
 * (409 in_use). `work` returns the id of the entry it changed. Only
 * administrators keep the directory: their routes already hide themselves from
 * anyone else, and the change refuses them the same way (404).
 */
export function directoryChange(
  { change, deployment }: DirectoryCommandDeps,
  caller: Caller,
  subject: AuditedSubject,
  verb: 'created' | 'updated' | 'deleted',
  work: (unit: Unit) => Promise<string>,
): Promise<string> {
  if (!mayAdministerDirectory(caller)) return Promise.reject(notFound('not_found', 'Not found.'));
  const noun = subject.type;
  return change(
    caller,
    `${subject.type}.${verb}`,
    async (unit) => {
      const key = subject.id ? { id: subject.id } : subject.code ? { code: subject.code } : null;
      const before = await snapshot(unit, subject.table, key);
      const id = await work(unit);
      const after = verb === 'deleted' ? undefined : await snapshot(unit, subject.table, { id });
      // Directory entries are open to every party, so their audit entries are too.
      unit.audit({
        subject: { type: subject.type, id },
        before,
        after,
        details: { code: (after ?? before)?.code ?? (after ?? before)?.username ?? null },
        marking: { level: deployment.lowest, parties: await listPartyCodes(unit.tx) },
      });
      return id;
    },
    {
      onConstraint: (violation) => {
        if (violation.kind === 'unique') {
          const message = `Another ${noun} already has this code (codes are compared without regard to case).`;
          return new AppError('conflict', 'code_taken', message, {
            issues: [{ path: 'body.code', message }],
          });
        }
        if (violation.kind === 'foreign_key')
          return conflict(
            'in_use',
            `This ${noun} is still in use (by units, desks, people or records); move those first.`,
          );
        return null;
      },
    },
  );
}

/** Leaves out the fields a change does not set. */
export const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
