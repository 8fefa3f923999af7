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
