import type { Migration } from 'kysely/migration';
import * as identity from './202611220600_identity';

/**
 * Every migration, in order. Listed explicitly (not read from the folder) so
 * that the set is the same however the server is bundled or started.
 */
export const migrations: Record<string, Migration> = {
  '202611220600_identity': identity,
};
