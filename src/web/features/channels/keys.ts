/** Everything about channels that changes as people talk (the list, a channel, its messages). */
export const CHANNELS_KEY = ['channels'] as const;

export const channelKey = (id: string) => [...CHANNELS_KEY, 'detail', id] as const;
export const presenceKey = (id: string) => [...CHANNELS_KEY, 'presence', id] as const;
export const messagesKey = (id: string) => [...CHANNELS_KEY, 'messages', id] as const;
