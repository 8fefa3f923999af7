import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser),
 * found through CHROMIUM_PATH or on the PATH. Without it, the tests say so
 * loudly and are skipped; under CI=true its absence fails the run.
 */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH)
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on the PATH under this name
    }
  }
  return null;
}

export const chromiumPath = findChromium();

/**
 * A browser journey (sign-ins, several pages, axe) takes 10–30 s on a quiet
 * machine and more when two run side by side on two cores; this is a guard
 * against hangs, not a speed target.
 */
export const BROWSER_JOURNEY = { timeout: 120_000 };

if (!chromiumPath) {
  const message =
    "CHROMIUM NOT FOUND: end-to-end browser tests cannot run. Install Debian's chromium " +
    '(apt-get install -y chromium) or set CHROMIUM_PATH.';
  if (process.env.CI === 'true') throw new Error(`${message} CI requires them.`);
  console.warn(`\n${'!'.repeat(100)}\n${message} They are SKIPPED.\n${'!'.repeat(100)}\n`);
}

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not available');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // Software WebGL (SwiftShader) for the map page: Chromium no longer falls back to it unasked.
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const artifacts = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

/** Screenshots are kept as test artifacts in test-artifacts/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** axe-core violations of serious or critical impact, as readable lines (empty when there are none). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * Collects CSP violations, script errors and other console errors, which the
 * tests assert are absent. Chromium also logs every 4xx answer as "Failed to
 * load resource"; those are expected (401 before sign-in, a wrong password).
 */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      problems.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
