import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database';
import { type DatabaseHandle, inTransaction } from './database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const party = (code: string) => ({
  code,
  kind: 'party' as const,
  name_en: code,
  name_ar: code,
  name_he: code,
});
const codes = async () =>
  (await database.db.selectFrom('parties').select('code').orderBy('code').execute()).map((row) => row.code);

/** Resolves when told to: lets a test hold a transaction open while other work starts. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('concurrent work on one database (the embedded one has a single connection)', () => {
  it('keeps a transaction apart from queries and transactions that run meanwhile', async () => {
    const inside = gate();
    const finish = gate();
    const writer = inTransaction(database.db, async (tx) => {
      await tx.insertInto('parties').values(party('ALPHA')).execute();
      inside.open();
      await finish.opened;
      throw new Error('changed my mind');
    }).catch((error: Error) => error.message);
    await inside.opened;
    // Started while the writer's transaction is open: it must not run inside it.
    const reader = codes();
    const other = inTransaction(database.db, (tx) =>
      tx.insertInto('parties').values(party('BRAVO')).execute(),
    );
    finish.open();
    expect(await writer).toBe('changed my mind');
    await other;
    expect(await reader).not.toContain('ALPHA');
    expect(await codes()).toEqual(['BRAVO']);
  });
});
