/**
 * Runs `job` every `intervalMs`, never two at once (a slow run delays the
 * next rather than piling up), until stopped; stopping waits for the run in
 * flight. What the job does is durable in the database: this only decides
 * when to look.
 */
export function runPeriodically(
  job: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let inFlight: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    inFlight ??= job()
      .catch(onError)
      .finally(() => {
        inFlight = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

/**
 * A job of the app's own: started when the app is ready (first at once, when
 * `catchUp` says so: what fell due while no instance ran fires before the app
 * answers anyone), then every `intervalMs`; stopped with the app, before the
 * database closes, its run under way finished.
 */
export function onReadyEvery(
  app: { addHook(name: 'onReady', hook: () => Promise<void>): unknown },
  job: () => Promise<unknown>,
  options: { intervalMs: number; catchUp: boolean; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let running: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', async () => {
    if (options.catchUp) await job();
    running = runPeriodically(job, options.intervalMs, options.onError);
  });
  return { stop: async () => running?.stop() };
}
