import type { WebSocket } from 'ws';
import { LIVE_CLOSE, type LiveEvent, type LiveMessage } from '../../../core/events/live';
import type { EventCursors } from './cursors';
import type { EventsLog } from './dispatcher';
import type { StoredEvent } from './event-log.repository';
import type { Audience, Events, Viewer } from './events';

/** A client that is further behind than this reloads (`resync`) instead of replaying. */
export const REPLAY_LIMIT = 1000;
/** A client that lets this much pile up unread is dropped; it reconnects and catches up from the log. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

type PresenceListener = (userId: string, online: boolean) => void;

/** Re-reads who is behind a connection; null when their session or token no longer holds. */
export type RecheckViewer = () => Promise<Viewer | null>;

interface Connection {
  socket: WebSocket;
  viewer: Viewer;
  recheck: RecheckViewer;
  /** The highest event id this connection has been shown or denied; nothing at or below it is sent again. */
  lastSent: number;
  /** While replaying, live events wait here (audience already resolved) so none is lost or sent early. */
  pending: Array<{ event: StoredEvent; audience: Audience }> | null;
  /** Cleared at each heartbeat, set by the client's pong: still false at the next heartbeat means dead. */
  alive: boolean;
}

/** The public shape of an event (see LiveEvent): its data first, so it cannot overwrite the fixed fields. */
export function liveEventOf(event: StoredEvent, cursors: EventCursors): LiveEvent {
  return {
    ...event.data,
    eventId: cursors.of(event.id),
    type: event.type,
    id: event.subjectId,
    subjectType: event.subjectType,
    at: event.at.toISOString(),
  };
}

/**
 * The WebSocket side of live delivery: each event's audience is resolved once,
 * then every open connection is tested in memory and sent only what its user
 * may see.
 */
export class LiveHub {
  private readonly connections = new Set<Connection>();
  private presenceListener: PresenceListener = () => undefined;

  constructor(
    private readonly events: Events,
    private readonly logger: EventsLog,
    private readonly cursors: EventCursors,
  ) {
    events.subscribe((event) => this.fanOut(event));
    events.onHeartbeat(() => this.heartbeat());
  }

  /**
   * Serves one socket: replays what it missed after the cursor `after` (when
   * given), then live events, in log order, without gap or duplicate at the
   * seam. A cursor this deployment did not make asks the client to reload.
   */
  async open(socket: WebSocket, viewer: Viewer, recheck: RecheckViewer, after: string | null): Promise<void> {
    // Registered before the log is read: whatever is dispatched from now on waits in `pending`.
    const connection: Connection = { socket, viewer, recheck, lastSent: 0, pending: [], alive: true };
    const arriving = !this.isConnected(viewer.userId);
    this.connections.add(connection);
    if (arriving) this.presenceListener(viewer.userId, true);
    socket.on('close', () => {
      this.connections.delete(connection);
      if (!this.isConnected(connection.viewer.userId)) this.presenceListener(connection.viewer.userId, false);
    });
    socket.on('pong', () => {
      connection.alive = true;
    });
    await this.replay(connection, after);
    for (const { event, audience } of connection.pending ?? []) this.offer(connection, event, audience);
    connection.pending = null;
    this.send(connection, { type: 'ready', eventId: this.cursors.of(connection.lastSent) });
  }

  /** Pings every client (dropping those that missed the last ping) and closes those whose sign-in ended. */
  async heartbeat(): Promise<void> {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      const viewer = await connection.recheck();
      if (viewer) connection.viewer = viewer;
      else connection.socket.close(LIVE_CLOSE.signedOut, 'signed out');
    }
  }

  /**
   * Told when a user's first connection to this instance opens and when
   * their last one closes, so that presence changes at once rather than at
   * the next heartbeat.
   */
  onPresenceChange(listener: PresenceListener): void {
    this.presenceListener = listener;
  }

  private isConnected(userId: string): boolean {
    for (const connection of this.connections) if (connection.viewer.userId === userId) return true;
    return false;
  }

  /** The users with at least one open connection to this instance (presence). */
  onlineUserIds(): string[] {
    return [...new Set([...this.connections].map((connection) => connection.viewer.userId))];
  }

  get size(): number {
    return this.connections.size;
  }

  private async replay(connection: Connection, cursor: string | null): Promise<void> {
    const latest = await this.events.latestId();
    connection.lastSent = latest;
    if (cursor === null) return;
    const after = this.cursors.position(cursor);
    if (after === null) return this.send(connection, { type: 'resync' });
    // An id from the future (another deployment, a restored backup) would otherwise mute everything up to it.
    if (after > latest) return this.send(connection, { type: 'resync' });
    // What it missed may have been pruned from the log (Events.prune): it cannot be replayed whole.
    if (after < (await this.events.oldestId()) - 1) return this.send(connection, { type: 'resync' });
    const missed = await this.events.after(after, REPLAY_LIMIT + 1);
    if (missed.length > REPLAY_LIMIT) return this.send(connection, { type: 'resync' });
    connection.lastSent = after;
    for (const event of missed) this.offer(connection, event, await this.events.audienceOf(event));
  }

  private async fanOut(event: StoredEvent): Promise<void> {
    if (this.connections.size === 0) return;
    const audience = await this.events.audienceOf(event);
    for (const connection of this.connections) {
      if (connection.pending) connection.pending.push({ event, audience });
      else this.offer(connection, event, audience);
    }
  }

  private offer(connection: Connection, event: StoredEvent, audience: Audience): void {
    if (event.id <= connection.lastSent) return;
    connection.lastSent = event.id;
    if (this.mayReceive(audience, connection.viewer)) this.send(connection, liveEventOf(event, this.cursors));
  }

  /** Fails closed: an audience that throws lets nobody through. */
  private mayReceive(audience: Audience, viewer: Viewer): boolean {
    try {
      return audience(viewer);
    } catch (error) {
      this.logger.error({ err: error }, 'an event audience failed; the event is withheld');
      return false;
    }
  }

  private send(connection: Connection, message: LiveMessage): void {
    const { socket } = connection;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn({ userId: connection.viewer.userId }, 'a live client fell behind; dropped');
      socket.close(LIVE_CLOSE.tooSlow, 'too slow');
      return;
    }
    socket.send(JSON.stringify(message));
  }
}
