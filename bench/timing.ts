/** The timing every part of `npm run bench` shares: percentiles of repeated runs, in milliseconds. */

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] as number;

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Runs `work` `runs` times, one after another; answers "p50 / p99". */
export async function timed(runs: number, work: () => Promise<unknown>) {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await work();
    durations.push(performance.now() - startedAt);
  }
  return `${ms(percentile(durations, 50))} / ${ms(percentile(durations, 99))}`;
}
