import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest, conflict, notFound } from '../../../core/errors';
import { COORDINATING_ROLES, holdsAny } from '../../../core/identity/roles';
import { levelRank } from '../../../core/marking/marking';
import { type Gates, OPEN_STATUSES, type Relation, type Status } from '../../../core/requests/lifecycle';
import { requestReference } from '../../../core/requests/reference';
import type { RequestType } from '../../../core/requests/request-type';
import type { LinkedRecord, LinkKind, listRequestsQuerySchema } from '../../../core/requests/schemas';
import { internalRule, requestVisibility } from '../../../core/requests/visibility';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Db, Tx } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { Linkables } from '../../platform/links';
import { markingOfRow } from '../../platform/marked-records';
import { coordinatorParties } from '../../platform/parties.repository';
import type { ReadAudit } from '../../platform/read-audit';
import type { RequestThreads } from '../channels/request-threads.service';
import { deskIdsOf } from '../directory/directory-lookups.repository';
import * as entries from './request-entries.repository';
import { labelAttachments, labelHandover, labelHistory, labelNotes, labelRequests } from './request-labels';
import {
  findStoredRequest,
  historyOf,
  listRequests,
  type RequestRow,
  storedHandoverOf,
} from './requests.repository';

/** What the visibility of a request is decided on: its marking, its status and its requesting party. */
export type VisibleRequest = MarkingColumns & { status: string; from_party: string };

/**
 * The reads of requests that several routes and commands share. Every read
 * passes the access rule and the draft rule; a request the caller may not see
 * answers 404, exactly like one that does not exist. Writes are commands
 * (commands/*.ts); deadlines are in deadlines.service.ts.
 */
export class RequestsQueries {
  constructor(
    private readonly db: Db,
    private readonly deployment: DeploymentContext,
    private readonly reads: ReadAudit,
    private readonly threads: Pick<RequestThreads, 'read'>,
  ) {}

  types(): readonly RequestType[] {
    return this.deployment.deployment.requestTypes;
  }

  typeOf(code: string): RequestType | undefined {
    return this.types().find((type) => type.code === code);
  }

  requireType(code: string): RequestType {
    const type = this.typeOf(code);
    if (!type) throw conflict('request_type_retired', `The request type "${code}" is no longer configured.`);
    return type;
  }

  /**
   * What `actor` may see: the access rule, and drafts only by their own party
   * (the draft rule of core/requests/visibility.ts). `canSee` is the same in
   * memory. A condition over alias `r`; search uses it too.
   */
  condition(actor: Actor) {
    return requestVisibility.where(this.deployment.rule, actor, 'r');
  }

  /** `condition` in memory, for one row: live events and notifications use it. */
  canSee(actor: Actor, row: VisibleRequest) {
    return requestVisibility.canSee(this.deployment.rule, actor, {
      marking: markingOfRow(row),
      status: row.status,
      fromParty: row.from_party,
    });
  }

  /**
   * Who receives a live event about a request: whoever may see the request,
   * and for an internal note or attachment only its party. Resolved once per event.
   */
  async audienceOf(event: { subjectId: string; data: Record<string, unknown> }) {
    const row = await findStoredRequest(this.db, event.subjectId);
    const internalParty = typeof event.data.internalParty === 'string' ? event.data.internalParty : null;
    return (viewer: { actor: Actor }) =>
      row !== undefined &&
      this.canSee(viewer.actor, row) &&
      internalRule.canSee(viewer.actor, { internalParty });
  }

  /** Of `userIds`, those who may see the request: nobody is told of a record they could not open. */
  async visibleAmong(tx: Db | Tx, userIds: readonly string[], row: VisibleRequest) {
    const actors = await actorsOf(tx, userIds);
    return actors.filter((actor) => this.canSee(actor, row)).map((actor) => actor.userId);
  }

