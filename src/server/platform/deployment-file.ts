import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeploymentError, parseDeployment } from '../../core/deployment/parse';
import type { Deployment } from '../../core/deployment/schema';

/** The demo deployment, found from this file rather than the working directory, so it loads wherever Concord starts. */
export const DEMO_DEPLOYMENT_FILE = fileURLToPath(new URL('../../../deployments/demo.yaml', import.meta.url));

/** Reads and checks a deployment file; any problem throws a DeploymentError that names the file and line. */
export async function loadDeploymentFile(path: string): Promise<Deployment> {
  const source = displayName(path);
  return parseDeployment(await readText(path, source), source);
}

async function readText(path: string, source: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `No deployment file at ${resolve(path)}`
        : `Cannot read the deployment file: ${(error as Error).message}`;
    throw new DeploymentError(source, [{ path: '', message }]);
  }
}

/** Relative to the working directory when inside it, as an administrator typed it; absolute otherwise. */
function displayName(path: string): string {
  const fromHere = relative(process.cwd(), resolve(path));
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? resolve(path) : fromHere;
}
