import type { Actor } from '../../../core/access/access-rule';
import { type CommitmentRelation, relationsOf } from '../../../core/commitments/lifecycle';
import type { CommitmentQuery } from '../../../core/commitments/schemas';
import { notFound } from '../../../core/errors';
import { internalRule } from '../../../core/requests/visibility';
import { isoToZonedInput } from '../../../core/zoned-time';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Db, Tx } from '../../platform/db/database';
import { markingOfRow } from '../../platform/marked-records';
import { displayNames, peopleByIds } from '../directory/directory-lookups.repository';
import { findGroup, type GroupView, standingOf } from '../working-groups/working-groups.queries';
import { workingGroups } from '../working-groups/working-groups.repository';
import type { CommitmentsDeps } from './commitments.deps';
import {
  type CommitmentFilter,
  commitmentById,
  fileOf,
  filesOf,
  listCommitments,
  markingOfCommitment,
  notesOf,
  type StoredCommitmentRow,
  tallies,
} from './commitments.repository';

/** A commitment as the reads show it: with its group's code and its owner's name, asked of their modules. */
export type CommitmentRow = StoredCommitmentRow & { group_code: string; owner_name: string };

/** Names the groups and owners of these commitments. */
export async function named(q: Db | Tx, rows: StoredCommitmentRow[]): Promise<CommitmentRow[]> {
  if (rows.length === 0) return [];
  const codes = new Map((await workingGroups(q)).map((group) => [group.id, group.code]));
  const names = await displayNames(
    q,
    rows.map((row) => row.owner_id),
  );
  return rows.map((row) => ({
    ...row,
    group_code: codes.get(row.group_id) ?? '',
    owner_name: names.get(row.owner_id) ?? '',
  }));
}

/** Today on the deployment's clock (YYYY-MM-DD): what due dates and "overdue" are measured against. */
export const todayOf = (deps: Pick<CommitmentsDeps, 'deployment'>, at: Date) =>
  isoToZonedInput(at.toISOString(), deps.deployment.deployment.timeZone).slice(0, 10);

/** The coordinator's parties: they broker and keep the minutes, but neither promise nor confirm. */
export const coordinatorCodes = (deps: Pick<CommitmentsDeps, 'deployment'>) =>
  deps.deployment.deployment.parties
    .filter((party) => party.role === 'coordinator')
    .map((party) => party.code);

/** The sides of a group: its parties other than the coordinator's. */
export const sidesOf = (deps: Pick<CommitmentsDeps, 'deployment'>, parties: readonly string[]) => {
  const coordinators = new Set(coordinatorCodes(deps));
  return parties.filter((party) => !coordinators.has(party));
};

const missing = () => notFound('commitment_not_found', 'There is no such commitment.');

/**
 * One commitment the caller may see (the access rule on its marking, which
 * keeps it among the group's members), or 404 exactly as for one that does
 * not exist. `tx` locks it for a change.
 */
export async function visibleCommitment(
  deps: CommitmentsDeps,
  caller: Caller,
  id: string,
  tx?: Tx,
): Promise<CommitmentRow> {
  const row = await commitmentById(tx ?? deps.db, id, tx !== undefined);
  if (!row || !deps.deployment.rule.canSee(caller.actor, markingOfRow(row))) throw missing();
  return (await named(tx ?? deps.db, [row]))[0] as CommitmentRow;
}

/** How the caller stands to a commitment: the group as they see it, their standing, their relations. */
export async function standingToCommitment(
  deps: CommitmentsDeps,
  caller: Caller,
  row: CommitmentRow,
  /** Inside a change: its transaction (PGlite has one connection; the change holds it). */
  tx?: Tx,
): Promise<{ view: GroupView; relations: Set<CommitmentRelation> }> {
  const view = await findGroup(tx ? { ...deps, db: tx } : deps, caller, row.group_id);
  const standing = standingOf(caller, view);
  const relations = relationsOf(
    { userId: caller.actor.userId, ...standing },
    { ownerParty: row.owner_party, ownerId: row.owner_id },
    sidesOf(deps, view.group.parties),
  );
  return { view, relations };
}

