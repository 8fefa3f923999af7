import { type Db, inTransaction, type Tx } from './db/database';

/**
 * Fires durable timers: `fireNext` claims one due timer row (FOR UPDATE SKIP
 * LOCKED, so each fires once however many instances run), acts on it and
 * answers whether there was one; it runs in its own transaction until none
 * is due. Concurrent calls in one process share one run.
 */
export class DueTimers {
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly fireNext: (tx: Tx) => Promise<boolean>,
  ) {}

  /** Fires every due timer. Returns how many fired or were moot. */
  fireDue(): Promise<number> {
    this.running ??= this.fireAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async fireAll(): Promise<number> {
    let count = 0;
    while (await inTransaction(this.db, (tx) => this.fireNext(tx))) count += 1;
    return count;
  }
}
