import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import type { Clock } from '../../../core/clock';
import { forbidden, notFound } from '../../../core/errors';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import type { createReportSchema, portionMarkingInputSchema } from '../../../core/reports/schemas';
import { auditActorOf, type Caller } from '../../platform/caller';
import { type Db, inTransaction, type Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { AuditService } from '../audit/audit.service';
import { ReportsRepository } from './reports.repository';

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
const AUTHOR_ROLES = ['coordinator', 'officer'] as const;

/**
 * Reports marked portion by portion. Every read passes the access rule twice:
 * on the header (title, subject, tags) and on each paragraph. A reader gets
 * only the portions they may see, under a banner computed from those alone;
 * a report whose header they may not see does not exist for them.
 */
export class ReportsService {
  readonly repo: ReportsRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly deployment: DeploymentContext,
    private readonly audit: AuditService,
  ) {
    this.repo = new ReportsRepository(db);
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

  /** The report as `caller` may read it, or 404. */
  async view(caller: Caller, id: string) {
    const [report] = await this.repo.list(this.deployment.rule.where(caller.actor, 'r'), { id });
    if (!report) throw notFound('report_not_found', 'There is no such report.');
    const paragraphs = await this.repo.paragraphs([id], this.deployment.rule.where(caller.actor, 'p'));
    const mentions = await this.repo.mentions(paragraphs.map((paragraph) => paragraph.id));
    const banner = this.bannerOf(report, paragraphs);
    await this.recordRead(caller, id, banner);
    return { report, paragraphs, mentions, banner };
  }

  /** The banner of what a reader sees: the header and the visible portions, combined. */
  bannerOf(report: ReportRow, paragraphs: readonly ParagraphRow[]): Marking {
    return combineMarkings(this.deployment.scheme, [markingOfRow(report), ...paragraphs.map(markingOfRow)]);
  }

  // ---- writing

  /** The coordinator's officers write reports; a party's people receive releases of them. */
  async authorParty(caller: Caller): Promise<string> {
    const party = caller.actor.party;
    const coordinator =
      party &&
      (await this.db.selectFrom('parties').select('kind').where('code', '=', party).executeTakeFirst())
        ?.kind === 'coordinator';
    if (!coordinator || !caller.roles.some((role) => (AUTHOR_ROLES as readonly string[]).includes(role)))
      throw forbidden('may_not_write_reports', "Reports are written by the coordinator's officers.");
    return party;
  }

  async create(caller: Caller, input: z.output<typeof createReportSchema>): Promise<string> {
    const party = await this.authorParty(caller);
    const mark = (marking: z.output<typeof portionMarkingInputSchema>, path: string) =>
      this.markingFor(caller, [party], marking, path);
    const lowest = `(${this.deployment.scheme.levels[0]?.code ?? 'U'})`;
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

  /** Writes a report, its paragraphs and their entity mentions in one transaction, and audits it. */
  async insert(caller: Caller | null, party: string, report: NewReport): Promise<string> {
    const now = this.clock.now();
    const directory = await this.repo.directoryNames();
    return inTransaction(this.db, async (tx) => {
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
        await this.insertParagraph(tx, row.id, position, paragraph, directory, now);
      await this.audit.record(tx, {
        action: report.source ? 'report.imported' : 'report.created',
        actor: caller ? auditActorOf(caller) : null,
        subject: { type: 'report', id: row.id },
        ip: caller?.ip ?? null,
        after: report,
        details: report.source ? { source: report.source.key } : {},
        // Only those who may read all of it see that it was written.
        marking: combineMarkings(this.deployment.scheme, [
          report.headerMarking,
          ...report.paragraphs.map((paragraph) => paragraph.marking),
        ]),
      });
      return row.id;
    });
  }

  private async insertParagraph(
    tx: Tx,
    reportId: string,
    position: number,
    paragraph: NewParagraph,
    directory: Awaited<ReturnType<ReportsRepository['directoryNames']>>,
    now: Date,
  ) {
    const row = await tx
      .insertInto('report_paragraphs')
      .values({
        report_id: reportId,
        position,
        number: paragraph.number,
        heading: paragraph.heading,
        body: paragraph.text,
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
        now,
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
  private async recordRead(caller: Caller, id: string, banner: Marking) {
    if (banner.level === this.deployment.scheme.levels[0]?.code) return;
    await inTransaction(this.db, (tx) =>
      this.audit.record(tx, {
        action: 'record.read',
        actor: auditActorOf(caller),
        subject: { type: 'report', id },
        ip: caller.ip,
        marking: banner,
      }),
    );
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
