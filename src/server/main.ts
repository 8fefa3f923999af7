import { DeploymentError } from '../core/deployment/parse';
import { VERSION } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/data-dir-lock';
import { prepare } from './start';

/** Reads the configuration, starts Concord, and shuts it down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { app, database } = await prepare(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  console.log(
    `Concord ${VERSION} is running at http://${shownHost}:${port}/ ` +
      `(database: ${database.engine === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL at ${database.location}`})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight, then closing the database');
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DeploymentError
  ) {
    console.error(`Concord cannot start. ${error.message}`);
  } else {
    console.error('Concord failed to start:', error);
  }
  process.exit(1);
});
