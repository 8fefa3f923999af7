import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { seedDemo } from './demo/seed-demo';
import type { Config } from './platform/config';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './platform/db/database';

export function databaseTargetOf(config: Config) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir } as const);
}

/** Opens and migrates the database, seeds the demo when asked, builds the app. Does not listen. */
export async function prepare(config: Config): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = await openDatabase(databaseTargetOf(config));
  try {
    await migrateToLatest(database.db);
    const app = await buildApp(config, { database });
    if (config.demo) announceDemo(await seedDemo(app.services.identity, config.demoPassword), config);
    return { app, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function announceDemo(result: Awaited<ReturnType<typeof seedDemo>>, config: Config): void {
  const lines = [
    'DEMO MODE: this server holds the fictional USSC demo deployment. Do not enter real information.',
    `Demo accounts: ${result.usernames.join(', ')}.`,
  ];
  if (result.generatedPassword) {
    lines.push(
      `Their password, shown this once: ${result.generatedPassword}`,
      'Set CONCORD_DEMO_PASSWORD to choose it yourself; CONCORD_DEMO=0 starts without the demo.',
    );
  } else if (!result.created) {
    lines.push('The demo accounts already exist; their password is the one set when they were created.');
  } else if (config.demoPassword) {
    lines.push('Their password is the value of CONCORD_DEMO_PASSWORD.');
  }
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '='.repeat(Math.min(width, 100));
  console.log(`\n${rule}\n${lines.join('\n')}\n${rule}\n`);
}
