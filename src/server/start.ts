import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deployment } from '../core/deployment/schema';
import { buildApp } from './app';
import { playDemo } from './demo/demo-activity';
import { seedDeployment } from './modules/directory/seed-deployment';
import type { Config } from './platform/config';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './platform/db/database';
import { deploymentContext } from './platform/deployment-context';
import { loadDeploymentFile } from './platform/deployment-file';

export function databaseTargetOf(config: Config) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir } as const);
}

/**
 * Reads the deployment file (a broken one stops here, before the database is
 * touched), opens and migrates the database, fills an empty directory from the
 * file, builds the app. Does not listen.
 */
export async function prepare(config: Config): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const deployment = await loadDeploymentFile(config.deploymentFile);
  const database = await openDatabase(databaseTargetOf(config));
  try {
    await migrateToLatest(database.db);
    const app = await buildApp(config, { database, deployment: deploymentContext(deployment) });
    const generatedPassword =
      config.demo && !config.demoPassword ? randomBytes(12).toString('base64url') : null;
    // Outside a demo, seed accounts get a password nobody knows: administrators set real ones.
    const password = config.demoPassword ?? generatedPassword ?? randomBytes(24).toString('base64url');
    const { seeded } = await seedDeployment(database.db, app.services.identity, deployment, {
      password,
      now: new Date(),
    });
    // The demo shows the product at work: made once, on the database it has just filled.
    if (config.demo && seeded) await playDemo(app, password);
    if (config.demo)
      announceDemo({ seeded, generatedPassword: seeded ? generatedPassword : null, deployment }, config);
    else if (seeded) announceSeeded(deployment);
    return { app, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function announceSeeded(deployment: Deployment): void {
  console.log(
    `The directory was filled from the deployment file (${deployment.users.length} accounts). ` +
      'Set their passwords with: npm run concord -- user reset-password USERNAME',
  );
}

function announceDemo(
  result: { seeded: boolean; generatedPassword: string | null; deployment: Deployment },
  config: Config,
): void {
  const lines = [
    'DEMO MODE: this server holds the fictional USSC demo deployment. Do not enter real information.',
    `Demo accounts: ${result.deployment.users.map((user) => user.username).join(', ')}.`,
  ];
  if (result.generatedPassword) {
    lines.push(
      `Their password, shown this once: ${result.generatedPassword}`,
      'Set CONCORD_DEMO_PASSWORD to choose it yourself; CONCORD_DEMO=0 starts without the demo.',
    );
  } else if (!result.seeded) {
    lines.push('The demo accounts already exist; their password is the one set when they were created.');
  } else if (config.demoPassword) {
    lines.push('Their password is the value of CONCORD_DEMO_PASSWORD.');
  }
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '='.repeat(Math.min(width, 100));
  console.log(`\n${rule}\n${lines.join('\n')}\n${rule}\n`);
}
