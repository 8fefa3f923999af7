import { parseArgs } from 'node:util';
import { createPostgresDatabaseUrl } from '../test/support/test-database';
import { runCrashTrials } from '../trials/crash';
import { runFailoverTrials } from '../trials/failover';
import { runLoadTrial } from '../trials/load';

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
 *
 * npm run trials -- load [--postgres postgres://…] [--minutes 10] [--officers 200] [--sockets 1000] [--rate 20]
 *   Ten times the demo's peak: officers submit, acknowledge, post and read
 *   with 1,000 live connections open; checks failed calls, the average answer
 *   and memory against their floors (trials/load.ts).
 */
const USAGE =
  'Usage: npm run trials -- crash [--trials N] [--postgres URL]\n' +
  '       npm run trials -- failover --postgres URL [--keep-postgres]\n' +
  '       npm run trials -- load [--postgres URL] [--minutes N] [--officers N] [--sockets N] [--rate N]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    trials: { type: 'string', default: '100' },
    postgres: { type: 'string' },
    'keep-postgres': { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
    officers: { type: 'string', default: '200' },
    sockets: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '20' },
  },
});
const kind = positionals[0];
if (kind !== 'crash' && kind !== 'failover' && kind !== 'load') {
  console.error(USAGE);
  process.exit(2);
}
/** A positive number option, or exit with a usage error. */
function positive(name: 'trials' | 'minutes' | 'officers' | 'sockets' | 'rate', whole = true): number {
  const value = Number(values[name]);
  if (!(value > 0) || (whole && !Number.isInteger(value))) {
    console.error(`--${name} is a ${whole ? 'whole ' : ''}number above 0.`);
    process.exit(2);
  }
  return value;
}
const trials = positive('trials');
if (kind === 'failover' && !values.postgres) {
  console.error(`The failover trials need PostgreSQL: --postgres postgres://…\n${USAGE}`);
  process.exit(2);
}
const database = values.postgres ? await createPostgresDatabaseUrl(values.postgres) : null;
const started = Date.now();
const log = (line: string) => console.log(line);
try {
  const report =
    kind === 'crash'
      ? await runCrashTrials({ trials, databaseUrl: database?.url, log })
      : kind === 'failover'
        ? await runFailoverTrials({
            databaseUrl: database?.url as string,
            restartPostgres: !values['keep-postgres'],
            log,
          })
        : await runLoadTrial({
            databaseUrl: database?.url,
            minutes: positive('minutes', false),
            officers: positive('officers'),
            sockets: positive('sockets'),
            submissionsPerSecond: positive('rate', false),
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
