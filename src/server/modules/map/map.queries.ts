import type { AccessRule, Actor } from '../../../core/access/access-rule';
import { requestVisibility } from '../../../core/requests/visibility';
import type { Db } from '../../platform/db/database';
import { listOpenRequestsAtPlaces, type OpenRequestAtPlaceRow } from '../requests/requests.repository';

/** At most this many requests on the map; the newest first. The request list pages through the rest. */
export const MAP_REQUEST_LIMIT = 500;

/**
 * The open requests `actor` may see, with the place each is about. The
 * request visibility rule (access rule and draft rule) is applied in SQL, so a
 * request the reader may not see never leaves the database, not even as a count.
 */
export function openRequestsVisibleTo(db: Db, rule: AccessRule, actor: Actor) {
  return listOpenRequestsAtPlaces(db, requestVisibility.where(rule, actor, 'r'), MAP_REQUEST_LIMIT);
}

export type MapRequestRow = OpenRequestAtPlaceRow;
