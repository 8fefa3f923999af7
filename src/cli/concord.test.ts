import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '../../test/support/test-database';
import { migrateToLatest, openDatabase } from '../server/platform/db/database';
import { runCli } from './concord';

let env: Record<string, string>;
let drop = async () => {};
beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = await createPostgresDatabaseUrl(serverUrl);
    env = { DATABASE_URL: database.url };
    drop = database.drop;
  } else {
    env = { CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-cli-')) };
  }
});
afterAll(() => drop());

async function cli(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line), env);
  return { code, output: lines.join('\n') };
}

describe('concord user', () => {
  it('creates a user with a generated password shown once, and lists it', async () => {
    const created = await cli(
      'user',
      'create',
      '--username',
      'maj.dekker',
      '--display-name',
      'Maj. Pieter Dekker',
      '--nationality',
      'nld',
      '--roles',
      'coordinator,duty-officer',
      '--clearance',
      'S',
    );
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/Password, shown this once: \S{16}/);
    const listed = await cli('user', 'list');
    expect(listed.output).toMatch(
      /maj\.dekker\s+Maj\. Pieter Dekker\s+-\s+coordinator,duty-officer\s+NLD\s+S/,
    );
  });

  it('resets a password to one the caller chooses, under the password policy', async () => {
    await expect(cli('user', 'reset-password', 'maj.dekker', '--password', 'password1234')).rejects.toThrow(
      /most common/,
    );
    const reset = await cli('user', 'reset-password', 'maj.dekker', '--password', 'tulips-in-the-rain-77');
    expect(reset.output).toContain('every session of theirs was signed out');
    expect(reset.output).not.toContain('shown this once');
    await expect(cli('user', 'reset-password', 'nobody.at.all')).rejects.toThrow(/no user nobody\.at\.all/);
  });

  it('names every bad option when creating', async () => {
    await expect(cli('user', 'create', '--username', 'x', '--roles', 'boss')).rejects.toThrow(
      /--username[\s\S]*--display-name[\s\S]*--roles[\s\S]*--nationality/,
    );
  });

  it('refuses a username that is taken', async () => {
    const args = [
      'user',
      'create',
      '--username',
      'maj.dekker',
      '--display-name',
      'Again',
      '--nationality',
      'NLD',
    ];
    await expect(cli(...args)).rejects.toThrow(/already taken/);
  });

  it('prints usage for an unknown command and exits 2', async () => {
    const result = await cli('frobnicate');
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage: npm run concord');
  });
});

describe('concord import cables', () => {
  const seed = new URL('../../test/fixtures/cables/000_3c09942d126d68d9.txt', import.meta.url).pathname;

  const open = () =>
    openDatabase(
      env.DATABASE_URL
        ? { kind: 'postgres', url: env.DATABASE_URL }
        : { kind: 'pglite', dataDir: env.CONCORD_DATA_DIR as string },
    );

  it('imports each cable once, and names the line of one it cannot read without stopping the others', async () => {
    // The coordinator holds imported cables: the deployment's parties exist on a server that has started once.
    const database = await open();
    await migrateToLatest(database.db);
    await database.db
      .insertInto('parties')
      .values({ code: 'USSC', kind: 'coordinator', name_en: 'USSC', name_ar: 'USSC', name_he: 'USSC' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await database.close();
    const broken = join(mkdtempSync(join(tmpdir(), 'concord-cable-')), 'broken.txt');
    writeFileSync(broken, 'S E C R E T JERUSALEM 000300 NOFORN\nTAGS: PGOV\n');

    const first = await cli('import', 'cables', seed, broken);
    expect(first.code).toBe(1);
    expect(first.output).toMatch(/000_3c09942d126d68d9\.txt: RPT-\d{8} imported/);
    expect(first.output).toMatch(/broken\.txt: .*line \d+: expected/);
    const again = await cli('import', 'cables', seed);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/RPT-\d{8} already imported, unchanged/);
  });

  it('announces an imported cable on the event log, once, as the server does (report.imported)', async () => {
    const database = await open();
    try {
      const imported = await database.db
        .selectFrom('event_log')
        .select(['subject_type', 'subject_id'])
        .where('type', '=', 'report.imported')
        .execute();
      const reports = await database.db
        .selectFrom('reports')
        .select('id')
        .where('source_key', 'is not', null)
        .execute();
      expect(reports).toHaveLength(1);
      expect(imported).toEqual([{ subject_type: 'report', subject_id: reports[0]?.id }]);
    } finally {
      await database.close();
    }
  });
});
