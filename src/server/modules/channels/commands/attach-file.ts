import { checkedFile } from '../../../platform/attachments';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { deletedError } from './checks';
import { ownMessage } from './own-message';

type Deps = Pick<ChannelsContext, 'db' | 'change' | 'membership' | 'channels' | 'messages' | 'details'>;

/**
 * Attaches a file to the caller's own message; it is read by whoever may
 * read the message. Its type is sniffed from the bytes, as for requests.
 */
export async function attachFile(
  deps: Deps,
  caller: Caller,
  id: string,
  seq: number,
  file: { filename: string; bytes: Buffer },
): Promise<string> {
  const row = await findChannel(deps, caller, id);
  const message = await ownMessage(deps, caller, row, seq);
  const { filename, mediaType, sha256 } = await checkedFile(file);
  return deps.change(caller, 'channel.message-attached', async ({ tx, now, audit, emit }) => {
    const locked = await deps.messages.lockMessage(tx, message.id);
    if (locked.deleted_at) throw deletedError();
    const attachment = await deps.details.insertAttachment(tx, {
      message_id: message.id,
      uploaded_by: caller.actor.userId,
      filename,
      media_type: mediaType,
      size: file.bytes.length,
      sha256,
      content: file.bytes,
      created_at: now,
    });
    audit({
      subject: { type: 'channel', id },
      details: { seq, attachmentId: attachment.id, mediaType, size: file.bytes.length, sha256 },
      marking: markingOfRow(message),
    });
    emit({
      type: 'message.updated',
      subjectType: 'channel',
      subjectId: id,
      data: { seq, change: 'attached', attachmentId: attachment.id },
    });
    return attachment.id;
  });
}
