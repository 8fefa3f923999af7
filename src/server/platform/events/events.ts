import type { Actor } from '../../../core/access/access-rule';
import type { Clock } from '../../../core/clock';
import type { Role } from '../../../core/identity/schemas';
import type { DatabaseHandle, Db } from '../db/database';
import { Dispatcher, type EventListener, type EventsLog } from './dispatcher';
import { EventLogRepository, type NewEvent, type StoredEvent } from './event-log.repository';

export type { EventListener, EventsLog } from './dispatcher';
export type { NewEvent, StoredEvent } from './event-log.repository';

/** Who may receive an event: the signed-in user behind a connection. */
export interface Viewer {
  userId: string;
  actor: Actor;
  roles: readonly Role[];
}

/** Decides, in memory, whether one viewer may see the event the audience was resolved for. */
export type Audience = (viewer: Viewer) => boolean;

/**
 * Resolves an event's audience once (it may read the record's marking), so
 * that fan-out to many connections costs no query per connection.
 */
export type AudienceResolver = (event: StoredEvent) => Promise<Audience>;

export interface EventsOptions {
  /** How often the LISTEN connection is pinged and the log read for anything a NOTIFY did not announce. */
  heartbeatMs: number;
  /** How long a ping may go unanswered before the LISTEN connection counts as half-open. */
  pingTimeoutMs?: number;
}

const nobody: Audience = () => false;

/**
 * Ids an event's `data` (or an audit entry's details) may carry of records
 * other than its subject, and what kind of record each names. Such an id
 * reaches only those who may see that record too: the audience of an event is
 * its subject's and every referenced record's, together.
 */
export const REFERENCES: Readonly<Record<string, string>> = {
  linkedId: 'request',
  linkedReportId: 'report',
  linkedReleaseId: 'release',
  linkedSubmissionId: 'submission',
  linkedChannelId: 'channel',
};
/**
 * Ids that name no other record: people (the directory is open to every
 * signed-in user), parts of the subject itself (its attachments, comments,
 * a user's notifications), and a request's own thread (read by whoever reads
 * the request). Any other key ending in `Id` is refused at append.
 */
const PART_KEYS = new Set(['userId', 'authorId', 'attachmentId', 'commentId', 'notificationId', 'channelId']);

/** The keys of `data` that hold ids and are neither a part nor a declared reference. */
export function undeclaredIds(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((key) => /Id$/.test(key) && !PART_KEYS.has(key) && !(key in REFERENCES));
}

/**
 * The event bus (ARCHITECTURE.md rule 3). Services append an event inside the
 * transaction that made the change; once it commits, every instance's
 * dispatcher hands it to that instance's subscribers, which filter by the
 * audience registered for its subject type before sending anything to anyone.
 */
export class Events {
  private readonly log: EventLogRepository;
  private readonly dispatcher: Dispatcher;
  private readonly audiences = new Map<string, AudienceResolver>();
  private readonly heartbeatTasks: Array<() => Promise<void>> = [];
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(
    database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly logger: EventsLog,
    private readonly options: EventsOptions,
  ) {
    this.log = new EventLogRepository(database.db);
    this.dispatcher = new Dispatcher(database, this.log, logger, options.pingTimeoutMs ?? 5_000);
    // Personal notifications: only the user the event names.
    this.registerAudience('user', async (event) => (viewer) => viewer.userId === event.subjectId);
  }

  /**
   * Records an event inside the caller's transaction; call it as the
   * transaction's last statement (it holds a lock until commit). Nothing is
   * delivered unless the transaction commits.
   */
  async append(tx: Db, event: NewEvent): Promise<StoredEvent> {
    const undeclared = undeclaredIds(event.data ?? {});
    if (undeclared.length)
      throw new Error(`Event ${event.type} carries ids no audience checks: ${undeclared.join(', ')}.`);
    await this.log.lockAppenders(tx);
    const stored = await this.log.insert(tx, event, this.clock.now());
    await this.log.notify(tx, stored.id);
    return stored;
  }

  /** Every committed event, once, in id order, on this instance. Answers the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    return this.dispatcher.subscribe(listener);
  }

  /** Who may see events about records of `subjectType`. An event with no resolver reaches nobody. */
  registerAudience(subjectType: string, resolver: AudienceResolver): void {
    if (this.audiences.has(subjectType))
      throw new Error(`The audience of "${subjectType}" is already registered.`);
    this.audiences.set(subjectType, resolver);
  }

  /**
   * Who may see the event: its subject's audience and, for every record its
   * data references (REFERENCES), that record's audience too. Fails closed.
   */
  async audienceOf(event: StoredEvent): Promise<Audience> {
    const audiences = [await this.subjectAudience(event)];
    for (const [key, subjectType] of Object.entries(REFERENCES)) {
      const id = event.data[key];
      if (id === undefined || id === null) continue;
      audiences.push(typeof id === 'string' ? await this.recordAudience(subjectType, id, event.id) : nobody);
    }
    return (viewer) => audiences.every((audience) => audience(viewer));
  }

  /** Who may see the record `subjectType`/`id`, as events about it reach them (the audit log's details ask this too). */
  recordAudience(subjectType: string, id: string, eventId = 0): Promise<Audience> {
    return this.subjectAudience({
      id: eventId,
      type: 'reference',
      subjectType,
      subjectId: id,
      data: {},
      at: new Date(0),
    });
  }

  /** Fails closed: no resolver, or one that throws, means nobody. */
  private async subjectAudience(event: StoredEvent): Promise<Audience> {
    const resolver = this.audiences.get(event.subjectType);
    if (!resolver) return nobody;
    try {
      return await resolver(event);
    } catch (error) {
      this.logger.error(
        { err: error, eventId: event.id },
        'resolving an event audience failed; sent to nobody',
      );
      return nobody;
    }
  }

  /** Committed events after `eventId`, oldest first (for a client catching up). */
  after(eventId: number, limit: number): Promise<StoredEvent[]> {
    return this.log.after(eventId, limit);
  }

  latestId(): Promise<number> {
    return this.log.latestId();
  }

  oldestId(): Promise<number> {
    return this.log.oldestId();
  }

  /**
   * Forgets the events older than `retentionMs`: the log is a delivery
   * channel, not a record (the audit log is), and a client away longer than
   * that reloads instead of replaying (see LiveHub.replay).
   */
  prune(retentionMs: number): Promise<number> {
    return this.log.prune(new Date(this.clock.now().getTime() - retentionMs));
  }

  /** Work to repeat at each heartbeat (the WebSocket hub pings its clients and re-checks their sessions). */
  onHeartbeat(task: () => Promise<void>): void {
    this.heartbeatTasks.push(task);
  }

  async start(): Promise<void> {
    await this.dispatcher.start();
    this.timer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  /** What the timer runs; tests call it instead of waiting. A heartbeat still running absorbs the next one. */
  heartbeat(): Promise<void> {
    this.beating ??= this.beat().finally(() => {
      this.beating = null;
    });
    return this.beating;
  }

  /** Catches up with the log now (what a NOTIFY triggers). */
  catchUp(): Promise<void> {
    return this.dispatcher.catchUp();
  }

  status() {
    return this.dispatcher.status();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.beating;
    await this.dispatcher.stop();
  }

  private async beat(): Promise<void> {
    await this.dispatcher.heartbeat();
    for (const task of this.heartbeatTasks) {
      await task().catch((error: unknown) => this.logger.error({ err: error }, 'a heartbeat task failed'));
    }
  }
}
