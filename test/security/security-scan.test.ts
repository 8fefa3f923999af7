import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool, type ScanReport, sqlmapVerdict, wapitiFindings } from '../../trials/security-scan';
import { ROOT } from '../../trials/support';
import { testEngine } from '../support/test-database';

/**
 * npm run security-scan (scripts/security-scan.ts): sqlmap and wapiti against
 * the list and search routes of a started server. CI runs the quick scan
 * (--quick: free-text parameters, sqlmap at level 2, four wapiti modules)
 * on the run's database when both tools are installed; without them, the
 * script must refuse, naming what is missing. The rules that turn the tools'
 * output into findings are checked on output they really print.
 */

const installed = { sqlmap: findTool('sqlmap'), wapiti: findTool('wapiti') };
const missing = Object.entries(installed)
  .filter(([, path]) => !path)
  .map(([name]) => name);
// The tools' reports are kept with the run's other artifacts (screenshots), one folder per database.
const outDir = join(ROOT, 'test-artifacts', 'security-scan', testEngine());
rmSync(outDir, { recursive: true, force: true });

function scan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/security-scan.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run security-scan', () => {
  it('refuses a bad bound or a missing tool with exit code 2, before starting a server', async () => {
    const bound = await scan(['--minutes', '0']);
    expect(bound.code).toBe(2);
    expect(bound.stderr).toContain('--minutes is a number above 0');

    const tool = await scan(['--quick', '--wapiti', '/nonexistent/wapiti']);
    expect(tool.code).toBe(2);
    expect(tool.stderr).toMatch(/missing: .*wapiti \(\/nonexistent\/wapiti\)/);
    expect(tool.stdout).not.toContain('server at');
  });

  it(missing.length
    ? `refuses to run without ${missing.join(' and ')}, naming what is missing`
    : `a quick scan of the list and search routes (${testEngine()}) tests every parameter and finds nothing`, async () => {
    if (missing.length) {
      const refused = await scan(['--quick']);
      expect(refused.code).toBe(2);
      for (const name of missing) expect(refused.stderr).toContain(`${name} (not on PATH)`);
      return;
    }
    const database = process.env.TEST_DATABASE_URL;
    // The quick scan takes about a minute; its bound leaves room for a CI machine busy with other test files.
    const run = await scan([
      '--quick',
      '--minutes',
      '5',
      '--out',
      outDir,
      ...(database ? ['--postgres', database] : []),
    ]);
    const report = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as ScanReport;
    expect(report.failures).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(report.engine).toBe(testEngine());
    // sqlmap concluded on every parameter it was given, and both tools changed each of them.
    const routes = report.sqlmap.scanned.map((target) => target.split('?')[0]);
    expect(routes).toEqual(expect.arrayContaining(['/api/search', '/api/channels/search', '/api/requests']));
    expect(Object.keys(report.sqlmap.changed)).toHaveLength(report.sqlmap.scanned.length);
    expect(Object.keys(report.wapiti.changed).sort()).toEqual(Object.keys(report.sqlmap.changed).sort());
    expect(report.sqlmap.requests).toBeGreaterThan(10 * report.sqlmap.scanned.length);
    expect(report.wapiti.requests).toBeGreaterThan(report.wapiti.scanned.length);
    expect(existsSync(join(outDir, 'wapiti', 'coord.duty.json'))).toBe(true);
    expect(existsSync(join(outDir, 'wapiti', 'admin.json'))).toBe(true);
    expect(run.stdout).toMatch(/0 findings, 0 failures in \d+ s/);
  }, 420_000);

  it('counts what sqlmap calls injectable, and a run without a conclusion, as sqlmap prints them', () => {
    // Lines of sqlmap 1.7.2 against a search that pastes its parameter into a LIKE.
    const injectable = [
      "[19:37:29] [WARNING] heuristic (basic) test shows that GET parameter 'q' might not be injectable",
      "[19:37:30] [INFO] GET parameter 'q' appears to be 'AND boolean-based blind - WHERE or HAVING clause' injectable ",
      "[19:37:32] [INFO] GET parameter 'q' is 'Generic UNION query (NULL) - 1 to 20 columns' injectable",
      "GET parameter 'q' is vulnerable. Do you want to keep testing the others (if any)? [y/N] N",
    ].join('\n');
    const verdict = sqlmapVerdict(injectable, 'q');
    expect(verdict.concluded).toBe(true);
    expect(verdict.injectable).toHaveLength(3);
    expect(sqlmapVerdict(injectable, 'type').concluded).toBe(false);

    const clean = [
      "[19:44:03] [WARNING] GET parameter 'q' does not seem to be injectable",
      "[19:44:03] [ERROR] all tested parameters do not appear to be injectable. Try to increase values for '--level'/'--risk' options",
    ].join('\n');
    expect(sqlmapVerdict(clean, 'q')).toEqual({ concluded: true, injectable: [], errors: [] });

    const heuristic =
      "[10:00:00] [INFO] heuristic (basic) test shows that GET parameter 'q' might be injectable";
    expect(sqlmapVerdict(heuristic, 'q')).toMatchObject({
      concluded: false,
      injectable: [expect.any(String)],
    });

    const refused = '[10:00:00] [CRITICAL] connection refused by the target URL';
    expect(sqlmapVerdict(refused, 'q')).toEqual({ concluded: false, injectable: [], errors: [refused] });
  });

  it("counts wapiti's vulnerabilities and anomalies (a 500, a timeout) as findings", () => {
    const entry = (parameter: string, info: string) => ({
      method: 'GET',
      path: '/api/search',
      info,
      level: 2,
      parameter,
      http_request: 'GET /api/search?q=%27 HTTP/1.1',
    });
    const findings = wapitiFindings({
      vulnerabilities: { 'SQL Injection': [], 'Cross Site Scripting': [entry('q', 'XSS vulnerability')] },
      anomalies: {
        'Internal Server Error': [entry('tag', 'The server responded with a 500 HTTP error code')],
      },
    });
    expect(findings.map((finding) => [finding.parameter, finding.kind])).toEqual([
      ['q', 'Cross Site Scripting (vulnerability)'],
      ['tag', 'Internal Server Error (anomaly)'],
    ]);
  });
});
