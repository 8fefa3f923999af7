import type { Expression, Insertable, SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { RequestAttachmentsTable, RequestCommentsTable } from '../../platform/db/schema';

/**
 * Kysely queries on what is written about a request besides its row: internal
 * notes, attachments and links. No policy here: callers pass the conditions
 * in (the internal-entry rule, the requests' visibility).
 */

type Queryable = Db | Tx;

/** The internal notes of the request that `visible` admits (over alias `c`; the rest of the thread is the request's channel). */
export function internalNotes(q: Queryable, requestId: string, visible: Expression<SqlBool>) {
  return q
    .selectFrom('request_comments as c')
    .selectAll('c')
    .where('c.request_id', '=', requestId)
    .where('c.internal_party', 'is not', null)
    .where(visible)
    .orderBy('c.seq')
    .execute();
}

export type StoredNoteRow = Awaited<ReturnType<typeof internalNotes>>[number];

/** A note as the thread shows it: with its author's name (from the directory). */
export type NoteRow = StoredNoteRow & { author_name: string };

export async function insertNote(q: Queryable, values: Insertable<RequestCommentsTable>): Promise<string> {
  const row = await q
    .insertInto('request_comments')
    .values(values)
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The request's attachments that `visible` admits (over alias `a`), without their content. */
export function attachments(
  q: Queryable,
  requestId: string,
  visible: Expression<SqlBool>,
  attachmentId?: string,
) {
  let query = q
    .selectFrom('request_attachments as a')
    .select([
      'a.id',
      'a.request_id',
      'a.filename',
      'a.media_type',
      'a.size',
      'a.sha256',
      'a.uploaded_by',
      'a.uploader_party',
      'a.internal_party',
      'a.created_at',
    ])
    .where('a.request_id', '=', requestId)
    .where(visible);
  if (attachmentId) query = query.where('a.id', '=', attachmentId);
  return query.orderBy('a.created_at').orderBy('a.filename').execute();
}

export type StoredAttachmentRow = Awaited<ReturnType<typeof attachments>>[number];

/** An attachment as the thread shows it: with its uploader's name (from the directory). */
export type AttachmentRow = StoredAttachmentRow & { uploader_name: string };

export async function attachmentContent(q: Queryable, attachmentId: string): Promise<Buffer> {
  const row = await q
    .selectFrom('request_attachments')
    .select('content')
    .where('id', '=', attachmentId)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.content);
}

export function insertAttachment(q: Queryable, values: Insertable<RequestAttachmentsTable>) {
  return q
    .insertInto('request_attachments')
    .values(values)
    .returning(['id', 'sha256'])
    .executeTakeFirstOrThrow();
}

/**
 * What `requestId` is linked to, as stored: records of any kind it links to,
 * and the requests that link to it (either way round for requests). Whether
 * the reader may see each end is for the caller to decide.
 */
export function storedLinks(q: Queryable, requestId: string) {
  return q
    .selectFrom('request_links')
    .select(['request_id', 'linked_id', 'target_kind', 'created_at'])
    .where((eb) =>
      eb.or([
        eb('request_id', '=', requestId),
        eb.and([eb('linked_id', '=', requestId), eb('target_kind', '=', 'request')]),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

/** Requests that link to a record of another module (a crisis room, a report), for that record's page. */
export function requestsLinkingTo(q: Queryable, kind: string, id: string) {
  return q
    .selectFrom('request_links')
    .select('request_id')
    .where('target_kind', '=', kind)
    .where('linked_id', '=', id)
    .execute();
}

/** Links a request to a record; linking them again changes nothing. */
export async function insertLink(
  q: Queryable,
  values: {
    request_id: string;
    linked_id: string;
    target_kind: string;
    created_by: string;
    created_at: Date;
  },
) {
  await q
    .insertInto('request_links')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
