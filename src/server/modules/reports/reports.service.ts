import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import type { Clock } from '../../../core/clock';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { REPORT_WRITER_ROLES } from '../../../core/identity/roles';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import { CableParseError, type ParsedCable, parseCable } from '../../../core/reports/cable';
import type {
  createReportSchema,
  portionMarkingInputSchema,
  updateReportSchema,
} from '../../../core/reports/schemas';
import { REPORT_TRANSITIONS } from '../../../core/reports/workflow';
import { searchExtraOf } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import { constraintViolation } from '../../platform/db/constraints';
import type { Db, Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import { coordinatorParties, partyKind } from '../../platform/parties';
import type { ReadAudit } from '../../platform/read-audit';
import { ReportsRepository } from './reports.repository';
import { VersionsService } from './versions.service';
import { ReportWorkflow, type ReviewNotifier, reportEvent } from './workflow.service';

export type ReportRow = Awaited<ReturnType<ReportsRepository['list']>>[number];
export type ParagraphRow = Awaited<ReturnType<ReportsRepository['paragraphs']>>[number];
export type MentionRow = Awaited<ReturnType<ReportsRepository['mentions']>>[number];

/** A paragraph as the service writes it: text, its portion marking, and the entities it names. */
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

/** Roles of the coordinator's people who write reports. */
const AUTHOR_ROLES = REPORT_WRITER_ROLES; // shared with /api/me's abilities

/**
 * Reports marked portion by portion. Every read passes the access rule twice:
 * on the header (title, subject, tags) and on each paragraph. A reader gets
 * only the portions they may see, under a banner computed from those alone;
 * a report whose header they may not see does not exist for them.
 */
export class ReportsService {
  readonly repo: ReportsRepository;
  readonly workflow: ReportWorkflow;
  readonly versions: VersionsService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly deployment: DeploymentContext,
    private readonly change: Change,
    private readonly reads: ReadAudit,
    notifier: ReviewNotifier | null = null,
  ) {
    this.repo = new ReportsRepository(db);
    this.workflow = new ReportWorkflow(change, deployment, this.repo, notifier);
    this.versions = new VersionsService(this);
  }

  // ---- reading

  async list(caller: Caller, page = { limit: 50, offset: 0 }) {
    const reports = await this.repo.list(this.deployment.rule.where(caller.actor, 'r'), {}, page);
    const paragraphs = await this.repo.paragraphs(
      reports.map((report) => report.id),
      this.deployment.rule.where(caller.actor, 'p'),
    );
    return reports.map((report) => ({
      report,
      banner: this.bannerOf(
        report,
        paragraphs.filter((paragraph) => paragraph.report_id === report.id),
      ),
    }));
  }

  /** The report's header row if `actor` may read it; otherwise the report does not exist for them. */
  async visibleHeader(actor: Actor, id: string): Promise<ReportRow> {
    const [report] = await this.repo.list(this.deployment.rule.where(actor, 'r'), { id });
    if (!report) throw notFound('report_not_found', 'There is no such report.');
    return report;
  }

  /** The report as `caller` may read it, or 404, with what the caller may do to it now. */
  async view(caller: Caller, id: string) {
    const report = await this.visibleHeader(caller.actor, id);
    const paragraphs = await this.repo.paragraphs([id], this.deployment.rule.where(caller.actor, 'p'));
    const mentions = await this.repo.mentions(paragraphs.map((paragraph) => paragraph.id));
    const banner = this.bannerOf(report, paragraphs);
    await this.recordRead(caller, id, banner);
    return { report, paragraphs, mentions, banner, actions: await this.workflow.actions(caller, report) };
  }

  /**
   * An entity and the reports that name it, as far as the caller may read
   * them. An entity named only where the caller may not read does not exist
   * for them: a name can be the secret.
   */
  async entity(caller: Caller, id: string) {
    const { rule } = this.deployment;
    const entity = await this.repo.entity(id);
    const reportIds = entity
      ? await this.repo.mentioning(id, rule.where(caller.actor, 'r'), rule.where(caller.actor, 'p'))
      : [];
    if (!entity || reportIds.length === 0) throw notFound('entity_not_found', 'There is no such entity.');
    const reports = (await this.list(caller, { limit: 200, offset: 0 })).filter(({ report }) =>
      reportIds.includes(report.id),
    );
    return { entity, reports };
  }

  /** The banner of what a reader sees: the header and the visible portions, combined. */
  bannerOf(report: ReportRow, paragraphs: readonly ParagraphRow[]): Marking {
    return combineMarkings(this.deployment.scheme, [markingOfRow(report), ...paragraphs.map(markingOfRow)]);
  }

  // ---- writing

  /** The coordinator's officers write reports; a party's people receive releases of them. */
  async authorParty(caller: Caller): Promise<string> {
    const party = caller.actor.party;
    const coordinator = party && (await partyKind(this.db, party)) === 'coordinator';
    if (!coordinator || !caller.roles.some((role) => (AUTHOR_ROLES as readonly string[]).includes(role)))
      throw forbidden('may_not_write_reports', "Reports are written by the coordinator's officers.");
    return party;
  }

  async create(caller: Caller, input: z.output<typeof createReportSchema>): Promise<string> {
    const party = await this.authorParty(caller);
    const mark = (marking: z.output<typeof portionMarkingInputSchema>, path: string) =>
      this.markingFor(caller, [party], marking, path);
    const lowest = `(${this.deployment.lowest})`;
    const headerMarking = await mark(
      input.headerMarking ?? { classification: lowest, groups: [] },
      'body.headerMarking',
    );
    const paragraphs: NewParagraph[] = [];
    for (const [i, paragraph] of input.paragraphs.entries()) {
      paragraphs.push({
        number: i + 1,
        heading: paragraph.heading ?? null,
        text: paragraph.text,
        anchor: null,
        marking: await mark(paragraph.marking, `body.paragraphs.${i}.marking`),
        mentions: [],
      });
    }
    return this.insert(caller, party, {
      title: input.title,
      subject: input.subject,
      tags: input.tags,
      date: input.date ?? this.today(),
      classifiedBy: input.classificationAuthority.classifiedBy ?? null,
      reasons: input.classificationAuthority.reasons,
      declassifyOn: input.classificationAuthority.declassifyOn ?? null,
      headerMarking,
      paragraphs,
      source: null,
    });
  }

  /**
   * Edits a report: the fields given replace the report's, and `paragraphs`
   * the whole list (a paragraph keeps its id, and the names found in it,
   * while its text is unchanged). A new version is kept, and a report under
   * review or published goes back to draft: what was approved is never
   * silently changed. An edit over a newer version than the editor's is refused.
   */
  async update(caller: Caller, id: string, input: z.output<typeof updateReportSchema>): Promise<void> {
    const report = await this.visibleHeader(caller.actor, id);
    await this.workflow.check(caller, report, 'edit');
    const party = report.author_party;
    const mark = (marking: z.output<typeof portionMarkingInputSchema>, path: string) =>
      this.markingFor(caller, [party], marking, path);
    const headerMarking = input.headerMarking
      ? await mark(input.headerMarking, 'body.headerMarking')
      : markingOfRow(report);
    const edited: (NewParagraph & { id?: string })[] | null = input.paragraphs ? [] : null;
    for (const [i, paragraph] of (input.paragraphs ?? []).entries())
      edited?.push({
        id: paragraph.id,
        number: i + 1,
        heading: paragraph.heading ?? null,
        text: paragraph.text,
        anchor: null,
        marking: await mark(paragraph.marking, `body.paragraphs.${i}.marking`),
        mentions: [],
      });
    const authority = input.classificationAuthority;
    const directory = await this.repo.directoryNames();
    await this.change(caller, 'report.edited', async ({ tx, now, audit, emit }) => {
      const locked = await this.repo.lockReport(tx, id);
      if (locked.version !== input.version)
        throw conflict(
          'report_edited_meanwhile',
          `Version ${locked.version} was saved after version ${input.version}, which you edited: reload the report and edit again.`,
        );
      const before = await this.repo.allParagraphs(tx, id);
      const paragraphs = edited
        ? await this.replaceParagraphs(tx, id, before, edited, directory)
        : before.map((row) => ({ heading: row.heading, text: row.body, marking: markingOfRow(row) }));
      const version = locked.version + 1;
      const status = REPORT_TRANSITIONS.edit.to ?? locked.status;
      const next = {
        title: input.title ?? locked.title,
        subject: input.subject ?? locked.subject,
        tags: input.tags ?? locked.tags,
        date: input.date ?? report.date,
        headerMarking,
        paragraphs,
      };
      await tx
        .updateTable('reports')
        .set({
          title: next.title,
          subject: next.subject,
          tags: next.tags,
          report_date: next.date,
          ...(authority && {
            classified_by: authority.classifiedBy ?? null,
            reasons: authority.reasons,
            declassify_on: authority.declassifyOn ?? null,
          }),
          ...markingToColumns(headerMarking),
          version,
          status,
          // A review step speaks of what was reviewed; once the text changes, it no longer applies.
          ...(status !== locked.status && {
            review_step: null,
            review_by: null,
            review_at: null,
            review_note: null,
          }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.versions.record(tx, id, version, 'edited', caller.actor.userId, now, next);
      audit({
        subject: { type: 'report', id },
        before: { header: locked, paragraphs: before },
        after: next,
        details: { version, from: locked.status, to: status },
        // Only those who may read both the old and the new text see that it changed.
        marking: combineMarkings(this.deployment.scheme, [
          markingOfRow(locked),
          headerMarking,
          ...before.map(markingOfRow),
          ...paragraphs.map((paragraph) => paragraph.marking),
        ]),
      });
      emit(reportEvent('report.edited', id));
    });
  }

  /** Who receives a live event about a report: whoever may read its header now. */
  async audienceOf(event: { subjectId: string }) {
    const row = await this.repo.markingOf(event.subjectId);
    return (viewer: { actor: Actor }) =>
      row !== undefined && this.deployment.rule.canSee(viewer.actor, markingOfRow(row));
  }

  /** Submits, approves or returns a report (see ReportWorkflow). */
  async review(caller: Caller, id: string, action: 'submit' | 'approve' | 'return', note: string | null) {
    const report = await this.visibleHeader(caller.actor, id);
    await this.workflow.review(caller, report, action, note);
  }

  /**
   * Puts the edited paragraphs in place of the report's: those kept (by id)
   * are updated where they stand, the rest deleted or inserted. A kept
   * paragraph whose text changed loses the names found in it: their places
   * in the text no longer hold.
   */
  private async replaceParagraphs(
    tx: Tx,
    reportId: string,
    before: ParagraphRow[],
    edited: (NewParagraph & { id?: string })[],
    directory: Awaited<ReturnType<ReportsRepository['directoryNames']>>,
  ) {
    const existing = new Map(before.map((row) => [row.id, row]));
    const seen = new Set<string>();
    for (const [i, paragraph] of edited.entries()) {
      if (!paragraph.id) continue;
      if (!existing.has(paragraph.id) || seen.has(paragraph.id))
        throw badRequest(
          'unknown_paragraph',
          'That paragraph is not one of this report’s, or appears twice.',
          [{ path: `body.paragraphs.${i}.id`, message: 'Not a paragraph of this report' }],
        );
      seen.add(paragraph.id);
    }
    await this.repo.replaceParagraphsBegin(tx, reportId, [...seen]);
    for (const [position, paragraph] of edited.entries()) {
      const kept = paragraph.id ? existing.get(paragraph.id) : undefined;
      if (kept) await this.repo.updateParagraph(tx, kept, position, paragraph, searchExtraOf(paragraph));
      else await this.insertParagraph(tx, reportId, position, paragraph, directory);
    }
    return edited.map((paragraph) => ({
      heading: paragraph.heading,
      text: paragraph.text,
      marking: paragraph.marking,
    }));
  }

  /**
   * Imports a diplomatic telegram as a report of the coordinator's. The same
   * cable (originator and serial) imported again is the same report, and
   * nothing changes. `caller` null: the command line, acting as the system.
   */
  async importCable(
    caller: Caller | null,
    text: string,
  ): Promise<{ id: string; number: string; created: boolean }> {
    const cable = this.parse(text);
    // Who may import, and whether they may read all of it, is settled before anyone learns the cable is here.
    const party = caller ? await this.authorParty(caller) : await this.coordinatorParty();
    const mark = (classification: ParsedCable['classification'], path: string) =>
      this.checkedMarking(caller, { ...classification, parties: [party], groups: [] }, path);
    const report: NewReport = {
      title: cable.subject,
      subject: cable.subject,
      tags: cable.tags,
      date: this.today(),
      classifiedBy: cable.classifiedBy,
      reasons: cable.reasons,
      declassifyOn: cable.declassifyOn,
      // An unmarked subject is held at the cable's own classification.
      headerMarking: mark(cable.classification, 'body'),
      paragraphs: cable.paragraphs.map((paragraph, i) => ({
        number: paragraph.number,
        heading: paragraph.heading,
        text: paragraph.text,
        anchor: paragraph.anchor,
        marking: mark(paragraph.portion, `body.paragraphs.${i}`),
        mentions: paragraph.mentions,
      })),
      source: {
        key: cable.key,
        details: {
          originator: cable.originator,
          serial: cable.serial,
          sipdis: cable.sipdis,
          distribution: cable.distribution,
          executiveOrder: cable.executiveOrder,
          signature: cable.signature,
        },
      },
    };
    const existing = await this.repo.findBySourceKey(cable.key);
    if (existing) return { ...existing, created: false };
    try {
      const id = await this.insert(caller, party, report);
      const created = await this.repo.findBySourceKey(cable.key);
      return { id, number: created?.number ?? '0', created: true };
    } catch (error) {
      // Imported by someone else meanwhile: theirs stands.
      const again =
        constraintViolation(error)?.kind === 'unique' && (await this.repo.findBySourceKey(cable.key));
      if (again) return { ...again, created: false };
      throw error;
    }
  }

  private parse(text: string): ParsedCable {
    try {
      return parseCable(text, this.deployment.scheme);
    } catch (error) {
      if (error instanceof CableParseError)
        throw badRequest('cable_unreadable', `The cable could not be read: ${error.message}`, [
          { path: `body.line.${error.line}`, message: error.message },
        ]);
      throw error;
    }
  }

  /** A marking taken from a document: the importer must be able to read what they import. */
  private checkedMarking(caller: Caller | null, marking: Marking, path: string): Marking {
    if (caller && !this.deployment.rule.canSee(caller.actor, marking))
      throw badRequest(
        'marking_hides_from_author',
        'This cable holds portions you are not cleared to read; someone cleared for all of it imports it.',
        [{ path, message: 'Above your clearance or releasability' }],
      );
    return marking;
  }

  private async coordinatorParty(): Promise<string> {
    const [party] = await coordinatorParties(this.db);
    if (!party)
      throw badRequest('no_coordinator', 'The deployment has no coordinator party to hold imported cables.');
    return party;
  }

  /** Writes a report, its paragraphs and their entity mentions in one transaction, and audits it. */
  async insert(caller: Caller | null, party: string, report: NewReport): Promise<string> {
    const directory = await this.repo.directoryNames();
    const action = report.source ? 'report.imported' : 'report.created';
    return this.change(caller, action, async ({ tx, now, audit, emit }) => {
      const row = await tx
        .insertInto('reports')
        .values({
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [position, paragraph] of report.paragraphs.entries())
        await this.insertParagraph(tx, row.id, position, paragraph, directory);
      await this.versions.record(
        tx,
        row.id,
        1,
        report.source ? 'imported' : 'created',
        caller?.actor.userId ?? null,
        now,
        report,
      );
      audit({
        subject: { type: 'report', id: row.id },
        after: report,
        details: report.source ? { source: report.source.key } : {},
        // Only those who may read all of it see that it was written.
        marking: combineMarkings(this.deployment.scheme, [
          report.headerMarking,
          ...report.paragraphs.map((paragraph) => paragraph.marking),
        ]),
      });
      emit(reportEvent(action, row.id));
      return row.id;
    });
  }

  private async insertParagraph(
    tx: Tx,
    reportId: string,
    position: number,
    paragraph: NewParagraph,
    directory: Awaited<ReturnType<ReportsRepository['directoryNames']>>,
  ) {
    const row = await tx
      .insertInto('report_paragraphs')
      .values({
        report_id: reportId,
        position,
        number: paragraph.number,
        heading: paragraph.heading,
        body: paragraph.text,
        search_extra: searchExtraOf(paragraph),
        anchor: paragraph.anchor,
        ...markingToColumns(paragraph.marking),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const mention of paragraph.mentions) {
      const normalized = normaliseName(mention.text);
      const link = directory.find((entry) => entry.names.some((name) => normaliseName(name) === normalized));
      const entityId = await this.repo.entityFor(
        tx,
        { kind: mention.kind, name: mention.text, normalized },
        link ? { type: link.type, id: link.id } : null,
        this.clock.now(),
      );
      await tx
        .insertInto('entity_mentions')
        .values({ entity_id: entityId, paragraph_id: row.id, start: mention.start, end: mention.end })
        .execute();
    }
  }

  markingFor(
    caller: Caller | null,
    parties: string[],
    input: z.output<typeof portionMarkingInputSchema>,
    path: string,
  ): Promise<Marking> {
    return resolveMarking(this.db, this.deployment, caller, { ...input, parties }, path);
  }

  /** Today's date where the deployment is. */
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.deployment.deployment.timeZone }).format(
      this.clock.now(),
    );
  }

  /** Reads of reports marked above the lowest level are audited, under the banner the reader saw. */
  private recordRead(caller: Caller, id: string, banner: Marking) {
    return this.reads.one(caller, { type: 'report', id }, banner);
  }

  /** Whether `actor` may read the report's header: used by searches and entity pages built on reports. */
  headerVisibleTo(actor: Actor) {
    return this.deployment.rule.where(actor, 'r');
  }
}

/** Names compare without regard to case, spacing or a leading "the". */
export const normaliseName = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
