import type { Actor } from '../../../core/access/access-rule';
import { badRequest, conflict, notFound } from '../../../core/errors';
import { combineMarkings, formatBanner, formatPortion, type Marking } from '../../../core/marking/marking';
import { releasableTo } from '../../../core/reports/releases';
import { searchExtraOf } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import { markingOfRow, markingToColumns } from '../../platform/marked-records';
import { ReleasesRepository } from './releases.repository';
import type { ParagraphRow, ReportsService } from './reports.service';

/**
 * Releases: the version of a report one party may see, frozen when it is
 * released. Only portions releasable to every nationality of the party go in,
 * only from what the releaser may see; the copy's audience is that party and
 * the releaser's, so the party reads the release and never the original.
 */
export class ReleasesService {
  private readonly repo: ReleasesRepository;

  constructor(
    db: Db,
    private readonly reports: ReportsService,
    private readonly change: Change,
  ) {
    this.repo = new ReleasesRepository(db);
  }

  async release(
    caller: Caller,
    reportId: string,
    input: { toParty: string; note: string; portions?: string[] | undefined },
  ): Promise<string> {
    const fromParty = await this.reports.authorParty(caller);
    const { report, paragraphs } = await this.reports.view(caller, reportId);
    await this.reports.workflow.check(caller, report, 'release');
    const party = await this.repo.party(input.toParty);
    if (party?.kind !== 'party')
      throw badRequest(
        'unknown_party',
        `There is no party ${input.toParty} to release to.`,
        [{ path: 'body.toParty', message: 'Not a party' }],
        { party: input.toParty },
      );
    const { scheme } = this.reports.deployment;
    const releasable = (marking: Marking) => releasableTo(scheme, marking, party.nationalities);
    const header = markingOfRow(report);
    if (!releasable(header))
      throw conflict(
        'header_not_releasable',
        `The title and subject are marked ${formatBanner(scheme, header)}: not releasable to ${party.code}. Mark them lower first.`,
        { banner: formatBanner(scheme, header), party: party.code },
      );
    const portions = input.portions
      ? this.chosen(paragraphs, input.portions, party.code, releasable)
      : paragraphs.filter((paragraph) => releasable(markingOfRow(paragraph)));
    if (portions.length === 0)
      throw conflict('nothing_releasable', `No portion of this report is releasable to ${party.code}.`, {
        party: party.code,
      });

    const audience = (marking: Marking): Marking => ({ ...marking, parties: [fromParty, party.code].sort() });
    return this.change(caller, 'report.released', async ({ tx, now, audit, emit }) => {
      const releaseId = await this.repo.insertRelease(tx, {
        report_id: report.id,
        report_version: report.version,
        to_party: party.code,
        from_party: fromParty,
        title: report.title,
        subject: report.subject,
        tags: report.tags,
        report_date: report.date,
        note: input.note,
        released_by: caller.actor.userId,
        released_at: now,
        ...markingToColumns(audience(header)),
      });
      for (const [position, paragraph] of portions.entries())
        await this.repo.insertParagraph(tx, {
          release_id: releaseId,
          position,
          number: paragraph.number,
          heading: paragraph.heading,
          body: paragraph.body,
          search_extra: searchExtraOf({ heading: paragraph.heading, text: paragraph.body }),
          ...markingToColumns(audience(markingOfRow(paragraph))),
        });
      await this.repo.insertExchange(tx, {
        from_party: fromParty,
        to_party: party.code,
        category: 'report-release',
        subject_type: 'report-release',
        subject_id: releaseId,
        at: now,
      });
      audit({
        subject: { type: 'report', id: report.id },
        details: { releaseId, toParty: party.code, portions: portions.length },
        marking: combineMarkings(scheme, [
          audience(header),
          ...portions.map((p) => audience(markingOfRow(p))),
        ]),
      });
      emit({ type: 'release.created', subjectType: 'release', subjectId: releaseId });
      return releaseId;
    });
  }

  /**
   * The portions the releaser chose, in the report's order. A chosen portion
   * the rule forbids refuses the whole release, naming it: nothing goes out
   * that the releaser did not mean, and nothing that may not.
   */
  private chosen<P extends ParagraphRow>(
    paragraphs: P[],
    chosen: string[],
    party: string,
    releasable: (marking: Marking) => boolean,
  ): P[] {
    const { scheme } = this.reports.deployment;
    for (const [i, id] of chosen.entries()) {
      const paragraph = paragraphs.find((p) => p.id === id);
      if (!paragraph)
        throw badRequest('unknown_portion', 'That portion is not one of this report’s.', [
          { path: `body.portions.${i}`, message: 'Not a paragraph of this report' },
        ]);
      const marking = markingOfRow(paragraph);
      if (!releasable(marking))
        throw conflict(
          'portion_not_releasable',
          `Paragraph ${paragraph.number ?? paragraph.position + 1} is marked ${formatPortion(scheme, marking)}: not releasable to ${party}.`,
          {
            paragraph: paragraph.number ?? paragraph.position + 1,
            portion: formatPortion(scheme, marking),
            party,
          },
        );
    }
    return paragraphs.filter((paragraph) => chosen.includes(paragraph.id));
  }

  /** Who hears of a release: those it was made for (the party and the coordinator), by its marking. */
  async audienceOf(event: { subjectId: string }) {
    const row = await this.reports.repo.markingOf(event.subjectId, 'report_releases');
    const { rule } = this.reports.deployment;
    return (viewer: { actor: Actor }) => row !== undefined && rule.canSee(viewer.actor, markingOfRow(row));
  }

  /** Releases the caller may see (a party's people: those made to their party), newest first. */
  async list(caller: Caller) {
    const releases = await this.repo.releases(this.visible(caller, 'rr'), 200);
    const paragraphs = await this.repo.paragraphs(
      releases.map((release) => release.id),
      this.visible(caller, 'rp'),
    );
    return releases.map((release) => ({
      release,
      paragraphs: paragraphs.filter((paragraph) => paragraph.release_id === release.id),
    }));
  }

  async view(caller: Caller, id: string) {
    const release = await this.repo.release(id, this.visible(caller, 'rr'));
    if (!release) throw notFound('release_not_found', 'There is no such release.');
    return { release, paragraphs: await this.repo.paragraphs([id], this.visible(caller, 'rp')) };
  }

  bannerOf(
    release: Parameters<typeof markingOfRow>[0],
    paragraphs: readonly Parameters<typeof markingOfRow>[0][],
  ) {
    return combineMarkings(this.reports.deployment.scheme, [
      markingOfRow(release),
      ...paragraphs.map(markingOfRow),
    ]);
  }

  /** The access rule's condition for the caller, over a release (`rr`) or its paragraphs (`rp`). */
  private visible(caller: Caller, alias: 'rr' | 'rp') {
    return this.reports.deployment.rule.where(caller.actor, alias);
  }
}
