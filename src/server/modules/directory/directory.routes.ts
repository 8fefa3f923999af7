import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deploymentInfoSchema } from '../../../core/directory/schemas';
import { callerResolver } from '../../platform/auth';
import { errorResponses } from '../../platform/route-schemas';
import type { DirectoryRouteContext, DirectoryRouteOptions } from './directory.route-context';
import { entryRoutes } from './entries.routes';
import { peopleRoutes } from './people.routes';
import { rosterRoutes } from './roster.routes';

export type { DirectoryRouteOptions } from './directory.route-context';

/**
 * The directory's routes, one file per area: entries (parties, units,
 * districts, desks, groups), rosters and handover notes, people.
 */
export async function directoryRoutes(app: FastifyInstance, options: DirectoryRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const context: DirectoryRouteContext = {
    ...options,
    caller: callerResolver((id) => options.directory.actorOf(id)),
    created: (reply, value) => {
      reply.status(201);
      return value;
    },
  };

  r.get(
    '/api/deployment',
    {
      schema: {
        tags: ['directory'],
        summary:
          "The deployment's name, languages, time zone, classification scheme and the exchange ledger's categories",
        response: { 200: deploymentInfoSchema, ...errorResponses },
      },
    },
    async (request) => {
      await context.caller(request);
      const { name, languages, defaultLanguage, timeZone, classification, exchangeCategories } =
        options.commands.deployment.deployment;
      return {
        name,
        languages,
        defaultLanguage,
        timeZone,
        classification,
        exchangeCategories: exchangeCategories.map(({ code, names }) => ({ code, names })),
      };
    },
  );

  entryRoutes(app, context);
  rosterRoutes(app, context);
  peopleRoutes(app, context);
}
