import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type ServerProcess, startServerProcess } from '../test/support/server-process';
import { type Call, hebron, officers, TRIAL_PASSWORD } from './support';

/**
 * The security scan (npm run security-scan, scripts/security-scan.ts): starts
 * a Concord server on a fresh database, signs in as demo users, writes a few
 * records for the list and search routes to find, and runs two off-the-shelf
 * scanners against those routes with the signed-in cookie:
 * - sqlmap, once per query parameter (named with -p), on a URL holding that
 *   parameter and the route's required ones at values that answer 200;
 * - wapiti, once per user, with every such URL as a start URL and its
 *   injection modules.
 * Both send every request through a small proxy in this process, which counts
 * them, refuses anything not addressed to the server, and notes every 5xx.
 * A finding is: sqlmap calling a parameter injectable (or its heuristic
 * "might be injectable": a database error in the answer, or a number's
 * arithmetic evaluated); any entry of wapiti's "vulnerabilities" or
 * "anomalies" (a 500 or a timeout under a payload); any 5xx the proxy saw.
 * A failure is a scan that did not happen as asked: a tool that crashed or
 * ran out of time, a parameter sqlmap reached no conclusion on or a tool
 * never changed, a URL that did not answer 200 before the scan.
 */

/** The routes scanned, and who calls them. Their query parameters come from the OpenAPI document. */
export const ROUTES = [
  { path: '/api/requests', user: 'coord.duty' },
  { path: '/api/reports', user: 'coord.duty' },
  { path: '/api/search', user: 'coord.duty' },
  { path: '/api/channels/search', user: 'coord.duty' },
  { path: '/api/audit/entries', user: 'admin' },
  { path: '/api/directory/users', user: 'coord.duty' },
  { path: '/api/releases', user: 'coord.duty' },
  { path: '/api/notifications', user: 'coord.duty' },
] as const;
type Route = (typeof ROUTES)[number];
const USERS = ['isf.hebron', 'coord.duty', 'admin'] as const;
/** A word written into the seeded request, message and report, so that searching for it finds them. */
const WORD = 'Olive';
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** How hard each tool tries: the full scan, and the short one CI runs (--quick). */
const SETTINGS = {
  full: {
    sqlmap: ['--level=3', '--risk=2', '--technique=BEUSTQ', '--time-sec=2', '--timeout=10'],
    wapitiModules: ['sql', 'blindsql', 'exec', 'file', 'xss', 'crlf', 'redirect'],
    wapitiTimeout: 5,
  },
  quick: {
    sqlmap: ['--level=2', '--risk=1', '--technique=BEUST', '--time-sec=1', '--timeout=5'],
    // Without blindsql (218 payloads a parameter): sqlmap's time-based technique covers blind injection.
    wapitiModules: ['sql', 'exec', 'file', 'xss'],
    wapitiTimeout: 3,
  },
};

