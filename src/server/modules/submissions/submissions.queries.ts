import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import type { ConsentAction, SubmissionAction } from '../../../core/submissions/schemas';
import { submissionVisibility } from '../../../core/submissions/visibility';
import type { Caller } from '../../platform/caller';
import { markingOfRow } from '../../platform/marked-records';
import { displayNames } from '../directory/directory-lookups.repository';
import { type SubmissionReleaseRow, submissionReleases } from '../reports/releases.repository';
import type { SubmissionsDeps } from './submissions.deps';
import { consentActions, submissionActions } from './submissions.policy';
import type { ConsentRow, PortionRow, SubmissionRow } from './submissions.repository';

/**
 * Reads of submissions and consents, shared by the routes and the commands.
 * Every read passes the submission rule (src/core/submissions/visibility.ts)
 * on the header and the access rule on each portion: a reader of another
 * party finds nothing at all, and a reader of the owner or the coordinator
 * gets only the portions they may see, under a banner computed from those.
 */

type Deps = Pick<SubmissionsDeps, 'db' | 'deployment' | 'submissions' | 'reads'>;

const visible = ({ deployment }: Pick<Deps, 'deployment'>, actor: Actor, alias: 's' | 'c') =>
  submissionVisibility.where(deployment.rule, actor, alias);
const visiblePortions = ({ deployment }: Pick<Deps, 'deployment'>, actor: Actor) =>
  deployment.rule.where(actor, 'p');

export interface SubmissionListItem {
  submission: SubmissionRow;
  banner: Marking;
  pendingConsents: number;
  releases: number;
}

export interface SubmissionViewOf extends SubmissionListItem {
  portions: PortionRow[];
  releaseHistory: SubmissionReleaseRow[];
  consents: ConsentRow[];
  names: Map<string, string>;
  actions: SubmissionAction[];
}

const bannerOf = (
  deps: Pick<Deps, 'deployment'>,
  submission: SubmissionRow,
  portions: readonly PortionRow[],
) => combineMarkings(deps.deployment.scheme, [markingOfRow(submission), ...portions.map(markingOfRow)]);

async function assemble(deps: Deps, caller: Caller, rows: SubmissionRow[]) {
  const ids = rows.map((row) => row.id);
  const portions = await deps.submissions.portions(ids, visiblePortions(deps, caller.actor));
  const consents = await deps.submissions.consents(visible(deps, caller.actor, 'c'), { submissionIds: ids });
  const releases = await submissionReleases(deps.db, ids);
  return rows.map((submission) => {
    const own = portions.filter((portion) => portion.submission_id === submission.id);
    const visibleIds = new Set(own.map((portion) => portion.id));
    return {
      submission,
      portions: own,
      banner: bannerOf(deps, submission, own),
      consents: consents.filter((consent) => consent.submission_id === submission.id),
      // Of each release, only the portions the reader may see are named.
      releaseHistory: releases
        .filter((release) => release.submission_id === submission.id)
        .map((release) => ({ ...release, portions: release.portions.filter((id) => visibleIds.has(id)) })),
    };
  });
}

export async function listSubmissions(
  deps: Deps,
  caller: Caller,
  page = { limit: 50, offset: 0 },
): Promise<SubmissionListItem[]> {
  const rows = await deps.submissions.list(visible(deps, caller.actor, 's'), {}, page);
  const items = (await assemble(deps, caller, rows)).map((item) => ({
    submission: item.submission,
    banner: item.banner,
    pendingConsents: item.consents.filter((consent) => consent.status === 'pending').length,
    releases: item.releaseHistory.length,
  }));
  await deps.reads.many(
    caller,
    { type: 'submission' },
    items.map((item) => ({ id: item.submission.id, marking: item.banner })),
  );
  return items;
}

/** The submission's header row if `actor` may read it; otherwise it does not exist for them. */
export async function visibleSubmission(deps: Deps, actor: Actor, id: string): Promise<SubmissionRow> {
  const [row] = await deps.submissions.list(visible(deps, actor, 's'), { id });
  if (!row) throw notFound('submission_not_found', 'There is no such submission.');
  return row;
}

