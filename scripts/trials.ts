import { parseArgs } from 'node:util';
import { createPostgresDatabaseUrl } from '../test/support/test-database';
import { runCrashTrials } from '../trials/crash';

/**
 * npm run trials -- crash [--trials 100] [--postgres postgres://…]
 *
 * Kills the server with SIGKILL at random moments while officers write, and
 * checks after each restart that nothing acknowledged was lost or doubled and
 * that the audit chain verifies (trials/crash.ts). With --postgres, each run
 * gets a fresh database on that server; without, the embedded database.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trials: { type: 'string', default: '100' }, postgres: { type: 'string' } },
});
if (positionals[0] !== 'crash') {
  console.error('Usage: npm run trials -- crash [--trials N] [--postgres URL]');
  process.exit(2);
}
const trials = Number(values.trials);
if (!Number.isInteger(trials) || trials < 1) {
  console.error('--trials is a whole number of at least 1.');
  process.exit(2);
}
const database = values.postgres ? await createPostgresDatabaseUrl(values.postgres) : null;
const started = Date.now();
try {
  const report = await runCrashTrials({
    trials,
    databaseUrl: database?.url,
    log: (line) => console.log(line),
  });
  console.log(
    JSON.stringify(
      { engine: database ? 'postgres' : 'pglite', seconds: (Date.now() - started) / 1000, ...report },
      null,
      2,
    ),
  );
  process.exitCode = report.failures.length ? 1 : 0;
} finally {
  await database?.drop();
}
