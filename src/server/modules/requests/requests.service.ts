import { randomUUID } from 'node:crypto';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { COORDINATING_ROLES } from '../../../core/identity/roles';
import type { Marking } from '../../../core/marking/marking';
import { fieldsSchema, summaryOf } from '../../../core/requests/fields';
import {
  type CoSignature,
  milestoneOf,
  nextStatus,
  type Relation,
  refusalOf,
  requirementOf,
  type Status,
} from '../../../core/requests/lifecycle';
import type { Priority, RequestType } from '../../../core/requests/request-type';
import type {
  commentInputSchema,
  createRequestSchema,
  listRequestsQuerySchema,
  TransitionInput,
  updateDraftSchema,
} from '../../../core/requests/schemas';
import { deadlinesOf, owedMilestone, timersOf } from '../../../core/requests/sla';
import { hebrewVariants } from '../../../core/search/search-text';
import { actorsOf } from '../../platform/actors';
import { checkedFile } from '../../platform/attachments';
import type { Caller } from '../../platform/caller';
import type { Change, Unit } from '../../platform/change';
import type { Db, Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow, markingToColumns, resolveMarking } from '../../platform/marked-records';
import type { ReadAudit } from '../../platform/read-audit';
import type { RequestThreads } from '../channels/request-threads.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { RequestsRepository } from './requests.repository';

export type RequestRow = Awaited<ReturnType<RequestsRepository['list']>>[number];

/**
 * Coordination requests between the parties: routing to the counterpart desk,
 * the lifecycle, the thread. Every read passes the access rule; a request the
 * caller may not see answers 404, exactly like one that does not exist.
 * Deadlines and escalation live in RequestDeadlines (deadlines.service.ts).
 */
export class RequestsService {
  readonly repo: RequestsRepository;

  constructor(
    private readonly db: Db,
    readonly deployment: DeploymentContext,
    private readonly change: Change,
    private readonly reads: ReadAudit,
    private readonly notifications: NotificationsService,
    private readonly threads: RequestThreads,
  ) {
    this.repo = new RequestsRepository(db);
  }

  types(): readonly RequestType[] {
    return this.deployment.deployment.requestTypes;
  }

  typeOf(code: string): RequestType | undefined {
    return this.types().find((type) => type.code === code);
  }

  // ---- reading

  /**
   * Who receives a live event about a request: whoever may see the request,
   * and for an internal note only the author's party. Resolved once per event.
   */
  async audienceOf(event: { subjectId: string; data: Record<string, unknown> }) {
    const row = await this.repo.findRaw(event.subjectId);
    const internalParty = typeof event.data.internalParty === 'string' ? event.data.internalParty : null;
    return (viewer: { actor: Actor }) =>
      row !== undefined &&
      this.canSee(viewer.actor, row) &&
      (internalParty === null || viewer.actor.party === internalParty);
  }

  /** `condition` in memory, for one row: live events and notifications use it. */
  canSee(actor: Actor, row: { status: string; from_party: string } & Parameters<typeof markingOfRow>[0]) {
    return (
      this.deployment.rule.canSee(actor, markingOfRow(row)) &&
      (row.status !== 'draft' || actor.party === row.from_party)
    );
  }

