/**
 * Runs an insert whose `number` draws a random default (requests, reports)
 * and that does nothing on a conflict over it, drawing again until one is
 * free: with millions of numbers to draw from, a second try is already rare.
 */
export async function withFreshNumber<T>(insert: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const row = await insert();
    if (row !== undefined) return row;
  }
  throw new Error('No free number after 10 draws: the numbers are nearly all taken.');
}