  async list(caller: Caller, query: z.output<typeof listRequestsQuerySchema>, linkables?: Linkables) {
    const offset = decodeCursor(query.cursor);
    const linked = await this.linkedFilter(caller, query, linkables);
    if (linked === 'none') return { rows: [], next: null };
    const party = caller.actor.party ?? '';
    const stored = await listRequests(
      this.db,
      this.condition(caller.actor),
      {
        status: query.status,
        statuses: query.state ? statesOf(query.state) : undefined,
        type: query.type,
        districtId: query.districtId,
        deskId: query.deskId,
        breached: query.breached === undefined ? undefined : query.breached === 'true',
        fromParty: query.box === 'sent' ? party : undefined,
        toParty: query.box === 'received' ? party : undefined,
        linkedTo: linked ?? undefined,
      },
      { limit: query.limit + 1, offset },
    );
    const more = stored.length > query.limit;
    const rows = await labelRequests(this.db, stored.slice(0, query.limit));
    // A page of requests above the lowest level is a read of them: one audit entry for the page.
    await this.reads.many(
      caller,
      { type: 'request' },
      rows.map((row) => ({ id: row.id, marking: markingOfRow(row) })),
    );
    return { rows, next: more ? encodeCursor(offset + query.limit) : null };
  }

  /**
   * `linkedKind` with `linkedId`: requests linked to that record. A record the
   * caller may not see has no links for them: the answer is as for a record
   * with none.
   */
  private async linkedFilter(
    caller: Caller,
    query: z.output<typeof listRequestsQuerySchema>,
    linkables: Linkables | undefined,
  ): Promise<{ kind: LinkKind; id: string } | 'none' | null> {
    const { linkedKind: kind, linkedId: id } = query;
    if (kind === undefined && id === undefined) return null;
    if (kind === undefined || id === undefined)
      throw badRequest('linked_needs_both', 'Give linkedKind and linkedId together.', [
        {
          path: `querystring.${kind === undefined ? 'linkedKind' : 'linkedId'}`,
          message: 'Needed with the other',
        },
      ]);
    if (!linkables || !(await linkables[kind](caller, id))) return 'none';
    return { kind, id };
  }

  /** One request the caller may see, or 404. */
  async find(caller: Caller, id: string): Promise<RequestRow> {
    const [row] = await labelRequests(
      this.db,
      await listRequests(this.db, this.condition(caller.actor), { id }),
    );
    if (!row) throw notFound('request_not_found', 'There is no such request.');
    return row;
  }

  /** The request with everything its page shows; links through `linkables`, each end by its own rule. */
  async detail(caller: Caller, id: string, linkables?: Linkables) {
    const row = await this.find(caller, id);
    const [history, notes, thread, attachments, links, relations, handover] = await Promise.all([
      historyOf(this.db, id, internalRule.where(caller.actor)).then((rows) => labelHistory(this.db, rows)),
      this.notesOf(caller, id),
      this.threads.read(caller, id),
      entries
        .attachments(this.db, id, internalRule.where(caller.actor, 'a'))
        .then((rows) => labelAttachments(this.db, rows)),
      linkables ? this.linksOf(caller, id, linkables) : Promise.resolve([]),
      this.relationsOf(caller, row),
      storedHandoverOf(this.db, id).then((stored) => labelHandover(this.db, stored)),
    ]);
    await this.recordRead(caller, row);
    return {
      row,
      history,
      notes,
      thread,
      attachments,
      links,
      relations,
      handover,
      gates: this.gatesOf(row, caller.actor.userId),
      // The drafted answer is the receiving party's own, like an internal note.
      answerDraft: internalRule.canSee(caller.actor, { internalParty: row.to_party })
        ? row.answer_draft
        : null,
      type: this.typeOf(row.type_code),
    };
  }

  /**
   * The records linked to the request that the caller may see: each found by
   * its own module's rule, so a link shows only where both ends are visible.
   */
  private async linksOf(caller: Caller, id: string, linkables: Linkables): Promise<LinkedRecord[]> {
    const stored = await entries.storedLinks(this.db, id);
    const found = await Promise.all(
      stored.map((link) => {
        const kind = link.target_kind as LinkKind;
        const otherId = link.request_id === id ? link.linked_id : link.request_id;
        return linkables[link.request_id === id ? kind : 'request'](caller, otherId);
      }),
    );
    const seen = new Set<string>();
    return found.filter((record): record is LinkedRecord => {
      if (!record || seen.has(`${record.kind}:${record.id}`)) return false;
      seen.add(`${record.kind}:${record.id}`);
      return true;
    });
  }

