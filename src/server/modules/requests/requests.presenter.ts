import { type Marking, sameMarking } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import { fieldsJsonSchema } from '../../../core/requests/fields';
import { allowedActions, type Gates, type Relation, type Status } from '../../../core/requests/lifecycle';
import type { Priority, RequestType } from '../../../core/requests/request-type';
import type {
  AttachmentDto,
  CommentDto,
  LinkedRecord,
  RequestDetail,
  RequestSummary,
  RequestTypeView,
  TimelineEntry,
} from '../../../core/requests/schemas';
import { isImmediateAlert, type Milestone, owedMilestone } from '../../../core/requests/sla';
import type { AnswerDraft } from '../../platform/db/schema';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { MessageRow } from '../channels/messages.repository';
import type { RequestThread } from '../channels/request-threads.service';
import { requestReference } from '../notifications/reference';
import type { AttachmentRow, NoteRow } from './request-entries.repository';
import type { HandoverRow, HistoryRow, RequestRow } from './requests.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const names = (en: string, ar: string, he: string) => ({ en, ar, he });

export function presentRequestType(type: RequestType): RequestTypeView {
  return {
    code: type.code,
    names: type.names,
    description: type.description ?? null,
    defaultPriority: type.defaultPriority,
    sla: type.sla,
    escalation: {
      steps: type.escalation.steps,
      repeatEveryMinutes: type.escalation.repeatEveryMinutes ?? null,
    },
    coordinatorCoSigns: type.coordinatorCoSigns,
    answerApproval: type.answerApproval ? { fromLevel: type.answerApproval.fromLevel ?? null } : null,
    handover: type.handover,
    crisisRoom: type.crisisRoom,
    category: type.category ?? null,
    ledger: type.ledger,
    expiresAfterHours: type.expiresAfterHours,
    fields: type.fields.map((field) => ({
      key: field.key,
      kind: field.kind,
      labels: field.labels,
      help: field.help ?? null,
      required: field.required,
      options: field.options ?? null,
      min: field.min ?? null,
      max: field.max ?? null,
      maxLength: field.maxLength ?? null,
    })),
    schema: fieldsJsonSchema(type),
  };
}

export function presentRequestSummary(
  scheme: ClassificationScheme,
  row: RequestRow,
  type: RequestType | undefined,
): RequestSummary {
  const owed = owedMilestone(row.status as Status);
  return {
    id: row.id,
    reference: requestReference(row.number),
    type: row.type_code,
    status: row.status as Status,
    priority: row.priority as Priority,
    summary: row.summary,
    district: {
      id: row.district_id,
      code: row.district_code,
      names: names(row.district_en, row.district_ar, row.district_he),
    },
    fromParty: row.from_party,
    toParty: row.to_party,
    receivingDesk: {
      id: row.receiving_desk_id,
      code: row.desk_code,
      names: names(row.desk_en, row.desk_ar, row.desk_he),
    },
    requestedBy: { id: row.requested_by, displayName: row.requester_name },
    createdAt: row.created_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    updatedAt: row.updated_at.toISOString(),
    deadlines: {
      acknowledgeBy: iso(row.acknowledge_due_at),
      respondBy: iso(row.respond_due_at),
      resolveBy: iso(row.resolve_due_at),
      next: owed && row.next_due_at ? { milestone: owed, at: row.next_due_at.toISOString() } : null,
      breached: row.breached as Milestone[],
    },
    coSigned: row.co_signed_at !== null,
    escalationLevel: Math.max(0, row.escalation_level - (type && isImmediateAlert(type, 0) ? 1 : 0)),
    marking: presentMarking(scheme, markingOfRow(row)),
  };
}

function presentTimelineEntry(entry: HistoryRow): TimelineEntry {
  return {
    id: entry.id,
    kind: entry.kind as TimelineEntry['kind'],
    action: entry.action as TimelineEntry['action'],
    fromStatus: entry.from_status as Status | null,
    toStatus: entry.to_status as Status | null,
    actor: entry.actor_id ? { id: entry.actor_id, displayName: entry.actor_name ?? '' } : null,
    actorParty: entry.actor_party,
    desk:
      entry.desk_id && entry.desk_code
        ? {
            id: entry.desk_id,
            code: entry.desk_code,
            names: names(entry.desk_en ?? '', entry.desk_ar ?? '', entry.desk_he ?? ''),
          }
        : null,
    reason: entry.reason,
    conditions: entry.conditions,
    detail: entry.detail,
    at: entry.at.toISOString(),
  };
}

