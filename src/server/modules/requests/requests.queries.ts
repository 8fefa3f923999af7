import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest, conflict, notFound } from '../../../core/errors';
import { COORDINATING_ROLES, holdsAny } from '../../../core/identity/roles';
import type { CoSignature, Relation, Status } from '../../../core/requests/lifecycle';
import type { RequestType } from '../../../core/requests/request-type';
import type { listRequestsQuerySchema } from '../../../core/requests/schemas';
import { internalRule, requestVisibility } from '../../../core/requests/visibility';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Db, Tx } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow } from '../../platform/marked-records';
import { coordinatorParties } from '../../platform/parties.repository';
import type { ReadAudit } from '../../platform/read-audit';
import type { RequestThreads } from '../channels/request-threads.service';
import { deskIdsOf } from '../directory/directory-lookups.repository';
import * as entries from './request-entries.repository';
import { labelAttachments, labelHistory, labelNotes, labelRequests } from './request-labels';
import { findStoredRequest, historyOf, listRequests, type RequestRow } from './requests.repository';

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

  async list(caller: Caller, query: z.output<typeof listRequestsQuerySchema>) {
    const offset = decodeCursor(query.cursor);
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

  /** One request the caller may see, or 404. */
  async find(caller: Caller, id: string): Promise<RequestRow> {
    const [row] = await labelRequests(
      this.db,
      await listRequests(this.db, this.condition(caller.actor), { id }),
    );
    if (!row) throw notFound('request_not_found', 'There is no such request.');
    return row;
  }

  async detail(caller: Caller, id: string) {
    const row = await this.find(caller, id);
    const [history, notes, thread, attachments, links, relations] = await Promise.all([
      historyOf(this.db, id).then((rows) => labelHistory(this.db, rows)),
      this.notesOf(caller, id),
      this.threads.read(caller, id),
      entries
        .attachments(this.db, id, internalRule.where(caller.actor, 'a'))
        .then((rows) => labelAttachments(this.db, rows)),
      entries.links(this.db, id, this.condition(caller.actor)),
      this.relationsOf(caller, row),
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
      coSignature: this.coSignatureOf(row),
      type: this.typeOf(row.type_code),
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
    }
    if (caller.roles.includes('coordinator') && (await coordinatorParties(this.db)).includes(party))
      relations.add('coordinator');
    return relations;
  }

  coSignatureOf(row: { type_code: string; co_signed_at: Date | null }): CoSignature {
    return {
      required: this.typeOf(row.type_code)?.coordinatorCoSigns ?? false,
      signed: row.co_signed_at !== null,
    };
  }

  /** Reads of requests marked above the deployment's lowest level are audited. */
  private recordRead(caller: Caller, row: RequestRow) {
    return this.reads.one(caller, { type: 'request', id: row.id }, markingOfRow(row));
  }
}

function statesOf(state: 'open' | 'closed'): Status[] {
  const open: Status[] = [
    'submitted',
    'acknowledged',
    'info-requested',
    'approved',
    'approved-with-conditions',
    'in-progress',
  ];
  return state === 'open' ? open : ['denied', 'completed', 'cancelled', 'expired'];
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
