import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '../../../../test/support/test-database';
import { runCli } from '../../../cli/concord';
import { checkpointSchema } from '../../../core/audit/schemas';
import { systemClock } from '../../../core/clock';
import {
  type DatabaseHandle,
  type Db,
  inTransaction,
  migrateToLatest,
  openDatabase,
} from '../../platform/db/database';
import { presentCheckpoint } from './audit.presenter';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { entryHash, type StoredEntry } from './chain';
import { loadOrCreateSigningKey, signCheckpoint } from './checkpoint';

/**
 * The "done when" of the audit log: an insider with superuser rights switches
 * the guard off and tampers with the table directly; `concord audit verify`
 * must then fail and name the entry. Runs the real CLI against the same kind
 * of database the server uses (a PGlite directory, or PostgreSQL).
 */
const scratch = mkdtempSync(join(tmpdir(), 'concord-tamper-'));
const keyFile = join(scratch, 'audit-signing-key.pem');
let env: Record<string, string>;
let openTarget: () => Promise<DatabaseHandle>;
let drop = async () => {};

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = await createPostgresDatabaseUrl(serverUrl);
    env = { DATABASE_URL: database.url, CONCORD_AUDIT_KEY_FILE: keyFile };
    openTarget = () => openDatabase({ kind: 'postgres', url: database.url });
    drop = database.drop;
  } else {
    const dataDir = join(scratch, 'data');
    env = { CONCORD_DATA_DIR: dataDir, CONCORD_AUDIT_KEY_FILE: keyFile };
    openTarget = () => openDatabase({ kind: 'pglite', dataDir });
  }
});
afterAll(() => drop());

/** Opens the database for one piece of work and closes it again: the CLI needs the PGlite directory to itself. */
async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openTarget();
  try {
    await migrateToLatest(database.db);
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function cli(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line), env);
  return { code, output: lines.join('\n') };
}

/** A superuser with the guard switched off for the length of one transaction. */
function asInsider(db: Db, ...statements: RawBuilder<unknown>[]): Promise<void> {
  return inTransaction(db, async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
  });
}

const auditOf = (db: Db) => new AuditService(db, systemClock, { deployment: 'concord', keyFile });

async function writeEntries(db: Db, count: number): Promise<void> {
  const audit = auditOf(db);
  for (let i = 0; i < count; i++) {
    await inTransaction(db, (tx) =>
      audit.record(tx, {
        action: 'desk.updated',
        actor: { userId: null, username: 'coord.duty', partyCode: 'USSC' },
        subject: { type: 'desk', id: `desk-${i}` },
        after: { name: `Desk ${i}` },
        marking: { level: 'U', parties: ['ISF', 'PASF', 'USSC'] },
      }),
    );
  }
}

async function entries(db: Db): Promise<StoredEntry[]> {
  const all: StoredEntry[] = [];
  for await (const entry of new AuditRepository(db).entries()) all.push(entry);
  return all;
}

let log: StoredEntry[];
const idOf = (seq: number) => log[seq - 1]?.id as string;

beforeEach(async () => {
  // Every test starts from the same untouched log of ten entries.
  log = await withDatabase(async (db) => {
    await asInsider(db, sql`truncate audit_log, audit_checkpoints`);
    await writeEntries(db, 10);
    return entries(db);
  });
});

