import type { Db } from '../../platform/db/database';
import { deskLabels, displayNames, districtLabels } from '../directory/directory-lookups.repository';
import type {
  AttachmentRow,
  NoteRow,
  StoredAttachmentRow,
  StoredNoteRow,
} from './request-entries.repository';
import type {
  HandoverRow,
  HistoryRow,
  RequestRow,
  StoredHistoryRow,
  StoredRequestRow,
  storedHandoverOf,
} from './requests.repository';

type StoredHandover = Awaited<ReturnType<typeof storedHandoverOf>>;

/**
 * The names a request's views show beside its rows (district, desk, people),
 * asked of the directory in one batch per kind. A row whose district, desk or
 * author the directory does not know is left out, as the joins it replaces did.
 */

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));

export async function labelRequests(db: Db, rows: readonly StoredRequestRow[]): Promise<RequestRow[]> {
  if (rows.length === 0) return [];
  const [districts, desks, names] = await Promise.all([
    districtLabels(
      db,
      rows.map((row) => row.district_id),
    ).then(byId),
    deskLabels(
      db,
      rows.map((row) => row.receiving_desk_id),
    ).then(byId),
    displayNames(
      db,
      rows.flatMap((row) => [row.requested_by, ...(row.answer_drafted_by ? [row.answer_drafted_by] : [])]),
    ),
  ]);
  return rows.flatMap((row) => {
    const district = districts.get(row.district_id);
    const desk = desks.get(row.receiving_desk_id);
    const requester = names.get(row.requested_by);
    if (!district || !desk || requester === undefined) return [];
    return [
      {
        ...row,
        district_code: district.code,
        district_en: district.name_en,
        district_ar: district.name_ar,
        district_he: district.name_he,
        desk_code: desk.code,
        desk_en: desk.name_en,
        desk_ar: desk.name_ar,
        desk_he: desk.name_he,
        requester_name: requester,
        drafter_name: row.answer_drafted_by ? (names.get(row.answer_drafted_by) ?? null) : null,
      },
    ];
  });
}

export async function labelHistory(db: Db, rows: readonly StoredHistoryRow[]): Promise<HistoryRow[]> {
  const [desks, names] = await Promise.all([
    deskLabels(
      db,
      rows.flatMap((row) => (row.desk_id ? [row.desk_id] : [])),
    ).then(byId),
    displayNames(
      db,
      rows.flatMap((row) => (row.actor_id ? [row.actor_id] : [])),
    ),
  ]);
  return rows.map((row) => {
    const desk = row.desk_id ? desks.get(row.desk_id) : undefined;
    return {
      ...row,
      actor_name: (row.actor_id && names.get(row.actor_id)) ?? null,
      desk_code: desk?.code ?? null,
      desk_en: desk?.name_en ?? null,
      desk_ar: desk?.name_ar ?? null,
      desk_he: desk?.name_he ?? null,
    };
  });
}

export async function labelNotes(db: Db, rows: readonly StoredNoteRow[]): Promise<NoteRow[]> {
  const names = await displayNames(
    db,
    rows.map((row) => row.author_id),
  );
  return rows.flatMap((row) => {
    const author = names.get(row.author_id);
    return author === undefined ? [] : [{ ...row, author_name: author }];
  });
}

export async function labelAttachments(
  db: Db,
  rows: readonly StoredAttachmentRow[],
): Promise<AttachmentRow[]> {
  const names = await displayNames(
    db,
    rows.map((row) => row.uploaded_by),
  );
  return rows.flatMap((row) => {
    const uploader = names.get(row.uploaded_by);
    return uploader === undefined ? [] : [{ ...row, uploader_name: uploader }];
  });
}

/** A handover with its place and recorder named; none for a request not handed over. */
export async function labelHandover(
  db: Db,
  stored: StoredHandover | undefined,
): Promise<HandoverRow | undefined> {
  if (!stored) return undefined;
  const [[place], names] = await Promise.all([
    districtLabels(db, [stored.place_id]),
    displayNames(db, [stored.recorded_by]),
  ]);
  if (!place) return undefined;
  return {
    ...stored,
    recorder_name: names.get(stored.recorded_by) ?? '',
    place_code: place.code,
    place_en: place.name_en,
    place_ar: place.name_ar,
    place_he: place.name_he,
  };
}