export async function viewSubmission(deps: Deps, caller: Caller, id: string): Promise<SubmissionViewOf> {
  const row = await visibleSubmission(deps, caller.actor, id);
  const [item] = await assemble(deps, caller, [row]);
  if (!item) throw notFound('submission_not_found', 'There is no such submission.');
  const names = await displayNames(deps.db, [
    row.author_id,
    ...item.releaseHistory.map((release) => release.released_by),
    ...item.consents.flatMap((consent) => [consent.requested_by, consent.decided_by ?? consent.requested_by]),
  ]);
  await deps.reads.one(caller, { type: 'submission', id }, item.banner);
  return {
    ...item,
    pendingConsents: item.consents.filter((consent) => consent.status === 'pending').length,
    releases: item.releaseHistory.length,
    names,
    actions: await submissionActions(deps, caller, row),
  };
}

export interface ConsentViewOf {
  consent: ConsentRow;
  submission: SubmissionRow;
  portions: PortionRow[];
  banner: Marking;
  names: Map<string, string>;
  actions: ConsentAction[];
}

async function consentViews(deps: Deps, caller: Caller, consents: ConsentRow[]): Promise<ConsentViewOf[]> {
  const ids = [...new Set(consents.map((consent) => consent.submission_id))];
  const submissions = ids.length
    ? await Promise.all(ids.map((id) => deps.submissions.list(visible(deps, caller.actor, 's'), { id })))
    : [];
  const byId = new Map(submissions.flat().map((row) => [row.id, row]));
  const portions = await deps.submissions.portions(ids, visiblePortions(deps, caller.actor));
  const names = await displayNames(
    deps.db,
    consents.flatMap((consent) => [consent.requested_by, consent.decided_by ?? consent.requested_by]),
  );
  const views: ConsentViewOf[] = [];
  for (const consent of consents) {
    const submission = byId.get(consent.submission_id);
    if (!submission) continue;
    const carried = portions.filter((portion) => consent.portions.includes(portion.id));
    views.push({
      consent,
      submission,
      portions: carried,
      banner: combineMarkings(deps.deployment.scheme, [
        markingOfRow(submission),
        ...carried.map(markingOfRow),
      ]),
      names,
      actions: await consentActions(deps, caller, consent),
    });
  }
  return views;
}

/** The consents the caller may see, by status (those still waiting by default), oldest first. */
export async function listConsents(
  deps: Deps,
  caller: Caller,
  status: 'pending' | 'approved' | 'refused' | 'all',
): Promise<ConsentViewOf[]> {
  const rows = await deps.submissions.consents(visible(deps, caller.actor, 'c'), {
    ...(status === 'all' ? {} : { status }),
  });
  const views = await consentViews(deps, caller, rows);
  await deps.reads.many(
    caller,
    { type: 'consent' },
    views.map((view) => ({ id: view.consent.id, marking: view.banner })),
  );
  return views;
}

export async function viewConsent(deps: Deps, caller: Caller, id: string): Promise<ConsentViewOf> {
  const [row] = await deps.submissions.consents(visible(deps, caller.actor, 'c'), { id });
  const [view] = row ? await consentViews(deps, caller, [row]) : [];
  if (!view) throw notFound('consent_not_found', 'There is no such consent.');
  await deps.reads.one(caller, { type: 'consent', id }, view.banner);
  return view;
}

/** Who receives a live event about a submission: whoever the submission rule admits to its header now. */
export async function submissionAudience(
  deps: Pick<Deps, 'deployment' | 'submissions'>,
  event: { subjectId: string },
) {
  const row = await deps.submissions.factsOf(event.subjectId);
  return (viewer: { actor: Actor }) =>
    row !== undefined &&
    submissionVisibility.canSee(deps.deployment.rule, viewer.actor, {
      ownerParty: row.owner_party,
      coordinatorParty: row.coordinator_party,
      marking: markingOfRow(row),
    });
}

/** Who receives a live event about a consent: whoever the submission rule admits to it now. */
export async function consentAudience(
  deps: Pick<Deps, 'deployment' | 'submissions'>,
  event: { subjectId: string },
) {
  const row = await deps.submissions.consentFactsOf(event.subjectId);
  return (viewer: { actor: Actor }) =>
    row !== undefined &&
    submissionVisibility.canSee(deps.deployment.rule, viewer.actor, {
      ownerParty: row.owner_party,
      coordinatorParty: row.coordinator_party,
      marking: markingOfRow(row),
    });
}