  /** A request as a link shows it, if the caller may see it. */
  async asLink(caller: Caller, id: string): Promise<LinkedRecord | null> {
    const [row] = await listRequests(this.db, this.condition(caller.actor), { id });
    if (!row) return null;
    return {
      kind: 'request',
      id: row.id,
      reference: requestReference(row.number),
      title: row.summary,
      type: row.type_code,
      status: row.status as Status,
      summary: row.summary,
    };
  }

  /** The thread as the caller reads it: the request's channel and their party's internal notes. */
  async thread(caller: Caller, id: string) {
    const row = await this.find(caller, id);
    const [notes, thread] = await Promise.all([this.notesOf(caller, id), this.threads.read(caller, id)]);
    return { row, notes, thread };
  }

  /** The request's internal notes the internal-entry rule shows the caller: those of their own party. */
  private async notesOf(caller: Caller, id: string) {
    return labelNotes(
      this.db,
      await entries.internalNotes(this.db, id, internalRule.where(caller.actor, 'c')),
    );
  }

  /** One attachment of a request the caller may see, without its content, if the internal-entry rule admits it. */
  async attachmentOf(caller: Caller, id: string, attachmentId: string) {
    const [attachment] = await labelAttachments(
      this.db,
      await entries.attachments(this.db, id, internalRule.where(caller.actor, 'a'), attachmentId),
    );
    if (!attachment) throw notFound('attachment_not_found', 'There is no such attachment.');
    return attachment;
  }

  /** A file of the thread with its bytes, if the caller may see the request and, for an internal one, is of its party. */
  async attachment(caller: Caller, id: string, attachmentId: string) {
    const row = await this.find(caller, id);
    const attachment = await this.attachmentOf(caller, id, attachmentId);
    await this.recordRead(caller, row);
    return { ...attachment, content: await entries.attachmentContent(this.db, attachmentId) };
  }

  /** How the caller stands to the request: the lifecycle decides what each relation may do. */
  async relationsOf(caller: Caller, row: RequestRow): Promise<Set<Relation>> {
    const relations = new Set<Relation>();
    const party = caller.actor.party;
    if (!party || !holdsAny(caller.roles, COORDINATING_ROLES)) return relations;
    if (party === row.from_party) relations.add('requester');
    if (party === row.to_party) {
      const onDesk = (await deskIdsOf(this.db, caller.actor.userId)).includes(row.receiving_desk_id);
      if (onDesk || caller.roles.includes('supervisor')) relations.add('receiver');
      if (caller.roles.includes('supervisor')) relations.add('reviewer');
    }
    if (caller.roles.includes('coordinator') && (await coordinatorParties(this.db)).includes(party))
      relations.add('coordinator');
    return relations;
  }

  /** What the request's type and record say beyond its state, for the lifecycle to check `userId`'s actions against. */
  gatesOf(
    row: Pick<
      RequestRow,
      'type_code' | 'co_signed_at' | 'marking_level' | 'answer_draft' | 'answer_drafted_by'
    >,
    userId: string,
  ): Gates {
    const type = this.typeOf(row.type_code);
    return {
      coSignature: { required: type?.coordinatorCoSigns ?? false, signed: row.co_signed_at !== null },
      review: {
        required: this.answersNeedApproval(type, row.marking_level),
        pending: row.answer_draft !== null,
        draftedByCaller: row.answer_drafted_by === userId,
      },
      handover: type?.handover ?? false,
    };
  }

  /** Four eyes: the type asks it for every answer, or for requests marked at its level or above. */
  private answersNeedApproval(type: RequestType | undefined, level: string): boolean {
    const approval = type?.answerApproval;
    if (!approval) return false;
    if (!approval.fromLevel) return true;
    const scheme = this.deployment.scheme;
    return levelRank(scheme, level) >= levelRank(scheme, approval.fromLevel);
  }

  /** Reads of requests marked above the deployment's lowest level are audited. */
  private recordRead(caller: Caller, row: RequestRow) {
    return this.reads.one(caller, { type: 'request', id: row.id }, markingOfRow(row));
  }
}

function statesOf(state: 'open' | 'closed'): readonly Status[] {
  return state === 'open' ? OPEN_STATUSES : ['denied', 'completed', 'not-found', 'cancelled', 'expired'];
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { offset: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // fall through to the refusal
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API gave out; start from the first page.', [
    { path: 'querystring.cursor', message: 'Unknown cursor' },
  ]);
}
