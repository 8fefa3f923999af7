import { WebSocket } from 'ws';
import type { LiveEvent, LiveMessage } from '../../src/core/events/live';

const WAIT_MS = 5_000;

/**
 * A real WebSocket client of /api/events for tests. It waits with a timeout
 * for what the server sends (socket I/O), never for time to pass.
 */
export class LiveClient {
  private readonly inbox: LiveMessage[] = [];
  private wake: (() => void) | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.inbox.push(JSON.parse(String(data)) as LiveMessage);
      this.wake?.();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        this.wake?.();
      }),
    );
  }

  /** Connects and waits for `ready`; answers the client and what it received before (the replay). */
  static async connect(
    baseUrl: string,
    headers: Record<string, string>,
    after?: string,
  ): Promise<{ client: LiveClient; replayed: LiveMessage[]; ready: string }> {
    const query = after === undefined ? '' : `?after=${encodeURIComponent(after)}`;
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events${query}`, { headers });
    // Listening before `open`: the first message can arrive in the same packet as the upgrade's answer.
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
    });
    const received = await client.until((message) => message.type === 'ready');
    const ready = received.at(-1) as { eventId: string };
    return { client, replayed: received.slice(0, -1), ready: ready.eventId };
  }

  /** The HTTP status a refused upgrade is answered with. */
  static refusal(baseUrl: string, headers: Record<string, string>): Promise<number> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events`, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.close();
        reject(new Error('the upgrade was accepted'));
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      });
      socket.once('error', () => undefined);
    });
  }

  /** Messages up to and including the first that matches, in the order they came. */
  async until(matches: (message: LiveMessage) => boolean): Promise<LiveMessage[]> {
    const deadline = Date.now() + WAIT_MS;
    const taken: LiveMessage[] = [];
    for (;;) {
      const message = this.inbox.shift();
      if (message) {
        taken.push(message);
        if (matches(message)) return taken;
        continue;
      }
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('the socket closed while waiting');
      if (Date.now() >= deadline) throw new Error(`no matching message within ${WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** The events received up to and including the one with this record id. */
  async eventsUntil(recordId: string): Promise<LiveEvent[]> {
    const messages = await this.until((message) => 'id' in message && message.id === recordId);
    return messages.filter((message): message is LiveEvent => message.type.includes('.'));
  }

  /** Everything received and not yet taken, in order; the inbox is empty after. */
  drain(): LiveMessage[] {
    return this.inbox.splice(0);
  }

  close(): void {
    this.socket.close();
  }
}
