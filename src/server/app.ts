import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from '../core/clock';
import { auditRoutes } from './modules/audit/audit.routes';
import { AuditService, scheduleCheckpoints } from './modules/audit/audit.service';
import { identityRoutes } from './modules/identity/identity.routes';
import { IdentityService } from './modules/identity/identity.service';
import { registerAuthentication } from './platform/auth';
import type { Config } from './platform/config';
import type { DatabaseHandle } from './platform/db/database';
import { healthRoutes } from './platform/health';
import { registerOpenApi } from './platform/openapi';
import { makeErrorHandler } from './platform/problem';
import { registerSecurityHeaders } from './platform/security';
import { registerWeb } from './platform/web';

export const VERSION = '0.1.0';

export interface AppDependencies {
  database: DatabaseHandle;
  clock?: Clock;
  /** Sign-in requests per minute per address, before the per-account throttle (default 30). */
  loginRateLimitPerMinute?: number;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
}

export interface Services {
  identity: IdentityService;
  audit: AuditService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/**
 * Builds the Concord HTTP application: platform plugins first, then each
 * module's routes, explicitly. The database is opened and migrated by the
 * caller (see start.ts); closing the app closes it.
 */
export async function buildApp(config: Config, deps: AppDependencies): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const { db } = deps.database;

  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Graceful shutdown: close() stops accepting, lets in-flight requests finish, then runs onClose.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(makeErrorHandler(config.bodyLimit));

  const services: Services = {
    identity: new IdentityService(db, clock, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionMaxHours: config.sessionMaxHours,
      totpRequiredForPrivilegedRoles: config.totpRequiredForPrivilegedRoles,
    }),
    audit: new AuditService(db, clock, { deployment: config.deploymentName, keyFile: config.auditKeyFile }),
  };
  app.decorate('services', services);

  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, VERSION);
  registerAuthentication(app, services.identity);

  await app.register(healthRoutes, { db });
  await app.register(identityRoutes, {
    identity: services.identity,
    loginRateLimitPerMinute: deps.loginRateLimitPerMinute ?? 30,
  });
  await app.register(auditRoutes, { audit: services.audit });
  await registerWeb(app, config.webDir);

  const checkpoints = scheduleCheckpoints(services.audit, (error) =>
    app.log.error({ err: error }, 'the hourly audit checkpoint failed'),
  );

  // While closing, answer in-flight requests with "Connection: close", so that
  // keep-alive clients do not hold the shutdown open until their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    await checkpoints.stop();
    await deps.database.close();
  });
  return app;
}