const presentNote = (note: NoteRow): CommentDto => ({
  id: note.id,
  author: { id: note.author_id, displayName: note.author_name },
  authorParty: note.author_party,
  body: note.body,
  internal: true,
  seq: null,
  urgent: false,
  createdAt: note.created_at.toISOString(),
  editedAt: null,
  deletedAt: null,
  marking: null,
});

function presentThreadMessage(
  scheme: ClassificationScheme,
  request: Marking,
  message: MessageRow,
): CommentDto {
  const marking = markingOfRow(message);
  return {
    id: message.id,
    author: { id: message.author_id, displayName: message.author_name },
    authorParty: message.author_party ?? '',
    body: message.body ?? '',
    internal: false,
    seq: Number(message.seq),
    urgent: message.urgent,
    createdAt: message.created_at.toISOString(),
    editedAt: iso(message.edited_at),
    deletedAt: iso(message.deleted_at),
    marking: sameMarking(marking, request) ? null : presentMarking(scheme, marking),
  };
}

/** The request's thread and the caller's internal notes, as one conversation in the order it was written. */
export function presentThread(
  scheme: ClassificationScheme,
  row: RequestRow,
  entries: { notes: NoteRow[]; thread: RequestThread | null },
): CommentDto[] {
  const marking = markingOfRow(row);
  return [
    ...entries.notes.map(presentNote),
    ...(entries.thread?.messages ?? []).map((message) => presentThreadMessage(scheme, marking, message)),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export const presentAttachment = (attachment: AttachmentRow): AttachmentDto => ({
  id: attachment.id,
  filename: attachment.filename,
  mediaType: attachment.media_type,
  size: attachment.size,
  uploadedBy: { id: attachment.uploaded_by, displayName: attachment.uploader_name },
  uploaderParty: attachment.uploader_party,
  internal: attachment.internal_party !== null,
  createdAt: attachment.created_at.toISOString(),
});

const presentHandover = (handover: HandoverRow) => ({
  place: {
    id: handover.place_id,
    code: handover.place_code,
    names: names(handover.place_en, handover.place_ar, handover.place_he),
  },
  at: handover.at.toISOString(),
  receivedBy: handover.received_by,
  condition: handover.condition,
  recordedBy: { id: handover.recorded_by, displayName: handover.recorder_name },
});

/** The request as the caller sees it, with what they may do now: the UI offers only that. */
export function presentRequestDetail(
  scheme: ClassificationScheme,
  detail: {
    row: RequestRow;
    history: HistoryRow[];
    notes: NoteRow[];
    thread: RequestThread | null;
    attachments: AttachmentRow[];
    links: LinkedRecord[];
    relations: Set<Relation>;
    gates: Gates;
    /** Only for the receiving party (the query decides). */
    answerDraft: AnswerDraft | null;
    handover: HandoverRow | undefined;
    type: RequestType | undefined;
  },
): RequestDetail {
  const { row, relations } = detail;
  const mayComment = row.status !== 'draft' && relations.size > 0;
  return {
    ...presentRequestSummary(scheme, row, detail.type),
    fields: row.fields,
    conditions: row.conditions,
    timeline: detail.history.map(presentTimelineEntry),
    comments: presentThread(scheme, row, detail),
    attachments: detail.attachments.map(presentAttachment),
    links: detail.links,
    answerDraft: detail.answerDraft && {
      answer: detail.answerDraft.answer,
      conditions: detail.answerDraft.conditions ?? null,
      reason: detail.answerDraft.reason ?? null,
      draftedBy: { id: row.answer_drafted_by ?? '', displayName: row.drafter_name ?? '' },
      draftedAt: iso(row.answer_drafted_at) ?? '',
    },
    handover: detail.handover ? presentHandover(detail.handover) : null,
    actions: allowedActions(row.status as Status, relations, detail.gates),
    mayComment,
    mayWriteInternal: mayComment,
    mayOpenCrisisRoom:
      (detail.type?.crisisRoom ?? false) &&
      relations.has('coordinator') &&
      row.status !== 'draft' &&
      !detail.links.some((link) => link.kind === 'channel'),
    thread: detail.thread && { channelId: detail.thread.channelId, member: detail.thread.member },
  };
}
