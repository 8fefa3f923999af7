import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import { HEADLINE, type RecordHitRow, type RecordSearch, tsquery } from '../search/search.repository';
import { workingGroups } from '../working-groups/working-groups.repository';
import type { CommitmentsDeps } from './commitments.deps';
import { commitmentHits } from './search.repository';

/**
 * What search finds among commitments, for one caller, under the same rule
 * as the reads (`visibleCommitment`, `listFor`): the access rule on the
 * commitment's marking, which keeps it among its group's members cleared for
 * it. Their words only: a note is never searched. Each hit is named by its
 * group's code and its due date ("WG-CID · 2027-02-01").
 */
export async function searchCommitments(
  deps: Pick<CommitmentsDeps, 'db' | 'deployment'>,
  caller: Caller,
  input: RecordSearch,
): Promise<RecordHitRow[]> {
  const terms = queryTerms(input.q);
  if (terms.length === 0) return [];
  const rows = await commitmentHits(deps.db, deps.deployment.rule.where(caller.actor, 'c'), {
    query: tsquery(terms),
    headline: HEADLINE,
    limit: input.limit,
    level: input.level,
    from: input.from,
    to: input.to,
  });
  if (rows.length === 0) return [];
  const codes = new Map((await workingGroups(deps.db)).map((group) => [group.id, group.code]));
  return rows.map(({ group_id, ...row }) => ({
    ...row,
    number: `${codes.get(group_id) ?? ''} · ${row.date}`,
  }));
}
