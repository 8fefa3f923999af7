import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mapSchema } from '../../../core/map/schemas';
import { callerResolver } from '../../platform/auth';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { errorResponses } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { presentMap } from './map.presenter';
import { openRequestsVisibleTo } from './map.queries';

export interface MapRouteOptions {
  db: Db;
  deployment: DeploymentContext;
  directory: DirectoryService;
}

/** The map: the gazetteer, the paired desks and the caller's open requests, as GeoJSON. */
export async function mapRoutes(app: FastifyInstance, { db, deployment, directory }: MapRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  r.get(
    '/api/map',
    {
      schema: {
        tags: ['map'],
        summary:
          "What the caller may see on the map, as a GeoJSON FeatureCollection: the gazetteer's places, the liaison desks and their pairing, and the caller's open requests at their place",
        response: { 200: mapSchema, ...errorResponses },
      },
    },
    async (request) => {
      const who = await caller(request);
      const [places, desks, requests] = await Promise.all([
        directory.districts(),
        directory.desks(),
        openRequestsVisibleTo(db, deployment.rule, who.actor),
      ]);
      return presentMap(places, desks, requests);
    },
  );
}
