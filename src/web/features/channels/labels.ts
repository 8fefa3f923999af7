import type { ChannelKind } from '../../../core/channels/rules';

/** The translation keys of the channel kinds. */
export const KIND_LABELS = {
  standing: 'channels.kind.standing',
  request: 'channels.kind.request',
  working_group: 'channels.kind.working_group',
  crisis: 'channels.kind.crisis',
  hotline: 'channels.kind.hotline',
} as const satisfies Record<ChannelKind, string>;
