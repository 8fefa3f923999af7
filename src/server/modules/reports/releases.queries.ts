import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import { submissionVisibility } from '../../../core/submissions/visibility';
import type { Caller } from '../../platform/caller';
import { markingOfRow } from '../../platform/marked-records';
import { readableSubmissionIds } from '../submissions/submissions.repository';
import type { ReleaseParagraphRow, ReleaseRow } from './releases.repository';
import { labelReleases } from './report-labels';
import type { ReportsDeps } from './reports.deps';

/**
 * Reads of releases: the version of a report one party may see, frozen when
 * it was released. A party's people read the release and never the original.
 */

type ReleasesDeps = Pick<ReportsDeps, 'db' | 'deployment' | 'releases'>;

/** A release with the paragraphs the caller may see of it. */
export interface ReleaseViewOf {
  release: ReleaseRow;
  paragraphs: ReleaseParagraphRow[];
  /** Whether the caller may read the original report: only then does the view name it. */
  originalReadable: boolean;
  /** Whether the caller may read the original submission (its owner or the coordinator): only then does the view name it. */
  submissionReadable?: boolean;
}

/** The access rule's condition for the caller, over a release (`rr`), its paragraphs (`rp`) or a report (`r`). */
const visible = ({ deployment }: ReleasesDeps, caller: Caller, alias: 'rr' | 'rp' | 'r') =>
  deployment.rule.where(caller.actor, alias);

/** The originals of these releases that the caller may read. */
const readableOriginals = (deps: ReleasesDeps, caller: Caller, releases: readonly ReleaseRow[]) =>
  deps.releases.readableReports(
    releases.flatMap((release) => (release.report_id ? [release.report_id] : [])),
    visible(deps, caller, 'r'),
  );

/** The originals of these releases made of submissions that the caller may read (their owner and the coordinator). */
const readableSubmissions = (deps: ReleasesDeps, caller: Caller, releases: readonly ReleaseRow[]) =>
  readableSubmissionIds(
    deps.db,
    releases.flatMap((release) => (release.submission_id ? [release.submission_id] : [])),
    submissionVisibility.where(deps.deployment.rule, caller.actor, 's'),
  );

/** Releases the caller may see (a party's people: those made to their party), newest first. */
export async function listReleases(deps: ReleasesDeps, caller: Caller): Promise<ReleaseViewOf[]> {
  const releases = await labelReleases(
    deps.db,
    await deps.releases.releases(visible(deps, caller, 'rr'), 200),
  );
  const paragraphs = await deps.releases.paragraphs(
    releases.map((release) => release.id),
    visible(deps, caller, 'rp'),
  );
  const originals = await readableOriginals(deps, caller, releases);
  const submissions = await readableSubmissions(deps, caller, releases);
  return releases.map((release) => ({
    release,
    paragraphs: paragraphs.filter((paragraph) => paragraph.release_id === release.id),
    originalReadable: release.report_id !== null && originals.has(release.report_id),
    submissionReadable: release.submission_id !== null && submissions.has(release.submission_id),
  }));
}

export async function viewRelease(deps: ReleasesDeps, caller: Caller, id: string): Promise<ReleaseViewOf> {
  const stored = await deps.releases.release(id, visible(deps, caller, 'rr'));
  const [release] = await labelReleases(deps.db, stored ? [stored] : []);
  if (!release) throw notFound('release_not_found', 'There is no such release.');
  return {
    release,
    paragraphs: await deps.releases.paragraphs([id], visible(deps, caller, 'rp')),
    originalReadable:
      release.report_id !== null && (await readableOriginals(deps, caller, [release])).has(release.report_id),
    submissionReadable:
      release.submission_id !== null &&
      (await readableSubmissions(deps, caller, [release])).has(release.submission_id),
  };
}

/** The banner of a release as the caller sees it: its header and the paragraphs they may read. */
export const releaseBanner = (scheme: ClassificationScheme, view: ReleaseViewOf): Marking =>
  combineMarkings(scheme, [markingOfRow(view.release), ...view.paragraphs.map(markingOfRow)]);

/** Who hears of a release: those it was made for (the party and the coordinator), by its marking. */
export async function releaseAudience(deps: ReleasesDeps, event: { subjectId: string }) {
  const row = await deps.releases.markingOf(event.subjectId);
  const { rule } = deps.deployment;
  return (viewer: { actor: Actor }) => row !== undefined && rule.canSee(viewer.actor, markingOfRow(row));
}
