import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';

/**
 * What the working-groups module's commands and queries run with: the
 * database, the envelope for writes, the deployment (scheme, access rule).
 * Meetings, minutes and commitments add theirs as they come (issue 16).
 */
export interface WorkingGroupsDeps {
  db: Db;
  deployment: DeploymentContext;
  change: Change;
}
