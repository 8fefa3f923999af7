import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/**
 * The deployment's secret of this name: 32 random bytes made by the first
 * instance that asks, then the same for every instance and every restart.
 */
export async function deploymentSecret(db: Db, name: string): Promise<Buffer> {
  await db
    .insertInto('deployment_secrets')
    .values({ name, value: randomBytes(32) })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('deployment_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value);
}
