import type { Change } from '../../../platform/change';
import type { Db } from '../../../platform/db/database';
import type { DeploymentContext } from '../../../platform/deployment-context';
import type { RequestThreads } from '../../channels/request-threads.service';
import type { NotificationsService } from '../../notifications/notifications.service';
import type { RequestsQueries } from '../requests.queries';

/** What the requests module's commands work with, given explicitly (app.ts builds it once). */
export interface RequestCommandDeps {
  db: Db;
  deployment: DeploymentContext;
  /** The envelope every write runs through. */
  change: Change;
  /** The reads the commands share with the routes: find, relations, visibility. */
  queries: RequestsQueries;
  notifications: Pick<NotificationsService, 'notify'>;
  /** The channels module's threads of requests, through their public methods. */
  threads: Pick<RequestThreads, 'open' | 'post' | 'messageId'>;
}
