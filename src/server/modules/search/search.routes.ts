import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchHitSchema, searchQuerySchema } from '../../../core/search/schemas';
import { callerResolver } from '../../platform/auth';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import { problemSchema } from '../../platform/problem';
import type { DirectoryService } from '../directory/directory.service';
import { requestReference } from '../notifications/reference';
import { reportReference } from '../reports/reports.presenter';
import type { SearchService } from './search.service';

export async function searchRoutes(
  app: FastifyInstance,
  { search, directory }: { search: SearchService; directory: DirectoryService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Full-text search in English, Arabic and Hebrew over what the caller may see, portion by portion',
        querystring: searchQuerySchema,
        response: {
          200: z.object({ hits: z.array(searchHitSchema) }),
          400: problemSchema,
          401: problemSchema,
        },
      },
    },
    async (request) => {
      const caller = await callerResolver((id) => directory.actorOf(id))(request);
      const hits = await search.search(caller, request.query);
      return {
        hits: hits.map(({ kind, row, snippet, highlights }) => ({
          type: kind,
          id: row.parent_id,
          reference:
            row.number === null
              ? // A release of a submission: named by itself, never by the submission it came from.
                `REL-${row.parent_id.slice(0, 8).toUpperCase()}`
              : kind === 'request'
                ? requestReference(row.number)
                : kind === 'message'
                  ? `#${row.number}`
                  : kind === 'report' || kind === 'release'
                    ? reportReference(row.number)
                    : // A meeting, its minutes or a commitment: the group's code and the day.
                      row.number,
          title: row.title,
          date: row.date,
          paragraphId: row.id,
          requestId: row.request_id ?? null,
          portion: presentMarking(search.scheme, markingOfRow(row)),
          snippet,
          highlights,
          rank: Number(row.rank),
        })),
      };
    },
  );
}
