import type { AuditLogRow } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { type Audience, REFERENCES, type Viewer } from '../../platform/events/events';
import type { AuditService } from './audit.service';

/** What reading the audit view takes. */
export interface AuditViewDeps {
  audit: AuditService;
  deployment: DeploymentContext;
  /** Who may see a record, as events about it reach them (platform/events): checks the ids an entry's details name. */
  recordAudience: (subjectType: string, id: string) => Promise<Audience>;
}

/**
 * The audit view: the entries about records the viewer may see (the access
 * rule, in the query), newest first, each with every other record its
 * details name (REFERENCES) withheld unless the viewer may see it too.
 */
export async function auditEntries(
  deps: AuditViewDeps,
  viewer: Viewer,
  filter: Parameters<AuditService['entries']>[2],
): Promise<AuditLogRow[]> {
  const rows = await deps.audit.entries(viewer.actor, deps.deployment.rule, filter);
  return withheldReferences(rows, viewer, deps.recordAudience);
}

/**
 * The entries with every other record their details name (REFERENCES) that
 * the viewer may not see withheld: the id becomes null, so an entry about a
 * request the auditor may read never shows the id of a draft they may not.
 */
async function withheldReferences(
  rows: AuditLogRow[],
  viewer: Viewer,
  recordAudience: AuditViewDeps['recordAudience'],
): Promise<AuditLogRow[]> {
  return Promise.all(
    rows.map(async (row) => {
      const details = row.details as Record<string, unknown> | null;
      if (!details || typeof details !== 'object') return row;
      const withheld: Record<string, null> = {};
      for (const [key, subjectType] of Object.entries(REFERENCES)) {
        const id = details[key];
        if (id === undefined || id === null) continue;
        const visible = typeof id === 'string' && (await recordAudience(subjectType, id))(viewer);
        if (!visible) withheld[key] = null;
      }
      return Object.keys(withheld).length ? { ...row, details: { ...details, ...withheld } } : row;
    }),
  );
}
