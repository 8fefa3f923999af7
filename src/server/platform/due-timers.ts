import type { Change, Unit } from './change';

/**
 * Fires durable timers: `fireNext` claims one due timer row (FOR UPDATE SKIP
 * LOCKED, so each fires once however many instances run), acts on it and
 * answers whether there was one; each runs as a change of its own (by the
 * system), until none is due. Concurrent calls in one process share one run.
 */
export class DueTimers {
  private running: Promise<number> | null = null;

  constructor(
    private readonly change: Change,
    /** The name of a firing, for the audit entries it writes (e.g. `request.deadline-fired`). */
    private readonly name: string,
    private readonly fireNext: (unit: Unit) => Promise<boolean>,
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
    while (await this.change(null, this.name, this.fireNext)) count += 1;
    return count;
  }
}