describe('concord audit verify', () => {
  it('verifies an untouched log and exits 0', async () => {
    const result = await cli('audit', 'verify');
    expect(result).toEqual({
      code: 0,
      output: `Audit log intact: 10 entries, head hash ${log[9]?.hash}.`,
    });
  });

  it('names an entry whose field was changed (altered)', async () => {
    await withDatabase((db) =>
      asInsider(db, sql`update audit_log set actor_username = 'isf.hebron' where seq = 4`),
    );
    const result = await cli('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.output).toContain(`TAMPERED (altered at entry 4): entry 4 (id ${idOf(4)}) was altered`);
  });

  it('names an entry that was deleted (removed), and the entry that shows it', async () => {
    // The other way to switch the guard off: disable the table's triggers.
    await withDatabase((db) =>
      inTransaction(db, async (tx) => {
        await sql`alter table audit_log disable trigger all`.execute(tx);
        await sql`delete from audit_log where seq = 4`.execute(tx);
        await sql`alter table audit_log enable trigger all`.execute(tx);
      }),
    );
    const result = await cli('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.output).toContain('TAMPERED (removed at entry 4): entry 4 was removed');
    expect(result.output).toContain(`entry 5 (id ${idOf(5)}) does not follow entry 3`);
  });

  it('names a forged entry put between two (inserted), though its own hash is valid', async () => {
    await withDatabase(async (db) => {
      const forged = { ...(log[4] as StoredEntry), id: '0f0f0f0f-0000-4000-8000-000000000000' };
      forged.actor_username = 'pasf.hebron';
      forged.prev_hash = log[3]?.hash as string;
      forged.hash = entryHash(forged);
      await asInsider(
        db,
        // Make room at 5: move entries 5–10 up by one (in two steps, past the primary key).
        sql`update audit_log set seq = seq + 1000 where seq >= 5`,
        sql`update audit_log set seq = seq - 999 where seq >= 1000`,
        sql`insert into audit_log select * from jsonb_populate_record(null::audit_log, ${JSON.stringify(forged)}::jsonb)`,
      );
    });
    const result = await cli('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'TAMPERED (inserted at entry 5): entry 5 (id 0f0f0f0f-0000-4000-8000-000000000000) was inserted',
    );
    expect(result.output).toContain(`entry 6 (id ${idOf(5)}) links to entry 4`);
  });

  describe('with a checkpoint a party kept', () => {
    const checkpointFile = join(scratch, 'checkpoint.json');

    beforeEach(() =>
      withDatabase(async (db) => {
        const checkpoint = presentCheckpoint(await auditOf(db).createCheckpoint());
        writeFileSync(checkpointFile, JSON.stringify(checkpoint));
        await writeEntries(db, 2); // the log moves on after the checkpoint
      }),
    );

    it('is what `audit checkpoint` prints', async () => {
      const signed = await cli('audit', 'checkpoint');
      expect(signed.code).toBe(0);
      const checkpoint = checkpointSchema.parse(JSON.parse(signed.output));
      expect(checkpoint).toMatchObject({ deployment: 'concord', seq: 12 });
      writeFileSync(checkpointFile, signed.output);
      expect((await cli('audit', 'verify', '--checkpoint', checkpointFile)).code).toBe(0);
    });

    it('verifies that the log still passes through it', async () => {
      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(0);
      expect(result.output).toMatch(
        /^Checkpoint signature valid: entry 10, key [0-9a-f]{64} \(this deployment's key\)\.$/m,
      );
      expect(result.output).toContain('Audit log intact: 12 entries');
      expect(result.output).toMatch(/The log still passes through the checkpoint of \S+ \(entry 10\)\.$/);
    });

    it('detects the chain rewritten consistently after the checkpoint, which the walk alone cannot', async () => {
      await withDatabase(async (db) => {
        // Change entry 3, then recompute every later link and hash so that the chain is whole again.
        const rewritten: StoredEntry[] = [];
        for (const entry of await entries(db)) {
          const changed = entry.seq === 3 ? { ...entry, actor_username: 'scapegoat' } : entry;
          const prevHash = rewritten.at(-1)?.hash ?? changed.prev_hash;
          const content = { ...changed, prev_hash: prevHash };
          rewritten.push({ ...content, hash: entryHash(content) });
        }
        await asInsider(
          db,
          ...rewritten
            .filter((entry) => entry.seq >= 3)
            .map(
              (entry) =>
                sql`update audit_log set actor_username = ${entry.actor_username},
                  prev_hash = ${entry.prev_hash}, hash = ${entry.hash} where seq = ${entry.seq}`,
            ),
        );
      });
      expect((await cli('audit', 'verify')).code).toBe(0);

      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        `TAMPERED (altered at entry 10): entry 10 (id ${idOf(10)}) does not have the hash signed`,
      );
      expect(result.output).toContain('the log up to entry 10 was rewritten after the checkpoint');
    });

    it('detects entries removed from the end of the log, up to and past the checkpoint', async () => {
      await withDatabase((db) => asInsider(db, sql`delete from audit_log where seq >= 9`));
      expect((await cli('audit', 'verify')).code).toBe(0);
      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(1);
      expect(result.output).toContain('TAMPERED (removed at entry 9): entries 9–10 were removed');
    });

    it('refuses a checkpoint changed after signing', async () => {
      const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8'));
      writeFileSync(checkpointFile, JSON.stringify({ ...checkpoint, seq: 8, headHash: log[7]?.hash }));
      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(1);
      expect(result.output).toContain('CHECKPOINT REFUSED');
      expect(result.output).toContain('its signature does not verify');
    });

    it("refuses a checkpoint signed with someone else's key", async () => {
      const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8'));
      const otherKey = loadOrCreateSigningKey(join(scratch, 'someone-elses-key.pem'));
      const { signature: _, keyId: __, publicKey: ___, ...fields } = checkpoint;
      writeFileSync(checkpointFile, JSON.stringify(signCheckpoint(fields, otherKey)));
      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(1);
      expect(result.output).toContain(`signed by key ${otherKey.keyId}, not by this deployment's key`);
    });

    it('exits 2 for a file that is not a checkpoint', async () => {
      writeFileSync(checkpointFile, JSON.stringify({ seq: 'ten' }));
      const result = await cli('audit', 'verify', '--checkpoint', checkpointFile);
      expect(result.code).toBe(2);
      expect(result.output).toMatch(/is not a Concord audit checkpoint:\n {2}deployment: /);
      expect((await cli('audit', 'verify', '--checkpoint', join(scratch, 'missing.json'))).code).toBe(2);
      expect((await cli('audit', 'verify', '--frobnicate')).code).toBe(2);
    });
  });
});
