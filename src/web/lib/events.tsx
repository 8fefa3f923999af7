import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { isLiveEvent, LIVE_CLOSE, type LiveEvent, type LiveMessage } from '../../core/events/live';
import { ME_KEY } from './query-client';

/** `off`: not connected on purpose (signed out, enrolment pending); `lost`: dropped, reconnecting. */
export type ConnectionState = 'off' | 'connecting' | 'live' | 'lost';

type Handler = (event: LiveEvent) => void;

interface LiveEvents {
  state: ConnectionState;
  subscribe(typePrefix: string, handler: Handler): () => void;
}

const EventsContext = createContext<LiveEvents>({ state: 'off', subscribe: () => () => undefined });

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/** Exponential, capped, and jittered, so that a restarted server is not met by every browser at once. */
const retryDelay = (attempt: number) =>
  Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);

interface LiveOptions {
  onEvent: Handler;
  onState: (state: ConnectionState) => void;
  /** Too much was missed to replay: reload everything shown. */
  onResync: () => void;
  /** The server closed because the session ended: stop, and let the app find out it is signed out. */
  onSignedOut: () => void;
}

/**
 * One WebSocket to /api/events that reconnects after any drop and resumes
 * after the last event id it saw, so nothing is missed across a reconnect.
 */
function connectLive(options: LiveOptions): () => void {
  let lastEventId: string | null = null;
  let attempt = 0;
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const open = () => {
    clearTimeout(retry);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const after = lastEventId === null ? '' : `?after=${encodeURIComponent(lastEventId)}`;
    socket = new WebSocket(`${scheme}://${window.location.host}/api/events${after}`);
    socket.onmessage = (message) => receive(JSON.parse(String(message.data)) as LiveMessage);
    socket.onclose = (close) => {
      socket = null;
      if (stopped) return;
      if (close.code === LIVE_CLOSE.signedOut) return options.onSignedOut();
      options.onState('lost');
      retry = setTimeout(open, retryDelay(attempt++));
    };
  };

  const receive = (message: LiveMessage) => {
    if (isLiveEvent(message)) {
      lastEventId = message.eventId;
      options.onEvent(message);
    } else if (message.type === 'ready') {
      lastEventId = message.eventId;
      attempt = 0;
      options.onState('live');
    } else options.onResync();
  };

  // Back online: try now rather than at the end of a long back-off.
  const reconnectNow = () => {
    if (!socket && !stopped) open();
  };
  window.addEventListener('online', reconnectNow);
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    window.removeEventListener('online', reconnectNow);
    socket?.close();
  };
}

/** Holds the signed-in user's live connection; `enabled` is false while the server would refuse it. */
export function EventsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('off');
  const handlers = useRef(new Set<{ typePrefix: string; handler: Handler }>());
  const [live] = useState<Omit<LiveEvents, 'state'>>(() => ({
    subscribe(typePrefix, handler) {
      const entry = { typePrefix, handler };
      handlers.current.add(entry);
      return () => handlers.current.delete(entry);
    },
  }));

  useEffect(() => {
    if (!enabled) return;
    setState('connecting');
    const stop = connectLive({
      onEvent: (event) => {
        for (const { typePrefix, handler } of handlers.current) {
          if (event.type.startsWith(typePrefix)) handler(event);
        }
      },
      onState: setState,
      onResync: () => void queryClient.invalidateQueries(),
      onSignedOut: () => {
        setState('off');
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
      },
    });
    return () => {
      stop();
      setState('off');
    };
  }, [enabled, queryClient]);

  return <EventsContext.Provider value={{ ...live, state }}>{children}</EventsContext.Provider>;
}

/**
 * Calls `handler` for each live event whose type starts with `typePrefix`
 * (`request.` for all of a request's events). The latest handler is used
 * without resubscribing.
 */
export function useLiveEvent(typePrefix: string, handler: Handler): void {
  const { subscribe } = useContext(EventsContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribe(typePrefix, (event) => latest.current(event)), [subscribe, typePrefix]);
}

export function useConnectionState(): ConnectionState {
  return useContext(EventsContext).state;
}
