import {
  allowedCommitmentActions,
  type CommitmentStatus,
  evidenceFileRefusal,
  isOpenCommitment,
  isOverdue,
} from '../../../core/commitments/lifecycle';
import type {
  CommitmentBoard,
  CommitmentDetail,
  CommitmentSummary,
  PartyTally,
} from '../../../core/commitments/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { CommitmentDetailView, CommitmentRow } from './commitments.queries';
import type { tallies } from './commitments.repository';

const iso = (at: Date | null) => at?.toISOString() ?? null;

export function presentCommitmentSummary(
  scheme: ClassificationScheme,
  row: CommitmentRow,
  today: string,
): CommitmentSummary {
  const status = row.status as CommitmentStatus;
  return {
    id: row.id,
    groupId: row.group_id,
    groupCode: row.group_code,
    meetingId: row.meeting_id,
    title: row.title,
    ownerParty: row.owner_party,
    owner: { id: row.owner_id, displayName: row.owner_name },
    dueOn: row.due_on,
    status,
    overdue: isOverdue(status, row.due_on, today),
    confirmed: row.confirmed_at !== null,
    updatedAt: row.updated_at.toISOString(),
    marking: presentMarking(scheme, markingOfRow(row)),
  };
}

/** One commitment for its reader, with the actions the lifecycle allows them now. */
export function presentCommitmentDetail(
  scheme: ClassificationScheme,
  view: CommitmentDetailView,
): CommitmentDetail {
  const { row, names, relations, standing } = view;
  const status = row.status as CommitmentStatus;
  const person = (id: string | null) =>
    id === null ? null : { id, displayName: names.get(id)?.display_name ?? '' };
  const leadOrOwner = relations.has('owner') || relations.has('owner-chair') || relations.has('secretary');
  return {
    ...presentCommitmentSummary(scheme, row, view.today),
    doneMeans: row.done_means,
    raisedBy: person(row.raised_by) as { id: string; displayName: string },
    dropReason: row.drop_reason,
    evidence:
      row.evidence_text !== null || row.evidence_id !== null || view.files.length > 0
        ? {
            text: row.evidence_text,
            link: view.evidenceLink,
            files: view.files.map((file) => ({
              id: file.id,
              filename: file.filename,
              mediaType: file.media_type,
              size: file.size,
              sha256: file.sha256,
              uploadedBy: {
                ...(person(file.uploaded_by) as { id: string; displayName: string }),
                party: file.uploader_party,
              },
              createdAt: file.created_at.toISOString(),
            })),
          }
        : null,
    completedAt: iso(row.completed_at),
    completedBy: person(row.completed_by),
    confirmedAt: iso(row.confirmed_at),
    confirmedBy: row.confirmed_by
      ? {
          ...(person(row.confirmed_by) as { id: string; displayName: string }),
          party: names.get(row.confirmed_by)?.party ?? null,
        }
      : null,
    createdAt: row.created_at.toISOString(),
    notes: view.notes.map((note) => ({
      id: note.id,
      body: note.body,
      internalParty: note.internal_party,
      author: {
        id: note.author_id,
        displayName: names.get(note.author_id)?.display_name ?? '',
        party: note.author_party,
      },
      createdAt: note.created_at.toISOString(),
    })),
    actions: allowedCommitmentActions({ status, confirmed: row.confirmed_at !== null }, relations),
    canEdit: leadOrOwner && isOpenCommitment(status),
    canNote: standing.member,
    canAttach: evidenceFileRefusal({ status, confirmed: row.confirmed_at !== null }, relations) === null,
  };
}

type TallyRow = Awaited<ReturnType<typeof tallies>>[number];

export function presentTally(row: TallyRow): PartyTally {
  const n = (value: string | number) => Number(value);
  const completed = n(row.completed);
  const overdue = n(row.overdue);
  const onTime = n(row.on_time);
  return {
    party: row.owner_party,
    promised: n(row.promised),
    open: n(row.open),
    inProgress: n(row.in_progress),
    overdue,
    awaitingConfirmation: n(row.awaiting),
    delivered: n(row.delivered),
    dropped: n(row.dropped),
    onTime,
    onTimeRate: completed + overdue === 0 ? null : onTime / (completed + overdue),
  };
}

export function presentBoard(
  scheme: ClassificationScheme,
  board: { today: string; counts: TallyRow[]; items: CommitmentRow[] },
): CommitmentBoard {
  return {
    today: board.today,
    parties: board.counts.map(presentTally),
    items: board.items.map((row) => presentCommitmentSummary(scheme, row, board.today)),
  };
}
