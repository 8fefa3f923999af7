import type { AccessRule, Actor } from '../../../core/access/access-rule';
import { OPEN_STATUSES } from '../../../core/requests/lifecycle';
import { requestVisibility } from '../../../core/requests/visibility';
import type { Db } from '../../platform/db/database';

/** At most this many requests on the map; the newest first. The request list pages through the rest. */
export const MAP_REQUEST_LIMIT = 500;

/**
 * The open requests `actor` may see, with the place each is about. The
 * request visibility rule (access rule and draft rule) is applied in SQL, so a
 * request the reader may not see never leaves the database, not even as a count.
 */
export function openRequestsVisibleTo(db: Db, rule: AccessRule, actor: Actor) {
  return db
    .selectFrom('requests as r')
    .select([
      'r.id',
      'r.number',
      'r.summary',
      'r.status',
      'r.priority',
      'r.type_code',
      'r.from_party',
      'r.to_party',
      'r.district_id',
    ])
    .where(requestVisibility.where(rule, actor, 'r'))
    .where('r.status', 'in', [...OPEN_STATUSES])
    .orderBy('r.created_at', 'desc')
    .limit(MAP_REQUEST_LIMIT)
    .execute();
}

export type MapRequestRow = Awaited<ReturnType<typeof openRequestsVisibleTo>>[number];
