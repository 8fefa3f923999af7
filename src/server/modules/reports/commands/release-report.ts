import { badRequest, conflict } from '../../../../core/errors';
import { GENERAL_CATEGORY } from '../../../../core/exchanges/ledger';
import { combineMarkings, formatBanner, formatPortion, type Marking } from '../../../../core/marking/marking';
import { releasableTo } from '../../../../core/reports/releases';
import { searchExtraOf } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import type { DeploymentContext } from '../../../platform/deployment-context';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import { findEntry } from '../../directory/places.repository';
import { recordExchange } from '../../exchanges/record-exchange';
import { portionInstructions } from '../../submissions/submissions.repository';
import type { ReportsDeps } from '../reports.deps';
import { checkReportAction } from '../reports.policy';
import { viewReport } from '../reports.queries';
import type { ParagraphRow } from '../reports.repository';
import { authorParty } from './report-writing';

/**
 * Releases to a party the version of a report it may see, frozen as it is
 * now. Only portions releasable to every nationality of the party go in,
 * only from what the releaser may see; the copy's audience is that party and
 * the releaser's, so the party reads the release and never the original.
 * Returns the release's id.
 */
export async function releaseReport(
  deps: ReportsDeps,
  caller: Caller,
  reportId: string,
  input: { toParty: string; note: string; portions?: string[] | undefined },
): Promise<string> {
  const fromParty = await authorParty(deps, caller);
  const { report, paragraphs } = await viewReport(deps, caller, reportId);
  await checkReportAction(deps, caller, report, 'release');
  const party = await findEntry(deps.db, 'parties', 'code', input.toParty);
  if (party?.kind !== 'party')
    throw badRequest(
      'unknown_party',
      `There is no party ${input.toParty} to release to.`,
      [{ path: 'body.toParty', message: 'Not a party' }],
      { party: input.toParty },
    );
  const { scheme } = deps.deployment;
  const releasable = (marking: Marking) => releasableTo(scheme, marking, party.nationalities);
  const header = markingOfRow(report);
  if (!releasable(header))
    throw conflict(
      'header_not_releasable',
      `The title and subject are marked ${formatBanner(scheme, header)}: not releasable to ${party.code}. Mark them lower first.`,
      { banner: formatBanner(scheme, header), party: party.code },
    );
  const sources = await submissionSources(deps, paragraphs);
  const sourceOf = (paragraph: ParagraphRow) =>
    sources.find((source) => source.paragraph_id === paragraph.id);
  const portions = input.portions
    ? chosen(deps.deployment, paragraphs, input.portions, party.code, releasable).map((paragraph) =>
        boundBySubmission(paragraph, sourceOf(paragraph), party.code),
      )
    : paragraphs.filter(
        (paragraph) =>
          releasable(markingOfRow(paragraph)) && submissionAllows(sourceOf(paragraph), party.code),
      );
  if (portions.length === 0)
    throw conflict('nothing_releasable', `No portion of this report is releasable to ${party.code}.`, {
      party: party.code,
    });

  const audience = (marking: Marking): Marking => ({ ...marking, parties: [fromParty, party.code].sort() });
  return deps.change(caller, 'report.released', async ({ tx, now, audit, emit }) => {
    const releaseId = await deps.releases.insertRelease(tx, {
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
      await deps.releases.insertParagraph(tx, {
        release_id: releaseId,
        position,
        number: paragraph.number,
        heading: paragraph.heading,
        body: paragraph.body,
        search_extra: searchExtraOf({ heading: paragraph.heading, text: paragraph.body }),
        ...markingToColumns(audience(markingOfRow(paragraph))),
      });
    await recordExchange(
      { tx, emit },
      {
        from_party: fromParty,
        to_party: party.code,
        kind: 'release',
        category: GENERAL_CATEGORY,
        subject_type: 'report-release',
        subject_id: releaseId,
        at: now,
        marking: audience(header),
      },
    );
    // What it carries of a party's submission passed from that party to this one, through the coordinator.
    const carried = new Map(
      portions.flatMap((paragraph) => {
        const source = sourceOf(paragraph);
        return source ? [[source.submission_id, source] as const] : [];
      }),
    );
    for (const source of carried.values())
      await recordExchange(
        { tx, emit },
        {
          from_party: source.owner_party,
          to_party: party.code,
          through_party: source.coordinator_party,
          kind: 'submission-release',
          category: GENERAL_CATEGORY,
          subject_type: 'report-release',
          subject_id: releaseId,
          source_type: 'submission',
          source_id: source.submission_id,
          at: now,
          // The party it came from sees what went where.
          marking: { ...audience(header), parties: [fromParty, party.code, source.owner_party].sort() },
        },
      );
    audit({
      subject: { type: 'report', id: report.id },
      details: { releaseId, toParty: party.code, portions: portions.length },
      marking: combineMarkings(scheme, [audience(header), ...portions.map((p) => audience(markingOfRow(p)))]),
    });
    emit({ type: 'release.created', subjectType: 'release', subjectId: releaseId });
    return releaseId;
  });
}

/** Of these paragraphs, those extracted from a submission, with their portion's instruction and the submission's parties. */
async function submissionSources(deps: ReportsDeps, paragraphs: readonly ParagraphRow[]) {
  const extracted = await deps.reports.portionSources(paragraphs.map((paragraph) => paragraph.id));
  const portions = await portionInstructions(
    deps.db,
    extracted.map((source) => source.portion_id),
  );
  return extracted.flatMap(({ paragraph_id, portion_id }) => {
    const portion = portions.find((row) => row.portion_id === portion_id);
    return portion ? [{ ...portion, paragraph_id }] : [];
  });
}

/** A paragraph's submission portion, if it was extracted from one: its instruction binds the release. */
interface PortionSource {
  instruction: 'not-releasable' | 'releasable-to' | 'releasable-after-consent';
  instruction_party: string | null;
}

/** Whether a paragraph extracted from a submission may go to the party as part of a report: only without consent, to the party named. */
const submissionAllows = (source: PortionSource | undefined, party: string) =>
  !source || (source.instruction === 'releasable-to' && source.instruction_party === party);

/**
 * A chosen paragraph extracted from a submission goes only where its
 * portion's instruction allows, and never around the owner's consent: one
 * that needs it is released from the submission, where the consent is asked.
 */
function boundBySubmission<P extends ParagraphRow>(
  paragraph: P,
  source: PortionSource | undefined,
  party: string,
): P {
  if (submissionAllows(source, party)) return paragraph;
  const number = paragraph.number ?? paragraph.position + 1;
  if (source?.instruction === 'not-releasable')
    throw conflict(
      'paragraph_kept_back',
      `Paragraph ${number} comes from a party's submission that keeps it with the coordinator: it is not released.`,
      { paragraph: number },
    );
  if (source?.instruction === 'releasable-after-consent' && source.instruction_party === party)
    throw conflict(
      'paragraph_needs_consent',
      `Paragraph ${number} comes from a party's submission and goes to ${party} only with the party's consent: release it from the submission, where the consent is asked.`,
      { paragraph: number, party },
    );
  throw conflict(
    'paragraph_not_for_party',
    `Paragraph ${number} comes from a party's submission that allows it only to ${source?.instruction_party}, not to ${party}.`,
    { paragraph: number, party, allowed: source?.instruction_party ?? '' },
  );
}

/**
 * The portions the releaser chose, in the report's order. A chosen portion
 * the rule forbids refuses the whole release, naming it: nothing goes out
 * that the releaser did not mean, and nothing that may not.
 */
function chosen<P extends ParagraphRow>(
  { scheme }: DeploymentContext,
  paragraphs: P[],
  chosen: string[],
  party: string,
  releasable: (marking: Marking) => boolean,
): P[] {
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
