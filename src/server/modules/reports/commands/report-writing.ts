import type { z } from 'zod';
import { forbidden } from '../../../../core/errors';
import { REPORT_WRITER_ROLES } from '../../../../core/identity/roles';
import { combineMarkings, type Marking } from '../../../../core/marking/marking';
import type { portionMarkingInputSchema } from '../../../../core/reports/schemas';
import { searchExtraOf } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import type { Tx } from '../../../platform/db/database';
import type { VersionParagraph } from '../../../platform/db/schema';
import { markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { partyKind } from '../../../platform/parties.repository';
import { type KnownName, knownNames } from '../../directory/places.repository';
import { type ReportsDeps, reportEvent } from '../reports.deps';

/** A paragraph as a command writes it: text, its portion marking, and the entities it names. */
export interface NewParagraph {
  number: number | null;
  heading: string | null;
  text: string;
  anchor: string | null;
  marking: Marking;
  mentions: {
    kind: 'organisation' | 'person' | 'place' | 'other';
    text: string;
    start: number;
    end: number;
  }[];
  /** Extracted from a submission: the portion it copies (its release instruction binds the report's releases). */
  sourcePortionId?: string | null;
}

export interface NewReport {
  title: string;
  subject: string;
  tags: string[];
  date: string;
  classifiedBy: string | null;
  reasons: string[];
  declassifyOn: string | null;
  headerMarking: Marking;
  paragraphs: NewParagraph[];
  source: { key: string; details: Record<string, unknown> } | null;
}

/** Roles of the coordinator's people who write reports (shared with /api/me's abilities). */
const AUTHOR_ROLES: readonly string[] = REPORT_WRITER_ROLES;

/** The coordinator's officers write reports; a party's people receive releases of them. */
export async function authorParty({ db }: Pick<ReportsDeps, 'db'>, caller: Caller): Promise<string> {
  const party = caller.actor.party;
  const coordinator = party && (await partyKind(db, party)) === 'coordinator';
  if (!coordinator || !caller.roles.some((role) => AUTHOR_ROLES.includes(role)))
    throw forbidden('may_not_write_reports', "Reports are written by the coordinator's officers.");
  return party;
}

/** A portion marking as the author gave it, held by `parties`: checked against the scheme and the author. */
export function markingFor(
  { db, deployment }: Pick<ReportsDeps, 'db' | 'deployment'>,
  caller: Caller | null,
  parties: string[],
  input: z.output<typeof portionMarkingInputSchema>,
  path: string,
): Promise<Marking> {
  return resolveMarking(db, deployment, caller, { ...input, parties }, path);
}

/** Today's date where the deployment is. */
export function today({ clock, deployment }: Pick<ReportsDeps, 'clock' | 'deployment'>): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: deployment.deployment.timeZone }).format(clock.now());
}

/** Every name the directory knows its entries by, for linking the entities a report names. */
export const directoryNames = ({ db }: Pick<ReportsDeps, 'db'>) => knownNames(db);

/** Names compare without regard to case, spacing or a leading "the". */
export const normaliseName = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Writes one paragraph and the entities it names (linked to the directory's entries by name). */
export async function insertParagraph(
  deps: Pick<ReportsDeps, 'reports' | 'entities'>,
  tx: Tx,
  now: Date,
  reportId: string,
  position: number,
  paragraph: NewParagraph,
  directory: KnownName[],
) {
  const paragraphId = await deps.reports.insertParagraph(tx, {
    report_id: reportId,
    position,
    number: paragraph.number,
    heading: paragraph.heading,
    body: paragraph.text,
    search_extra: searchExtraOf(paragraph),
    anchor: paragraph.anchor,
    source_portion_id: paragraph.sourcePortionId ?? null,
    ...markingToColumns(paragraph.marking),
  });
  for (const mention of paragraph.mentions) {
    const normalized = normaliseName(mention.text);
    const link = directory.find((entry) => entry.names.some((name) => normaliseName(name) === normalized));
    const entityId = await deps.entities.entityFor(
      tx,
      { kind: mention.kind, name: mention.text, normalized },
      link ? { type: link.type, id: link.id } : null,
      now,
    );
    await deps.entities.insertMention(tx, { entityId, paragraphId, start: mention.start, end: mention.end });
  }
}

/** Keeps the report as it now is, as version `version`. */
export function recordVersion(
  { versions }: Pick<ReportsDeps, 'versions'>,
  tx: Tx,
  reportId: string,
  version: number,
  change: 'created' | 'imported' | 'edited',
  by: string | null,
  at: Date,
  report: Pick<NewReport, 'title' | 'subject' | 'tags' | 'date' | 'headerMarking'> & {
    paragraphs: VersionParagraph[];
  },
) {
  const paragraphs: VersionParagraph[] = report.paragraphs.map((paragraph) => ({
    heading: paragraph.heading,
    text: paragraph.text,
    marking: paragraph.marking,
  }));
  return versions.insertVersion(tx, {
    report_id: reportId,
    version,
    change,
    by_id: by,
    at,
    title: report.title,
    subject: report.subject,
    tags: report.tags,
    report_date: report.date,
    paragraphs: JSON.stringify(paragraphs),
    ...markingToColumns(report.headerMarking),
  });
}

/**
 * Writes a new report, its paragraphs and their entity mentions, and its first
 * version, in one change: `report.created`, or `report.imported` for a cable.
 * The caller has done the checks; `caller` null is the command line.
 */
export async function writeReport(
  deps: ReportsDeps,
  caller: Caller | null,
  party: string,
  report: NewReport,
): Promise<string> {
  const directory = await directoryNames(deps);
  const action = report.source ? 'report.imported' : 'report.created';
  return deps.change(caller, action, async ({ tx, now, audit, emit }) => {
    const id = await deps.reports.insertReport(tx, {
      title: report.title,
      subject: report.subject,
      tags: report.tags,
      report_date: report.date,
      status: 'draft',
      author_id: caller?.actor.userId ?? null,
      author_party: party,
      classified_by: report.classifiedBy,
      reasons: report.reasons,
      declassify_on: report.declassifyOn,
      source_key: report.source?.key ?? null,
      source: report.source ? JSON.stringify(report.source.details) : null,
      created_at: now,
      updated_at: now,
      ...markingToColumns(report.headerMarking),
    });
    for (const [position, paragraph] of report.paragraphs.entries())
      await insertParagraph(deps, tx, now, id, position, paragraph, directory);
    const change = report.source ? 'imported' : 'created';
    await recordVersion(deps, tx, id, 1, change, caller?.actor.userId ?? null, now, report);
    audit({
      subject: { type: 'report', id },
      after: report,
      details: report.source ? { source: report.source.key } : {},
      // Only those who may read all of it see that it was written.
      marking: combineMarkings(deps.deployment.scheme, [
        report.headerMarking,
        ...report.paragraphs.map((paragraph) => paragraph.marking),
      ]),
    });
    emit(reportEvent(action, id));
    return id;
  });
}
