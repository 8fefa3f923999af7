import type { ChannelActions, ChannelKind, ChannelStatus } from '../../../core/channels/rules';
import type { ChannelDetail, ChannelDto, MessageDto, MessageHit } from '../../../core/channels/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { PersonNameRow } from '../directory/directory-lookups.repository';
import { type ChannelRow, num } from './channels.repository';
import type { MessageHitRow, MessageView } from './messages.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const presentPerson = (row: PersonNameRow) => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  party: row.party,
});

export function presentChannel(
  scheme: ClassificationScheme,
  row: ChannelRow,
  actions: ChannelActions,
): ChannelDto {
  return {
    id: row.id,
    kind: row.kind as ChannelKind,
    name: row.name,
    status: row.status as ChannelStatus,
    requestId: row.request_id,
    marking: presentMarking(scheme, markingOfRow(row)),
    createdAt: row.created_at.toISOString(),
    closedAt: iso(row.closed_at),
    lastSeq: num(row.readable_last_seq ?? 0),
    lastReadSeq: num(row.last_read_seq),
    unread: num(row.unread),
    mentions: num(row.mentions),
    memberCount: num(row.member_count),
    actions,
  };
}

export function presentChannelDetail(
  scheme: ClassificationScheme,
  detail: { row: ChannelRow; members: PersonNameRow[] },
  actions: ChannelActions,
): ChannelDetail {
  return { ...presentChannel(scheme, detail.row, actions), members: detail.members.map(presentPerson) };
}

const authorOf = (row: {
  author_id: string;
  author_username: string;
  author_name: string;
  author_party: string | null;
}) =>
  presentPerson({
    id: row.author_id,
    username: row.author_username,
    display_name: row.author_name,
    party: row.author_party,
  });

export function presentMessage(scheme: ClassificationScheme, view: MessageView): MessageDto {
  const { row } = view;
  return {
    id: row.id,
    channelId: row.channel_id,
    seq: num(row.seq),
    author: authorOf(row),
    body: row.body,
    urgent: row.urgent,
    replyTo: row.reply_to_seq === null ? null : num(row.reply_to_seq),
    marking: presentMarking(scheme, markingOfRow(row)),
    mentions: view.mentions,
    attachments: view.attachments.map((file) => ({
      id: file.id,
      filename: file.filename,
      mediaType: file.media_type,
      size: file.size,
      sha256: file.sha256,
    })),
    createdAt: row.created_at.toISOString(),
    editedAt: iso(row.edited_at),
    deletedAt: iso(row.deleted_at),
    sharedAt: iso(row.shared_at),
    acknowledgedByMe: view.acknowledgedByMe,
    acknowledgements: view.acknowledgements && {
      acknowledged: view.acknowledgements.acknowledged.map((ack) => ({
        ...presentPerson(ack),
        at: ack.at.toISOString(),
      })),
      pending: view.acknowledgements.pending.map(presentPerson),
    },
    actions: view.actions,
  };
}

export function presentMessageHit(
  scheme: ClassificationScheme,
  hit: { row: MessageHitRow; snippet: string; highlights: [number, number][] },
): MessageHit {
  const { row } = hit;
  return {
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind as ChannelKind,
    seq: Number(row.seq),
    author: authorOf(row),
    createdAt: row.created_at.toISOString(),
    marking: presentMarking(scheme, markingOfRow(row)),
    snippet: hit.snippet,
    highlights: hit.highlights,
    rank: Number(row.rank),
  };
}
