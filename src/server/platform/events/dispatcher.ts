import type { DatabaseHandle, Listening } from '../db/database';
import { EVENTS_CHANNEL, type EventLogRepository, type StoredEvent } from './event-log.repository';

export type EventListener = (event: StoredEvent) => void | Promise<void>;

/** The part of pino the events platform logs through. */
export interface EventsLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const BATCH = 500;

/**
 * Hands every committed event to the subscribers of this instance, once and
 * in id order. NOTIFY only wakes it: it always reads the log after the last id
 * it delivered, so a missed notification, or a LISTEN connection that died or
 * went silently half-open, delays events (until the next heartbeat at most)
 * but loses none.
 */
export class Dispatcher {
  private readonly listeners = new Set<EventListener>();
  private lastSeen = 0;
  private listening: Listening | null = null;
  private connecting: Promise<void> | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'listen'>,
    private readonly log: EventLogRepository,
    private readonly logger: EventsLog,
    private readonly pingTimeoutMs: number,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts after the newest event: those before it were for connections that no longer exist. */
  async start(): Promise<void> {
    this.lastSeen = await this.log.latestId();
    await this.connect();
    await this.catchUp();
  }

  /**
   * Pings the LISTEN connection, replaces it when it does not answer, and
   * reads whatever the log holds past the last delivered id.
   */
  async heartbeat(): Promise<void> {
    const listening = this.listening;
    if (listening) {
      await listening.ping(this.pingTimeoutMs).catch((error: unknown) => this.drop(listening, error));
    }
    if (!this.listening) await this.connect();
    await this.catchUp();
  }

  /** Delivers every committed event past the last delivered one. Calls made meanwhile fold into one more pass. */
  catchUp(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = this.drainUntilQuiet().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connecting;
    await this.draining;
    const listening = this.listening;
    this.listening = null;
    await listening?.close();
  }

  status(): { listening: boolean; lastSeen: number; backendPid: number | null } {
    return {
      listening: this.listening !== null,
      lastSeen: this.lastSeen,
      backendPid: this.listening?.backendPid ?? null,
    };
  }

  private async drainUntilQuiet(): Promise<void> {
    do {
      this.drainAgain = false;
      await this.drain().catch((error: unknown) =>
        this.logger.error({ err: error }, 'reading the event log failed; the next heartbeat retries'),
      );
    } while (this.drainAgain && !this.stopped);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await this.log.after(this.lastSeen, BATCH);
      for (const event of batch) {
        if (this.stopped) return;
        await this.deliver(event);
        this.lastSeen = event.id;
      }
      if (batch.length < BATCH) return;
    }
  }

  /** One subscriber's failure must not keep the event from the others, nor stop the next event. */
  private async deliver(event: StoredEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error({ err: error, eventId: event.id }, 'an event subscriber failed');
      }
    }
  }

  /** One connection attempt at a time; a failure leaves `listening` empty for the next heartbeat to retry. */
  private connect(): Promise<void> {
    this.connecting ??= this.openListening().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async openListening(): Promise<void> {
    if (this.stopped) return;
    try {
      let opened: Listening | null = null;
      opened = await this.database.listen(EVENTS_CHANNEL, {
        onNotify: () => void this.catchUp(),
        onLost: (error) => {
          if (!opened || this.listening !== opened) return;
          this.drop(opened, error);
          // Reconnect now rather than at the next heartbeat, and pick up what was missed meanwhile.
          void this.connect().then(() => this.catchUp());
        },
      });
      if (this.stopped) await opened.close();
      else this.listening = opened;
    } catch (error) {
      this.logger.error({ err: error }, 'LISTEN failed; events arrive at each heartbeat until it succeeds');
    }
  }

  private drop(listening: Listening, error: unknown): void {
    if (this.listening !== listening) return;
    this.listening = null;
    this.logger.warn({ err: error }, 'the LISTEN connection was lost; reconnecting');
    void listening.close();
  }
}
