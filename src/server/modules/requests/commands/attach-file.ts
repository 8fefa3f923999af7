import { trailMarking } from '../../../../core/requests/visibility';
import { checkedFile } from '../../../platform/attachments';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { insertAttachment } from '../request-entries.repository';
import { updateRequest } from '../requests.repository';
import { threadParty } from './checks';
import type { RequestCommandDeps } from './deps';

/**
 * Adds a file to the request's thread, shared or kept to the uploader's party
 * (`internal`). Its type is sniffed from the bytes; a name or a Content-Type
 * the client sends decides nothing. Answers the attachment's id.
 */
export async function attachFile(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  file: { filename: string; internal: boolean; bytes: Buffer },
): Promise<string> {
  const { queries } = deps;
  const row = await queries.find(caller, id);
  const party = threadParty(caller, row, await queries.relationsOf(caller, row));
  const { filename, mediaType, sha256 } = await checkedFile(file);
  const internalParty = file.internal ? party : null;
  return deps.change(caller, 'request.attachment-added', async ({ tx, now, audit, emit }) => {
    const attachment = await insertAttachment(tx, {
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
    });
    await updateRequest(tx, id, { updated_at: now });
    const marking = trailMarking(markingOfRow(row), { status: row.status, fromParty: row.from_party });
    audit({
      subject: { type: 'request', id },
      details: {
        attachmentId: attachment.id,
        mediaType,
        size: file.bytes.length,
        sha256: attachment.sha256,
      },
      // An internal file's audit entry is as private as the file.
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
