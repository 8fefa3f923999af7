import type { Clock } from '../../../../core/clock';
import type { Change } from '../../../platform/change';
import type { Db } from '../../../platform/db/database';
import type { DeploymentContext } from '../../../platform/deployment-context';
import type { Linkables } from '../../../platform/links';
import type { ChannelsModule } from '../../channels/channels.module';
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
  /** The channels module's crisis rooms, for an incident's room opened in one step. */
  rooms: Pick<ChannelsModule, 'openCrisisRoom'>;
  /** What a request may be linked to, each kind found through its own module's read rule. */
  linkables: Linkables;
  /** The time reads go by (statistics' "this year"); writes take theirs from the change. */
  clock: Clock;
}
