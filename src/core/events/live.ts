/**
 * What `/api/events` sends over its WebSocket, shared by the server and the
 * web client. Every message is one JSON object.
 */

/** A domain event the signed-in user may see. */
export interface LiveEvent {
  /** Where the event stands in the log, as an opaque cursor: reconnect with `?after=<eventId>` to get what came after it. */
  eventId: string;
  /** Dotted: `request.submitted`, `request.commented`… */
  type: string;
  /** The record the event is about; fetch it through the API for its content. */
  id: string;
  /** What kind of record `id` names: `request`, `user`… */
  subjectType: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** Further ids the event carries (never record content); they never replace the fields above. */
  [key: string]: unknown;
}

/** Control messages have a `type` without a dot, so they never collide with an event type. */
export type LiveControl =
  /** Replay is done: from here on events arrive live. `eventId` is where to resume from. */
  | { type: 'ready'; eventId: string }
  /** Too much was missed to replay: reload everything shown, then carry on. */
  | { type: 'resync' };

export type LiveMessage = LiveEvent | LiveControl;

export const isLiveEvent = (message: LiveMessage): message is LiveEvent => message.type.includes('.');

/** Close codes the server uses; a client reconnects after any other close. */
export const LIVE_CLOSE = {
  /** The session or token ended (signed out, revoked, expired): sign in again before reconnecting. */
  signedOut: 4401,
  /** The client read too slowly and fell behind: reconnect with `?after=` to catch up. */
  tooSlow: 4008,
} as const;
