import { buildWebIfStale } from '../../scripts/build-web-if-stale';

/**
 * Browser tests need the built web app; build it once before any test file
 * runs, if it is stale. CONCORD_SKIP_WEB_BUILD=1 skips this while iterating on
 * server tests.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.CONCORD_SKIP_WEB_BUILD === '1') return;
  await buildWebIfStale();
}
