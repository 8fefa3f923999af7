import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import { HEADLINE, type RecordHitRow, type RecordSearch, tsquery } from '../search/search.repository';
import { meetingHits, minutesHits, type WorkingGroupSearch } from './search.repository';
import type { WorkingGroupsDeps } from './working-groups.deps';

/**
 * What search finds among the working groups' records, for one caller, under
 * the same rule as the reads: a meeting (its title and agenda) and its
 * minutes (each section of the current version) only for whoever reads the
 * meeting in full, a member cleared for the group's marking and the
 * meeting's own (see `visibilityOf`, `minutesContext`). A member who sees
 * only a meeting's neutral title, and anyone outside the group, get no hit.
 */
export function searchMeetings(
  deps: Pick<WorkingGroupsDeps, 'db' | 'deployment'>,
  caller: Caller,
  input: RecordSearch,
): Promise<RecordHitRow[]> {
  return find(deps, caller, input, meetingHits);
}

export function searchMinutes(
  deps: Pick<WorkingGroupsDeps, 'db' | 'deployment'>,
  caller: Caller,
  input: RecordSearch,
): Promise<RecordHitRow[]> {
  return find(deps, caller, input, minutesHits);
}

async function find(
  deps: Pick<WorkingGroupsDeps, 'db' | 'deployment'>,
  caller: Caller,
  input: RecordSearch,
  hits: typeof meetingHits,
) {
  const terms = queryTerms(input.q);
  if (terms.length === 0) return [];
  const search: WorkingGroupSearch = {
    query: tsquery(terms),
    headline: HEADLINE,
    limit: input.limit,
    level: input.level,
    from: input.from,
    to: input.to,
    timeZone: deps.deployment.deployment.timeZone,
    lowest: deps.deployment.lowest,
  };
  return hits(deps.db, (alias) => deps.deployment.rule.where(caller.actor, alias), search);
}