export interface ScanOptions {
  /** The CI size: free-text parameters only, sqlmap at level 2 and risk 1, fewer wapiti modules. */
  quick: boolean;
  /** Wall-clock bound for the whole scan, server start included. */
  minutes: number;
  /** Where the reports go (created). */
  outDir: string;
  /** A fresh PostgreSQL database; the embedded database in a temporary data directory without it. */
  databaseUrl?: string;
  tools: { sqlmap: string; wapiti: string };
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface Finding {
  tool: 'sqlmap' | 'wapiti' | 'server';
  route: string;
  parameter: string | null;
  kind: string;
  evidence: string;
}

interface ToolSummary {
  scanned: string[];
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that changed each parameter's value (route and parameter → count). */
  changed: Record<string, number>;
  seconds: number;
  findings: number;
  reports: string;
}

export interface ScanReport {
  engine: 'postgres' | 'pglite';
  quick: boolean;
  seconds: number;
  sqlmap: ToolSummary;
  wapiti: ToolSummary;
  /** Answers 5xx the proxy saw (the first 50 are findings, with the request that got them). */
  serverErrors: number;
  findings: Finding[];
  failures: string[];
  notes: string[];
  outDir: string;
}

/** The path of an executable: `given` if it is one, else the first `name` on PATH; null if none. */
export function findTool(name: string, given?: string): string | null {
  const candidates = given
    ? [given]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

interface QueryParameter {
  name: string;
  required?: boolean;
  schema: {
    type?: string;
    enum?: unknown[];
    format?: string;
    pattern?: string;
    default?: unknown;
    minimum?: number;
    exclusiveMinimum?: number;
  };
}

/** One scan target: a route's URL with one parameter to test, and the values that make it answer 200. */
interface Target {
  path: string;
  user: string;
  parameter: string;
  values: Record<string, string>;
  url: string;
}

/** What the two tools' runs share. */
interface Scan {
  options: ScanOptions;
  settings: (typeof SETTINGS)['full'];
  report: ScanReport;
  base: string;
  cookieOf: (user: string) => string;
  proxy: RecordingProxy;
  log: (line: string) => void;
}

/** Time kept at the end of the bound for stopping the server and writing the summary. */
const MARGIN_MS = 10_000;

export async function runSecurityScan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const log = options.log ?? (() => undefined);
  mkdirSync(options.outDir, { recursive: true });
  const report: ScanReport = {
    engine: options.databaseUrl ? 'postgres' : 'pglite',
    quick: options.quick,
    seconds: 0,
    sqlmap: emptySummary(join(options.outDir, 'sqlmap')),
    wapiti: emptySummary(join(options.outDir, 'wapiti')),
    serverErrors: 0,
    findings: [],
    failures: [],
    notes: [],
    outDir: options.outDir,
  };
  const dataDir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'concord-scan-'));
  let server: ServerProcess | null = null;
  let proxy: RecordingProxy | null = null;
  try {
    server = await startServerProcess({
      CONCORD_DEMO_PASSWORD: TRIAL_PASSWORD,
      LOG_LEVEL: 'warn',
      ...(options.databaseUrl
        ? { DATABASE_URL: options.databaseUrl }
        : { CONCORD_DATA_DIR: dataDir as string }),
    });
    log(`server at ${server.url} (${report.engine})`);
    const base = server.url;
    const { call, cookieOf, signIn } = officers(() => base);
    await signIn(USERS);
    const targets = await targetsOf(base, await seed(call), options.quick, report.notes);
    const scannable: Target[] = [];
    for (const target of targets) {
      const answer = await call(target.user, 'GET', target.url);
      if (answer.status === 200) scannable.push(target);
      else
        report.failures.push(
          `${target.url} answered ${answer.status} before the scan, so ${target.parameter} cannot be scanned: ${(await answer.text()).slice(0, 200)}`,
        );
    }
    if (scannable.length === 0) throw new Error('no query parameter to scan');
    proxy = await startRecordingProxy(base, scannable);
    const scan: Scan = {
      options,
      settings: options.quick ? SETTINGS.quick : SETTINGS.full,
      report,
      base,
      cookieOf,
      proxy,
      log,
    };
    // sqlmap gets 60 % of the time left, wapiti the rest.
    await runSqlmap(scan, scannable, Date.now() + 0.6 * (deadline - MARGIN_MS - Date.now()));
    const paramless = ROUTES.filter((route) => !targets.some((target) => target.path === route.path));
    await runWapiti(scan, scannable, paramless, deadline - MARGIN_MS);

    // Each tool must have changed every parameter; the server must have answered every request, never with 5xx.
    if (options.signal?.aborted) report.failures.push('interrupted');
    else
      for (const target of scannable)
        for (const tool of ['sqlmap', 'wapiti'] as const)
          if (!report[tool].changed[keyOf(target)])
            report.failures.push(`${tool} sent no request that changed ${keyOf(target)}`);
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      report.failures.push(
        `the server exited during the scan (${server.child.exitCode ?? server.child.signalCode}): see server.log`,
      );
    if (proxy.unanswered)
      report.failures.push(`the server did not answer ${proxy.unanswered} requests (connection errors)`);
    if (proxy.refused.length)
      report.notes.push(
        `the proxy refused ${proxy.refused.length} requests not addressed to the server: ${proxy.refused.slice(0, 5).join(', ')}`,
      );
    report.serverErrors = proxy.serverErrors.count;
    report.findings.push(...proxy.serverErrors.first);
  } catch (error) {
    report.failures.push(`the scan stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await proxy?.close();
    if (server) {
      await server.stop();
      writeFileSync(join(options.outDir, 'server.log'), server.output());
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    report.sqlmap.findings = report.findings.filter((finding) => finding.tool === 'sqlmap').length;
    report.wapiti.findings = report.findings.filter((finding) => finding.tool === 'wapiti').length;
    report.seconds = (Date.now() - started) / 1000;
    writeFileSync(join(options.outDir, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

const keyOf = (target: { path: string; parameter: string }) => `${target.path} ${target.parameter}`;

/**
 * sqlmap once per target, testing only its parameter (-p). A run may take
 * the time left but half an even share for each run after it: free text
 * (a search) takes longer than a number or a name from a list.
 */
async function runSqlmap(scan: Scan, targets: Target[], until: number): Promise<void> {
  const { report, proxy } = scan;
  const started = Date.now();
  const reserve = (until - started) / targets.length / 2;
  for (const [index, target] of targets.entries()) {
    if (scan.options.signal?.aborted) break;
    const share = until - Date.now() - reserve * (targets.length - index - 1);
    const name = `${String(index + 1).padStart(2, '0')}${target.path.replace(/\W+/g, '-')}-${target.parameter}`;
    const run = await runTool(
      scan.options.tools.sqlmap,
      [
        `--url=${scan.base}${target.url}`,
        '-p',
        target.parameter,
        `--cookie=${scan.cookieOf(target.user)}`,
        '--batch',
        '--dbms=PostgreSQL',
        ...scan.settings.sqlmap,
        '--retries=1',
        '--flush-session',
        '--skip-waf',
        '--disable-coloring',
        `--proxy=${proxy.url}`,
        `--output-dir=${join(report.sqlmap.reports, name)}`,
      ],
      { timeoutMs: share, logFile: join(report.sqlmap.reports, `${name}.log`), signal: scan.options.signal },
    );
    const traffic = proxy.take();
    addTraffic(report.sqlmap, traffic);
    const verdict = sqlmapVerdict(run.output, target.parameter);
    for (const evidence of verdict.injectable)
      report.findings.push({
        tool: 'sqlmap',
        route: target.path,
        parameter: target.parameter,
        kind: 'SQL injection',
        evidence: `${evidence} (log: ${name}.log)`,
      });
    const what = `${target.url} ${target.parameter}`;
    report.sqlmap.scanned.push(what);
    if (run.timedOut)
      report.failures.push(
        `sqlmap did not finish ${what} in ${Math.round(share / 1000)} s: give it more --minutes`,
      );
    else if (!verdict.concluded)
      report.failures.push(
        `sqlmap did not conclude on ${what} (exit ${run.code}): ${verdict.errors.join(' ') || `see ${name}.log`}`,
      );
    const outcome = verdict.injectable.length
      ? 'INJECTABLE'
      : verdict.concluded
        ? 'not injectable'
        : run.timedOut
          ? 'stopped at its time limit'
          : 'no conclusion';
    scan.log(
      `sqlmap ${index + 1}/${targets.length} ${what}: ${outcome} (${traffic.requests} requests, ${run.seconds.toFixed(1)} s)`,
    );
  }
  report.sqlmap.seconds = (Date.now() - started) / 1000;
}

/**
 * wapiti once per user, starting from that user's target URLs and routes
 * without parameters, each run given a share of the time left by its number
 * of URLs: a tenth (at most 30 s) to fetch them, and each attack module may
 * take 80 % of it (blindsql sends 218 payloads a parameter, redirect none to
 * an API), the rest is slack before the run is stopped. A module that wapiti
 * stops at its time limit has not attacked every URL: a failure.
 */
async function runWapiti(scan: Scan, targets: Target[], paramless: readonly Route[], until: number) {
  const { report, proxy, settings } = scan;
  const started = Date.now();
  const users = [...new Set(ROUTES.map((route) => route.user))];
  const startUrls = (user: string) => [
    ...targets.filter((target) => target.user === user).map((target) => target.url),
    ...paramless.filter((route) => route.user === user).map((route) => route.path),
  ];
  let left = users.reduce((sum, user) => sum + startUrls(user).length, 0);
  for (const user of users) {
    const urls = startUrls(user);
    if (scan.options.signal?.aborted || urls.length === 0) continue;
    const budget = ((until - Date.now()) * urls.length) / left;
    left -= urls.length;
    const crawlSeconds = Math.min(30, 0.1 * (budget / 1000));
    const attackSeconds = 0.8 * (budget / 1000) - crawlSeconds;
    const json = join(report.wapiti.reports, `${user}.json`);
    rmSync(json, { force: true });
    const run = await runTool(
      scan.options.tools.wapiti,
      [
        ...['--url', `${scan.base}/api/`, '--scope', 'folder'],
        ...urls.flatMap((url) => ['--start', `${scan.base}${url}`]),
        ...['--module', settings.wapitiModules.join(',')],
        ...['--header', `Cookie: ${scan.cookieOf(user)}`, '--proxy', `${proxy.url}/`],
        ...['--timeout', String(settings.wapitiTimeout)],
        ...['--max-scan-time', crawlSeconds.toFixed(0), '--max-attack-time', attackSeconds.toFixed(0)],
        ...['--flush-session', '--store-session', join(report.wapiti.reports, 'session')],
        ...['--store-config', join(report.wapiti.reports, 'config'), '--no-bugreport'],
        ...['--verbose', '1', '--format', 'json', '--output', json],
      ],
      { timeoutMs: budget, logFile: join(report.wapiti.reports, `${user}.log`), signal: scan.options.signal },
    );
    const traffic = proxy.take();
    addTraffic(report.wapiti, traffic);
    report.wapiti.scanned.push(...urls.map((url) => `${url} (${user})`));
    const launched = settings.wapitiModules.filter((module) =>
      run.output.includes(`Launching module ${module}`),
    );
    const missing = settings.wapitiModules.filter((module) => !launched.includes(module));
    const result = readJson(json) as WapitiReport | null;
    if (run.timedOut)
      report.failures.push(`wapiti (${user}) did not finish in ${Math.round(budget / 1000)} s`);
    else if (run.code !== 0 || !result)
      report.failures.push(`wapiti (${user}) failed (exit ${run.code}) without a report: see ${user}.log`);
    if (missing.length) report.failures.push(`wapiti (${user}) did not launch ${missing.join(', ')}`);
    for (const line of run.output
      .split('\n')
      .filter((line) => /^Max (attack|scan) time was reached/.test(line)))
      report.failures.push(`wapiti (${user}): ${line.trim()} (give it more --minutes)`);
    const found = result ? wapitiFindings(result) : [];
    report.findings.push(...found);
    scan.log(
      `wapiti (${user}) ${urls.length} URLs, modules ${launched.join(',')}: ${found.length} findings (${traffic.requests} requests, ${run.seconds.toFixed(1)} s)`,
    );
  }
  report.wapiti.seconds = (Date.now() - started) / 1000;
}

function emptySummary(reports: string): ToolSummary {
  mkdirSync(reports, { recursive: true });
  return { scanned: [], requests: 0, byStatus: {}, changed: {}, seconds: 0, findings: 0, reports };
}

function addTraffic(summary: ToolSummary, traffic: Traffic): void {
  summary.requests += traffic.requests;
  for (const [status, count] of Object.entries(traffic.byStatus))
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + count;
  for (const [key, count] of Object.entries(traffic.changed))
    summary.changed[key] = (summary.changed[key] ?? 0) + count;
}

/**
 * Writes what the routes should find (two requests, a channel message, a
 * report, all with WORD in them) and answers, per route, values of its
 * parameters that select them: what a valid value is, the OpenAPI document
 * cannot say (a cursor, a marking level, an audit action).
 */
async function seed(call: Call): Promise<Record<string, Record<string, string>>> {
  const json = async (answer: Promise<Response>, expected: number) => {
    const response = await answer;
    if (response.status !== expected)
      throw new Error(`seeding: ${response.url} answered ${response.status} ${await response.text()}`);
    return response.json();
  };
  const districtId = await hebron(call);
  for (const who of [`${WORD} grower`, `${WORD} picker`])
    await json(
      call('isf.hebron', 'POST', '/api/requests', {
        type: 'safe-return',
        districtId,
        fields: {
          who,
          description: `Lost near the ${WORD.toLowerCase()} groves`,
          lastKnownLocation: 'Bab al-Zawiya',
        },
      }),
      201,
    );
  const channel = await json(
    call('coord.duty', 'POST', '/api/channels', { kind: 'standing', name: 'Scan' }),
    201,
  );
  await json(
    call('coord.duty', 'POST', `/api/channels/${channel.id}/messages`, {
      body: `${WORD} harvest at the checkpoint`,
      idempotencyKey: randomUUID(),
    }),
    201,
  );
  await json(
    call('coord.duty', 'POST', '/api/reports', {
      title: `${WORD} harvest`,
      paragraphs: [
        { text: `The ${WORD.toLowerCase()} harvest passed quietly.`, marking: { classification: '(U)' } },
      ],
    }),
    201,
  );
  const requests = await json(call('coord.duty', 'GET', '/api/requests?limit=1'), 200);
  const request = requests.items[0];
  const audit = await json(call('admin', 'GET', '/api/audit/entries?limit=1'), 200);
  const entry = audit.entries[0];
  return {
    '/api/requests': {
      status: request.status,
      type: request.type,
      districtId: request.district.id,
      deskId: request.receivingDesk.id,
      cursor: requests.next,
    },
    '/api/search': { q: WORD, marking: request.marking.level },
    '/api/channels/search': { q: WORD, channelId: channel.id },
    '/api/audit/entries': {
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      before: String(entry.seq + 1),
    },
  };
}

/** A value of a parameter from its schema, when no sample was seeded for it. */
function fromSchema(schema: QueryParameter['schema']): string {
  if (schema.default !== undefined) return String(schema.default);
  if (schema.enum?.length) return String(schema.enum[0]);
  if (schema.type === 'integer' || schema.type === 'number')
    return String(schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1);
  if (schema.format === 'uuid') return NIL_UUID;
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'date-time') return new Date().toISOString();
  return WORD;
}

/** Free text: a string the schema does not narrow to a list, a format or a pattern (what --quick scans). */
const isFreeText = (parameter: QueryParameter) =>
  parameter.schema.type === 'string' &&
  !parameter.schema.enum &&
  !parameter.schema.format &&
  !parameter.schema.pattern;

/** One target per query parameter of each route, read from the running server's OpenAPI document. */
async function targetsOf(
  base: string,
  samples: Record<string, Record<string, string>>,
  quick: boolean,
  notes: string[],
): Promise<Target[]> {
  const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
    paths: Record<string, { get?: { parameters?: (QueryParameter & { in: string })[] } }>;
  };
  const targets: Target[] = [];
  for (const route of ROUTES) {
    const operation = spec.paths[route.path]?.get;
    if (!operation) throw new Error(`GET ${route.path} is not in the OpenAPI document`);
    const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
    const sampleFor = (parameter: QueryParameter) =>
      samples[route.path]?.[parameter.name] ?? fromSchema(parameter.schema);
    const required = query.filter((parameter) => parameter.required);
    const tested = quick ? query.filter(isFreeText) : query;
    if (query.length === 0) notes.push(`${route.path} takes no query parameters: wapiti only`);
    for (const parameter of tested) {
      const values = Object.fromEntries(
        [...required.filter((other) => other.name !== parameter.name), parameter].map((one) => [
          one.name,
          sampleFor(one),
        ]),
      );
      const url = `${route.path}?${new URLSearchParams(values)}`;
      targets.push({ path: route.path, user: route.user, parameter: parameter.name, values, url });
    }
  }
  return targets;
}

/** What sqlmap's output says of one parameter: whether it reached a conclusion, and every sign of injection. */
export function sqlmapVerdict(
  output: string,
  parameter: string,
): { concluded: boolean; injectable: string[]; errors: string[] } {
  const lines = output.split('\n');
  const about = (pattern: string) =>
    new RegExp(`\\b\\w+ parameter '${parameter.replace(/\W/g, '\\$&')}' ${pattern}`);
  const injectable = lines
    .filter(
      (line) =>
        about("(appears to be|is) '.+' injectable").test(line) ||
        about('is vulnerable').test(line) ||
        about('might be injectable').test(line),
    )
    .map((line) => line.trim());
  const notInjectable = lines.some((line) => about('does not seem to be injectable').test(line));
  const errors = lines.filter(
    (line) => /\[(CRITICAL|ERROR)\]/.test(line) && !/do not appear to be injectable/.test(line),
  );
  return {
    concluded: notInjectable || injectable.some((line) => !line.includes('might be injectable')),
    injectable,
    errors: errors.map((line) => line.trim()),
  };
}

interface WapitiEntry {
  method: string;
  path: string;
  info: string;
  parameter: string;
  http_request: string;
}
interface WapitiReport {
  vulnerabilities: Record<string, WapitiEntry[]>;
  anomalies: Record<string, WapitiEntry[]>;
}

/** Every vulnerability and anomaly of a wapiti JSON report (an anomaly is a 500 or a timeout under a payload). */
export function wapitiFindings(report: WapitiReport): Finding[] {
  return (['vulnerabilities', 'anomalies'] as const).flatMap((section) =>
    Object.entries(report[section] ?? {}).flatMap(([kind, entries]) =>
      entries.map((entry) => ({
        tool: 'wapiti' as const,
        route: `${entry.method} ${entry.path}`,
        parameter: entry.parameter || null,
        kind: `${kind} (${section === 'vulnerabilities' ? 'vulnerability' : 'anomaly'})`,
        evidence: `${entry.info}\n${entry.http_request}`,
      })),
    ),
  );
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs a tool in its own process group with stdin closed, its output kept in
 * `logFile`; past `timeoutMs` (or on `signal`) the group is sent SIGTERM, then
 * SIGKILL. Proxy settings of the environment are left out: the tools go
 * through the scan's own proxy only.
 */
function runTool(
  command: string,
  args: string[],
  options: { timeoutMs: number; logFile: string; signal?: AbortSignal },
): Promise<{ code: number | null; timedOut: boolean; output: string; seconds: number }> {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name))),
    TERM: 'dumb',
  };
  const started = Date.now();
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = `$ ${command} ${args.map((arg) => (/[\s'"]/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}\n`;
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  let timedOut = false;
  const stop = () => {
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
      setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000).unref();
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(
    () => {
      timedOut = true;
      stop();
    },
    Math.max(options.timeoutMs, 1000),
  );
  options.signal?.addEventListener('abort', stop, { once: true });
  return new Promise((resolve) => {
    const finish = (code: number | null) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      writeFileSync(options.logFile, output);
      resolve({ code, timedOut, output, seconds: (Date.now() - started) / 1000 });
    };
    child.on('error', (error) => {
      output += `\n${error.message}\n`;
      finish(null);
    });
    child.on('close', finish);
  });
}

interface Traffic {
  requests: number;
  byStatus: Record<string, number>;
  changed: Record<string, number>;
}
interface RecordingProxy {
  url: string;
  /** The traffic since the last take. */
  take(): Traffic;
  serverErrors: { count: number; first: Finding[] };
  refused: string[];
  unanswered: number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy for the tools: forwards what is addressed to the server,
 * refuses the rest (403), counts requests and answers by status, counts the
 * requests that changed each target's parameter, and counts every 5xx
 * (keeping the first 50 with the request that got them).
 */
async function startRecordingProxy(target: string, targets: Target[]): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const fresh = (): Traffic => ({ requests: 0, byStatus: {}, changed: {} });
  let traffic = fresh();
  const serverErrors = { count: 0, first: [] as Finding[] };
  const refused: string[] = [];
  let unanswered = 0;
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', target);
    const method = incoming.method ?? 'GET';
    if (url.host !== upstream.host) {
      refused.push(`${method} ${url.href}`);
      incoming.resume();
      outgoing.writeHead(403).end();
      return;
    }
    traffic.requests += 1;
    for (const one of targets) {
      const value = url.searchParams.get(one.parameter);
      if (one.path === url.pathname && value !== null && value !== one.values[one.parameter]) {
        traffic.changed[keyOf(one)] = (traffic.changed[keyOf(one)] ?? 0) + 1;
        break;
      }
    }
    const { 'proxy-connection': _, ...headers } = incoming.headers;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: url.pathname + url.search,
        headers,
        agent,
      },
      (answer) => {
        const status = answer.statusCode ?? 0;
        traffic.byStatus[status] = (traffic.byStatus[status] ?? 0) + 1;
        if (status >= 500 && serverErrors.count++ < 50)
          serverErrors.first.push({
            tool: 'server',
            route: `${method} ${url.pathname}`,
            parameter: null,
            kind: `HTTP ${status}`,
            evidence: `${method} ${url.pathname}${url.search} (user agent: ${incoming.headers['user-agent'] ?? '-'})`,
          });
        outgoing.writeHead(status, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => {
      unanswered += 1;
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forward);
  });
  // HTTPS goes through a proxy as CONNECT: never to anywhere.
  server.on('connect', (incoming, socket) => {
    refused.push(`CONNECT ${incoming.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take: () => {
      const taken = traffic;
      traffic = fresh();
      return taken;
    },
    serverErrors,
    refused,
    get unanswered() {
      return unanswered;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