  async list(caller: Caller, query: z.output<typeof listRequestsQuerySchema>) {
    const offset = decodeCursor(query.cursor);
    const party = caller.actor.party ?? '';
    const rows = await this.repo.list(
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
    const more = rows.length > query.limit;
    return { rows: rows.slice(0, query.limit), next: more ? encodeCursor(offset + query.limit) : null };
  }

  /** One request the caller may see, or 404. */
  async find(caller: Caller, id: string): Promise<RequestRow> {
    const [row] = await this.repo.list(this.condition(caller.actor), { id });
    if (!row) throw notFound('request_not_found', 'There is no such request.');
    return row;
  }

  async detail(caller: Caller, id: string) {
    const row = await this.find(caller, id);
    const [history, notes, thread, attachments, links, relations] = await Promise.all([
      this.repo.history(id),
      this.repo.internalNotes(id, caller.actor.party),
      this.threads.read(caller, id),
      this.repo.attachments(id, caller.actor.party),
      this.repo.links(id, this.condition(caller.actor)),
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

  /**
   * What `actor` may see: the access rule, and drafts only by their own party
   * (a draft is not yet addressed to anyone). `canSee` is the same in memory.
   * A condition over alias `r`; search uses it too.
   */
  condition(actor: Actor) {
    const rule = this.deployment.rule.where(actor, 'r');
    return sql<SqlBool>`(${rule} and (r.status <> 'draft' or r.from_party = ${actor.party ?? ''}))`;
  }

  /** How the caller stands to the request: the lifecycle decides what each relation may do. */
  async relationsOf(caller: Caller, row: RequestRow): Promise<Set<Relation>> {
    const relations = new Set<Relation>();
    const party = caller.actor.party;
    if (!party || !caller.roles.some((role) => (COORDINATING_ROLES as readonly string[]).includes(role)))
      return relations;
    if (party === row.from_party) relations.add('requester');
    if (party === row.to_party) {
      const onDesk = (await this.repo.deskIdsOf(caller.actor.userId)).includes(row.receiving_desk_id);
      if (onDesk || caller.roles.includes('supervisor')) relations.add('receiver');
    }
    if (caller.roles.includes('coordinator') && (await this.repo.coordinatorParties()).includes(party))
      relations.add('coordinator');
    return relations;
  }

  coSignatureOf(row: { type_code: string; co_signed_at: Date | null }): CoSignature {
    return {
      required: this.typeOf(row.type_code)?.coordinatorCoSigns ?? false,
      signed: row.co_signed_at !== null,
    };
  }

  // ---- writing

  async create(caller: Caller, input: z.output<typeof createRequestSchema>): Promise<string> {
    const type = this.typeOf(input.type);
    if (!type) {
      const known = this.types()
        .map((t) => t.code)
        .join(', ');
      throw badRequest(
        'unknown_request_type',
        `Unknown request type "${input.type}"; this deployment has: ${known}.`,
        [{ path: 'body.type', message: `Unknown request type; one of: ${known}` }],
      );
    }
    const party = this.requestingParty(caller);
    const route = await this.route(caller, party, input.districtId, input.toParty);
    const fields = this.checkFields(type, input.fields, input.draft);
    const priority = input.priority ?? type.defaultPriority;
    const marking = await this.markingFor(caller, input.marking, [party, route.toParty]);
    await this.checkReceiverCanSee(route.receivingDeskId, marking);
    const action = input.draft ? 'request.drafted' : 'request.submitted';
    return this.change(caller, action, async (unit) => {
      const { tx, now } = unit;
      const row = await tx
        .insertInto('requests')
        .values({
          type_code: type.code,
          status: 'draft',
          priority,
          district_id: input.districtId,
          from_party: party,
          to_party: route.toParty,
          receiving_desk_id: route.receivingDeskId,
          requesting_desk_id: route.requestingDeskId,
          requested_by: caller.actor.userId,
          fields: JSON.stringify(fields),
          summary: summaryOf(type, fields),
          search_extra: searchExtraOfRequest(fields),
          created_at: now,
          updated_at: now,
          ...markingToColumns(marking),
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await this.history(tx, row.id, {
        kind: 'created',
        action: 'create',
        to: 'draft',
        caller,
        deskId: route.requestingDeskId,
        at: now,
      });
      if (!input.draft) await this.submit(unit, caller, row.id, type, priority, route.requestingDeskId);
      unit.audit({
        subject: { type: 'request', id: row.id },
        after: { type: type.code, priority, fields, district: input.districtId },
        details: { type: type.code, priority, toParty: route.toParty },
        marking,
      });
      return row.id;
    });
  }

  async updateDraft(caller: Caller, id: string, input: z.output<typeof updateDraftSchema>) {
    const row = await this.find(caller, id);
    if (row.status !== 'draft')
      throw conflict(
        'not_a_draft',
        'Only a draft can be edited; a submitted request is changed through its thread.',
      );
    if (!(await this.relationsOf(caller, row)).has('requester'))
      throw forbidden('not_yours', 'Only the requesting party edits its drafts.');
    const type = this.requireType(row.type_code);
    const fields = input.fields ? this.checkFields(type, input.fields, true) : row.fields;
    await this.change(caller, 'request.updated', async ({ tx, now, audit }) => {
      await tx
        .updateTable('requests')
        .set({
          fields: JSON.stringify(fields),
          summary: summaryOf(type, fields),
          search_extra: searchExtraOfRequest(fields),
          priority: input.priority ?? row.priority,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      audit({
        subject: { type: 'request', id },
        before: row.fields,
        after: fields,
        marking: markingOfRow(row),
      });
    });
  }

  async transition(caller: Caller, id: string, input: TransitionInput): Promise<void> {
    const row = await this.find(caller, id);
    const relations = await this.relationsOf(caller, row);
    this.refuseUnlessAllowed(input, row, relations);
    const type = this.requireType(row.type_code);
    if (input.action === 'submit') this.checkFields(type, row.fields, false);
    const deskId = await this.actingDesk(caller, row, relations);
    await this.change(caller, 'request.transitioned', async (unit) => {
      const locked = await this.repo.lockRequest(unit.tx, id);
      if (locked.status !== row.status || (locked.co_signed_at === null) !== (row.co_signed_at === null))
        throw conflict(
          'request_changed',
          `The request changed meanwhile (it is now ${locked.status}); look again.`,
        );
      await this.apply(unit, caller, row, type, input, deskId);
      unit.audit({
        subject: { type: 'request', id },
        before: { status: row.status },
        after: {
          status: nextStatus(input.action, row.status as Status),
          reason: input.reason,
          conditions: input.conditions,
        },
        details: { action: input.action },
        marking: markingOfRow(row),
      });
    });
  }

  /** The thread as the caller reads it: the request's channel and their party's internal notes. */
  async thread(caller: Caller, id: string) {
    const row = await this.find(caller, id);
    const [notes, thread] = await Promise.all([
      this.repo.internalNotes(id, caller.actor.party),
      this.threads.read(caller, id),
    ]);
    return { row, notes, thread };
  }

  /**
   * Writes in the request's thread: a message of the request's channel, or
   * an internal note kept to the author's party. Answers the id of what was
   * written (for a message posted before with the same key, that message).
   */
  async comment(caller: Caller, id: string, input: z.output<typeof commentInputSchema>): Promise<string> {
    const row = await this.find(caller, id);
    const party = this.threadParty(caller, row, await this.relationsOf(caller, row));
    if (!input.internal) {
      const { channelId, seq } = await this.threads.post(caller, id, {
        body: input.body,
        idempotencyKey: input.idempotencyKey ?? randomUUID(),
      });
      return this.threads.messageId(channelId, seq);
    }
    return this.change(caller, 'request.commented', async ({ tx, now, audit, emit }) => {
      const comment = await tx
        .insertInto('request_comments')
        .values({
          request_id: id,
          author_id: caller.actor.userId,
          author_party: party,
          body: input.body,
          internal_party: party,
          created_at: now,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await tx.updateTable('requests').set({ updated_at: now }).where('id', '=', id).execute();
      audit({
        subject: { type: 'request', id },
        after: { body: input.body, internal: true },
        details: { commentId: comment.id, internal: true },
        // An internal note's audit entry is as private as the note.
        marking: { ...markingOfRow(row), parties: [party] },
      });
      emit({
        type: 'request.commented',
        subjectType: 'request',
        subjectId: id,
        data: { commentId: comment.id, internalParty: party },
      });
      return comment.id;
    });
  }

  /**
   * Adds a file to the thread. Its type is sniffed from the bytes; a name or
   * a Content-Type the client sends decides nothing.
   */
  async attach(caller: Caller, id: string, file: { filename: string; internal: boolean; bytes: Buffer }) {
    const row = await this.find(caller, id);
    const party = this.threadParty(caller, row, await this.relationsOf(caller, row));
    const { filename, mediaType, sha256 } = await checkedFile(file);
    const internalParty = file.internal ? party : null;
    return this.change(caller, 'request.attachment-added', async ({ tx, now, audit, emit }) => {
      const attachment = await tx
        .insertInto('request_attachments')
        .values({
          request_id: id,
          uploaded_by: caller.actor.userId,
          uploader_party: party,
          filename,
          media_type: mediaType,
          size: file.bytes.length,
          sha256,
          content: file.bytes,
          internal_party: internalParty,
          created_at: now,
        })
        .returning(['id', 'sha256'])
        .executeTakeFirstOrThrow();
      await tx.updateTable('requests').set({ updated_at: now }).where('id', '=', id).execute();
      const marking = markingOfRow(row);
      audit({
        subject: { type: 'request', id },
        details: {
          attachmentId: attachment.id,
          mediaType,
          size: file.bytes.length,
          sha256: attachment.sha256,
        },
        marking: internalParty ? { ...marking, parties: [internalParty] } : marking,
      });
      emit({
        type: 'request.attached',
        subjectType: 'request',
        subjectId: id,
        data: { attachmentId: attachment.id, internalParty },
      });
      return attachment.id;
    });
  }

  /** A file of the thread with its bytes, if the caller may see the request and, for an internal one, is of its party. */
  async attachment(caller: Caller, id: string, attachmentId: string) {
    const row = await this.find(caller, id);
    const [attachment] = await this.repo.attachments(id, caller.actor.party, attachmentId);
    if (!attachment) throw notFound('attachment_not_found', 'There is no such attachment.');
    await this.recordRead(caller, row);
    return { ...attachment, content: await this.repo.attachmentContent(attachmentId) };
  }

  /** Relates two requests the caller may see (a movement to the incident it follows, say). */
  async link(caller: Caller, id: string, linkedId: string) {
    const row = await this.find(caller, id);
    this.threadParty(caller, row, await this.relationsOf(caller, row));
    if (linkedId === id) throw badRequest('link_to_itself', 'A request cannot be linked to itself.');
    const linked = await this.find(caller, linkedId).catch(() => {
      throw badRequest('unknown_linked_request', 'There is no such request to link.', [
        { path: 'body.requestId', message: 'Unknown request' },
      ]);
    });
    await this.change(caller, 'request.linked', async ({ tx, now, audit, emit }) => {
      await tx
        .insertInto('request_links')
        .values({ request_id: id, linked_id: linked.id, created_by: caller.actor.userId, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
      audit({
        subject: { type: 'request', id },
        details: { linkedId: linked.id },
        marking: markingOfRow(row),
      });
      emit({ type: 'request.linked', subjectType: 'request', subjectId: id, data: { linkedId } });
    });
  }

  // ---- the pieces

  /** The party a thread entry is written for; only the request's parties and the coordinator write. */
  private threadParty(caller: Caller, row: RequestRow, relations: Set<Relation>): string {
    if (row.status === 'draft' || relations.size === 0 || !caller.actor.party)
      throw forbidden(
        'may_not_comment',
        "Only the request's parties and the coordinator write in its thread.",
      );
    return caller.actor.party;
  }

  private requestingParty(caller: Caller): string {
    const party = caller.actor.party;
    if (!party || !caller.roles.some((role) => (COORDINATING_ROLES as readonly string[]).includes(role)))
      throw forbidden(
        'may_not_request',
        'Only officers, supervisors and coordinators of a party send requests.',
      );
    return party;
  }

  /**
   * A request goes to the other party's desk for the district: the counterpart
   * of the requester's own desk there, or the one desk of another party. A
   * coordinator names the party it asks.
   */
  private async route(caller: Caller, party: string, districtId: string, toParty?: string) {
    const place = await this.repo.placeOf(districtId);
    if (!place)
      throw badRequest('unknown_district', 'There is no such district.', [
        { path: 'body.districtId', message: 'Unknown district' },
      ]);
    const desks = await this.repo.desksIn(place.deskDistrictIds);
    const myDeskIds = new Set(await this.repo.deskIdsOf(caller.actor.userId));
    const requestingDesk = desks.find((desk) => myDeskIds.has(desk.id)) ?? null;
    const isCoordinator = (await this.repo.partyKind(party)) === 'coordinator';
    if (isCoordinator && !toParty)
      throw badRequest('to_party_required', 'A coordinator names the party the request is for.', [
        { path: 'body.toParty', message: 'Required for a coordinator: the party the request is for' },
      ]);
    if (toParty === party)
      throw badRequest('to_own_party', 'A request goes to another party.', [
        { path: 'body.toParty', message: 'Not your own party' },
      ]);
    const candidates = desks.filter(
      (desk) =>
        desk.party_code !== party && desk.kind === 'party' && (!toParty || desk.party_code === toParty),
    );
    const counterpart =
      requestingDesk?.counterpart_id && candidates.find((desk) => desk.id === requestingDesk.counterpart_id);
    const receiving = counterpart || (candidates.length === 1 ? candidates[0] : undefined);
    if (!receiving)
      throw badRequest(
        'no_receiving_desk',
        `No desk of ${toParty ?? 'the other party'} receives requests for ${place.place.name_en}.`,
        [{ path: 'body.districtId', message: 'No receiving desk for this district' }],
      );
    return {
      toParty: receiving.party_code,
      receivingDeskId: receiving.id,
      requestingDeskId: requestingDesk?.id ?? null,
    };
  }

  private checkFields(type: RequestType, values: unknown, draft: boolean) {
    const result = fieldsSchema(type, { draft }).safeParse(values);
    if (result.success) return result.data as Record<string, string | number>;
    const issues = result.error.issues.map((issue) => ({
      path: ['body', 'fields', ...issue.path].join('.'),
      message: issue.message,
    }));
    throw badRequest(
      'invalid_fields',
      `The ${type.names.en} form has ${issues.length} problem(s): ${issues[0]?.message}.`,
      issues,
    );
  }

  /** The audience of a request is always its two parties and the coordinator that brokers between them. */
  private async markingFor(
    caller: Caller,
    input: z.output<typeof createRequestSchema>['marking'],
    parties: string[],
  ): Promise<Marking> {
    const lowest = this.deployment.lowest;
    const coordinators = await this.repo.coordinatorParties();
    return resolveMarking(
      this.db,
      this.deployment,
      caller,
      {
        classification: input?.classification ?? `(${lowest})`,
        parties: [...parties, ...coordinators],
        groups: input?.groups ?? [],
      },
      'body.marking',
    );
  }

  /** A request its receiving desk cannot read would sit unanswered: refuse it while the author can fix it. */
  private async checkReceiverCanSee(deskId: string, marking: Marking) {
    const actors = await actorsOf(this.db, await this.repo.deskMemberIds(deskId));
    if (actors.length > 0 && !actors.some((actor) => this.deployment.rule.canSee(actor, marking)))
      throw badRequest(
        'marking_hides_from_receiver',
        'Nobody at the receiving desk could read a request marked this way: lower the level, or remove the releasability limit or groups.',
        [{ path: 'body.marking.classification', message: 'The receiving desk could not read it' }],
      );
  }

  private refuseUnlessAllowed(input: TransitionInput, row: RequestRow, relations: Set<Relation>) {
    const refusal = refusalOf(input.action, row.status as Status, relations, this.coSignatureOf(row));
    if (refusal?.kind === 'wrong-state') throw conflict('transition_not_allowed', refusal.message);
    if (refusal) throw forbidden('not_your_action', refusal.message);
    const needed = requirementOf(input.action);
    if (needed && !input[needed])
      throw badRequest(
        `missing_${needed}`,
        `"${input.action}" needs ${needed === 'reason' ? 'a reason' : 'the conditions'}.`,
        [{ path: `body.${needed}`, message: needed === 'reason' ? 'Say why' : 'State the conditions' }],
      );
  }

  /** The desk the caller acts from: the receiving or requesting desk they staff, if any. */
  private async actingDesk(caller: Caller, row: RequestRow, relations: Set<Relation>) {
    const mine = new Set(await this.repo.deskIdsOf(caller.actor.userId));
    if (relations.has('receiver') && mine.has(row.receiving_desk_id)) return row.receiving_desk_id;
    if (row.requesting_desk_id && mine.has(row.requesting_desk_id)) return row.requesting_desk_id;
    return null;
  }

  /** Changes the row, writes the history, tells the requester and pushes the news. */
  private async apply(
    unit: Unit,
    caller: Caller,
    row: RequestRow,
    type: RequestType,
    input: TransitionInput,
    deskId: string | null,
  ): Promise<void> {
    if (input.action === 'submit')
      return this.submit(unit, caller, row.id, type, row.priority as Priority, deskId);
    const { tx, now } = unit;
    const from = row.status as Status;
    const to = nextStatus(input.action, from);
    const milestone = milestoneOf(input.action);
    const coSign = input.action === 'co-sign';
    await tx
      .updateTable('requests')
      .set({
        status: to,
        updated_at: now,
        next_due_at: this.nextDue(row, to),
        ...(milestone === 'acknowledged' && { acknowledged_at: now }),
        ...(milestone === 'responded' && { responded_at: now }),
        ...((milestone === 'resolved' || to === 'denied') && { resolved_at: now }),
        ...(input.conditions && { conditions: input.conditions }),
        ...(coSign && { co_signed_at: now, co_signed_by: caller.actor.userId }),
      })
      .where('id', '=', row.id)
      .execute();
    await this.history(tx, row.id, {
      kind: 'transition',
      action: input.action,
      from,
      to,
      caller,
      deskId,
      reason: input.reason,
      conditions: input.conditions,
      at: now,
    });
    unit.emit({
      type: 'request.transitioned',
      subjectType: 'request',
      subjectId: row.id,
      data: { action: input.action, status: to },
    });
    // The requester hears of every move the other side (or the coordinator) makes.
    if (row.requested_by !== caller.actor.userId && input.action !== 'cancel')
      await this.notifications.notify(unit, await this.visibleAmong(tx, [row.requested_by], row), {
        kind: 'request.transitioned',
        requestId: row.id,
        priority: row.priority as Priority,
        detail: coSign ? 'co-signed' : to,
        at: now,
      });
  }

  /** From draft to the receiving desk: the SLA clock starts and the timers are stored with the request. */
  private async submit(
    unit: Unit,
    caller: Caller,
    id: string,
    type: RequestType,
    priority: Priority,
    deskId: string | null,
  ): Promise<void> {
    const { tx, now } = unit;
    const due = deadlinesOf(type, priority, now);
    await tx
      .updateTable('requests')
      .set({
        status: 'submitted',
        submitted_at: now,
        updated_at: now,
        acknowledge_due_at: due.acknowledge,
        respond_due_at: due.respond,
        resolve_due_at: due.resolve,
        next_due_at: due.acknowledge,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('request_deadlines')
      .values(
        timersOf(type, priority, now).map((timer) => ({
          request_id: id,
          kind: timer.kind,
          due_at: timer.dueAt,
          step: timer.kind === 'escalate' ? timer.step : null,
          milestone: timer.kind === 'breach' ? timer.milestone : null,
        })),
      )
      .execute();
    await this.history(tx, id, {
      kind: 'transition',
      action: 'submit',
      from: 'draft',
      to: 'submitted',
      caller,
      deskId,
      at: now,
    });
    await this.threads.open(unit, id, caller.actor.userId);
    unit.emit({ type: 'request.submitted', subjectType: 'request', subjectId: id, data: { priority } });
  }

  private nextDue(row: RequestRow, status: Status): Date | null {
    const owed = owedMilestone(status);
    if (owed === 'acknowledge') return row.acknowledge_due_at;
    if (owed === 'respond') return row.respond_due_at;
    if (owed === 'resolve') return row.resolve_due_at;
    return null;
  }

  /** Of `userIds`, those who may see the request: nobody is told of a record they could not open. */
  async visibleAmong(tx: Tx, userIds: readonly string[], row: Parameters<RequestsService['canSee']>[1]) {
    const actors = await actorsOf(tx, userIds);
    return actors.filter((actor) => this.canSee(actor, row)).map((actor) => actor.userId);
  }

  history(
    tx: Tx,
    requestId: string,
    entry: {
      kind: 'created' | 'transition' | 'escalation' | 'breach';
      action: string;
      from?: string | null;
      to?: string | null;
      caller?: Caller | null;
      deskId?: string | null;
      reason?: string | undefined;
      conditions?: string | undefined;
      detail?: string | null;
      at: Date;
    },
  ) {
    return tx
      .insertInto('request_history')
      .values({
        request_id: requestId,
        kind: entry.kind,
        action: entry.action,
        from_status: entry.from ?? null,
        to_status: entry.to ?? null,
        actor_id: entry.caller?.actor.userId ?? null,
        actor_party: entry.caller?.actor.party ?? null,
        desk_id: entry.deskId ?? null,
        reason: entry.reason ?? null,
        conditions: entry.conditions ?? null,
        detail: entry.detail ?? null,
        at: entry.at,
      })
      .execute();
  }

  private requireType(code: string): RequestType {
    const type = this.typeOf(code);
    if (!type) throw conflict('request_type_retired', `The request type "${code}" is no longer configured.`);
    return type;
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

/** The prefix-free forms of the Hebrew words of a request's form: its summary is made of them too. */
const searchExtraOfRequest = (fields: Record<string, string | number>) =>
  hebrewVariants(Object.values(fields).join(' '));