/** A list's filters as the repository takes them. */
export const filterOf = (query: Partial<CommitmentQuery>): CommitmentFilter => ({
  group: query.group,
  meeting: query.meeting,
  party: query.party,
  owner: query.owner,
  statuses: query.status?.split(','),
  overdue: query.overdue === 'true',
  dueBefore: query.dueBefore,
  dueAfter: query.dueAfter,
});

/** The commitments the caller may see that match the query, overdue first. */
export async function listFor(deps: CommitmentsDeps, caller: Caller, query: CommitmentQuery) {
  const today = todayOf(deps, deps.clock.now());
  const page = await listCommitments(
    deps.db,
    deps.deployment.rule.where(caller.actor, 'c'),
    filterOf(query),
    today,
    query.limit,
  );
  return { ...page, items: await named(deps.db, page.items), today };
}

/**
 * The board: per owner party, what it promised and delivered, overdue, on
 * time; counted only over the commitments the caller may see, like the list
 * beside it.
 */
export async function boardFor(
  deps: CommitmentsDeps,
  caller: Caller,
  query: Pick<CommitmentQuery, 'group' | 'party'>,
) {
  const today = todayOf(deps, deps.clock.now());
  const visible = deps.deployment.rule.where(caller.actor, 'c');
  const filter = filterOf(query);
  const counts = await tallies(deps.db, visible, filter, today, deps.deployment.deployment.timeZone);
  const { items } = await listCommitments(deps.db, visible, filter, today, 500);
  return { today, counts, items: await named(deps.db, items) };
}

/** One commitment with its notes (internal ones only for their party) and the names it shows. */
export async function detailOf(deps: CommitmentsDeps, caller: Caller, id: string) {
  const row = await visibleCommitment(deps, caller, id);
  const { relations, view } = await standingToCommitment(deps, caller, row);
  const [notes, files] = await Promise.all([
    notesOf(deps.db, id, internalRule.where(caller.actor, 'n')),
    filesOf(deps.db, id),
  ]);
  const people = [
    row.raised_by,
    row.completed_by,
    row.confirmed_by,
    ...files.map((f) => f.uploaded_by),
  ].filter((value): value is string => value !== null);
  const names = new Map(
    (await peopleByIds(deps.db, [...people, ...notes.map((note) => note.author_id)])).map((person) => [
      person.id,
      person,
    ]),
  );
  const evidenceLink =
    row.evidence_kind && row.evidence_id && deps.linkables
      ? await deps.linkables[row.evidence_kind](caller, row.evidence_id)
      : null;
  return {
    row,
    relations,
    standing: standingOf(caller, view),
    notes,
    files,
    names,
    evidenceLink,
    today: todayOf(deps, deps.clock.now()),
  };
}
export type CommitmentDetailView = Awaited<ReturnType<typeof detailOf>>;

/** Of `userIds`, those who may see the commitment now (the access rule on its marking). */
export async function visibleAmong(
  deps: Pick<CommitmentsDeps, 'deployment'>,
  q: Tx,
  userIds: readonly string[],
  row: Parameters<typeof markingOfRow>[0],
): Promise<string[]> {
  const actors = await actorsOf(q, userIds);
  return actors.filter((actor) => deps.deployment.rule.canSee(actor, markingOfRow(row))).map((a) => a.userId);
}

/** Who receives a live event about a commitment: whoever the access rule admits to it now. */
export async function commitmentAudience(
  deps: Pick<CommitmentsDeps, 'db' | 'deployment'>,
  event: { subjectId: string },
) {
  const row = await markingOfCommitment(deps.db, event.subjectId);
  return (viewer: { actor: Actor }) =>
    row !== undefined && deps.deployment.rule.canSee(viewer.actor, markingOfRow(row));
}

/** A file of evidence with its bytes, for whoever may read the commitment; else the 404 of a missing one. */
export async function evidenceFileOf(deps: CommitmentsDeps, caller: Caller, id: string, fileId: string) {
  await visibleCommitment(deps, caller, id);
  const file = await fileOf(deps.db, id, fileId);
  if (!file) throw notFound('commitment_file_not_found', 'There is no such file.');
  return file;
}
