import { parseArgs } from 'node:util';
import { createPostgresDatabaseUrl } from '../test/support/test-database';
import { runCrashTrials } from '../trials/crash';
import { runFailoverTrials } from '../trials/failover';

/**
 * npm run trials -- crash [--trials 100] [--postgres postgres://…]
 *   Kills the server with SIGKILL at random moments while officers write, and
 *   checks after each restart that nothing acknowledged was lost or doubled and
 *   that the audit chain verifies (trials/crash.ts). With --postgres, each run
 *   gets a fresh database on that server; without, the embedded database.
 *
 * npm run trials -- failover --postgres postgres://… [--keep-postgres]
 *   Two instances on one fresh database: ends their LISTEN connections, stops
 *   and starts the machine's PostgreSQL (not with --keep-postgres), stops one
 *   instance, all under load, and checks that every event reached every
 *   listener once, in order, in time (trials/failover.ts).
 */
const USAGE =
  'Usage: npm run trials -- crash [--trials N] [--postgres URL]\n' +
  '       npm run trials -- failover --postgres URL [--keep-postgres]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    trials: { type: 'string', default: '100' },
    postgres: { type: 'string' },
    'keep-postgres': { type: 'boolean', default: false },
  },
});
const kind = positionals[0];
if (kind !== 'crash' && kind !== 'failover') {
  console.error(USAGE);
  process.exit(2);
}
const trials = Number(values.trials);
if (!Number.isInteger(trials) || trials < 1) {
  console.error('--trials is a whole number of at least 1.');
  process.exit(2);
}
if (kind === 'failover' && !values.postgres) {
  console.error('The failover trials need PostgreSQL: --postgres postgres://…\n' + USAGE);
  process.exit(2);
}
const database = values.postgres ? await createPostgresDatabaseUrl(values.postgres) : null;
const started = Date.now();
const log = (line: string) => console.log(line);
try {
  const report =
    kind === 'crash'
      ? await runCrashTrials({ trials, databaseUrl: database?.url, log })
      : await runFailoverTrials({
          databaseUrl: database?.url as string,
          restartPostgres: !values['keep-postgres'],
          log,
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
