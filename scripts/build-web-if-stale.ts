import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web app with Vite unless dist/web is newer than every file it is
 * built from, so `npm start` and `npm test` stay quick after the first run.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src/web', 'src/core', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

export async function buildWebIfStale(): Promise<boolean> {
  const builtIndex = join(root, 'dist/web/index.html');
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))));
  if (builtAt > sourcesAt) return false;
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWebIfStale().then(
    (built) =>
      console.log(built ? 'Built the web app into dist/web.' : 'The web app in dist/web is up to date.'),
    (error: unknown) => {
      console.error('Building the web app failed:', error);
      process.exit(1);
    },
  );
}
