import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPostgresDatabaseUrl } from '../test/support/test-database';
import { findTool, runSecurityScan } from '../trials/security-scan';
import { ROOT } from '../trials/support';

/**
 * npm run security-scan -- [--quick] [--minutes N] [--out DIR] [--postgres URL] [--sqlmap PATH] [--wapiti PATH]
 *   Starts a Concord server on a fresh database (the embedded one, or a new
 *   database on the PostgreSQL server at URL), signs in as demo users and runs
 *   sqlmap and wapiti against the list and search routes, all within N minutes
 *   (10; 2 with --quick, the size CI runs). Reports go to DIR
 *   (artifacts/security-scan/<timestamp>). Exit 0: no finding; 1: findings, or
 *   a tool that failed or tested nothing; 2: a usage error or a missing tool.
 *   sqlmap and wapiti are found on PATH (Debian: apt install sqlmap wapiti)
 *   unless --sqlmap/--wapiti name them.
 */
const USAGE =
  'Usage: npm run security-scan -- [--quick] [--minutes N] [--out DIR] [--postgres URL] [--sqlmap PATH] [--wapiti PATH]';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        minutes: { type: 'string' },
        out: { type: 'string' },
        postgres: { type: 'string' },
        sqlmap: { type: 'string' },
        wapiti: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}
const values = readArgs();
const minutes = Number(values.minutes ?? (values.quick ? 2 : 10));
if (!(minutes > 0)) usage('--minutes is a number above 0.');

const sqlmap = findTool('sqlmap', values.sqlmap);
const wapiti = findTool('wapiti', values.wapiti);
const missing = [
  ...(sqlmap ? [] : [`sqlmap (${values.sqlmap ?? 'not on PATH'})`]),
  ...(wapiti ? [] : [`wapiti (${values.wapiti ?? 'not on PATH'})`]),
];
if (!sqlmap || !wapiti) {
  console.error(
    `The security scan needs sqlmap and wapiti; missing: ${missing.join(', ')}. On Debian or Ubuntu: apt install sqlmap wapiti`,
  );
  process.exit(2);
}

const outDir =
  values.out ?? join(ROOT, 'artifacts', 'security-scan', new Date().toISOString().replace(/[:.]/g, '-'));
const database = values.postgres ? await createPostgresDatabaseUrl(values.postgres) : null;
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
try {
  const report = await runSecurityScan({
    quick: values.quick,
    minutes,
    outDir,
    databaseUrl: database?.url,
    tools: { sqlmap, wapiti },
    log: (line) => console.log(line),
    signal: controller.signal,
  });
  console.log('');
  for (const tool of ['sqlmap', 'wapiti'] as const) {
    const summary = report[tool];
    const statuses = Object.entries(summary.byStatus)
      .map(([status, count]) => `${count}×${status}`)
      .join(' ');
    console.log(
      `${tool}: ${summary.scanned.length} targets, ${Object.keys(summary.changed).length} parameters changed, ` +
        `${summary.requests} requests (${statuses || 'none'}) in ${summary.seconds.toFixed(0)} s, ` +
        `${summary.findings} findings; reports in ${summary.reports}`,
    );
  }
  console.log(`server: ${report.serverErrors} answers 5xx; its log in ${join(outDir, 'server.log')}`);
  for (const note of report.notes) console.log(`note: ${note}`);
  for (const finding of report.findings)
    console.log(
      `FINDING ${finding.tool} ${finding.route} ${finding.parameter ?? ''} ${finding.kind}\n  ${finding.evidence.replace(/\n/g, '\n  ')}`,
    );
  for (const failure of report.failures) console.log(`FAILED ${failure}`);
  console.log(
    `${report.findings.length} findings, ${report.failures.length} failures in ${report.seconds.toFixed(0)} s (${report.engine}${report.quick ? ', quick' : ''}); summary in ${join(outDir, 'summary.json')}`,
  );
  process.exitCode = report.findings.length || report.failures.length ? 1 : 0;
} finally {
  await database?.drop();
}
