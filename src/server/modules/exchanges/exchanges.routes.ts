import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFINITIONS } from '../../../core/exchanges/ledger';
import {
  type ExchangeView,
  exchangePageSchema,
  exchangeQuerySchema,
  reciprocityQuerySchema,
  reciprocitySchema,
} from '../../../core/exchanges/schemas';
import { callerResolver } from '../../platform/auth';
import { sendExport } from '../../platform/exports';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import { errorResponses } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { EXPORT_MAX_ROWS, ledgerExport, reciprocityExport } from './exchanges.export';
import { type ExchangesDeps, listExchanges, reciprocityOf } from './exchanges.queries';
import type { ExchangeRow } from './exchanges.repository';

const tags = ['exchanges'];

/** The app's page of the record an exchange points to. */
const LINKS: Record<string, (id: string) => string> = {
  'report-release': (id) => `/releases/${id}`,
  request: (id) => `/requests/${id}`,
  commitment: (id) => `/commitments/${id}`,
};

function presentExchange(deps: ExchangesDeps, row: ExchangeRow): ExchangeView {
  return {
    id: row.id,
    fromParty: row.from_party,
    toParty: row.to_party,
    throughParty: row.through_party,
    kind: row.kind,
    category: row.category,
    subject: {
      type: row.subject_type,
      id: row.subject_id,
      link: LINKS[row.subject_type]?.(row.subject_id) ?? null,
    },
    cancels: row.cancels,
    at: row.at.toISOString(),
    marking: presentMarking(deps.deployment.scheme, markingOfRow(row)),
  };
}

/** Thin: validate, identify the caller, hand to a query, present. */
export async function exchangesRoutes(
  app: FastifyInstance,
  { exchanges, directory }: { exchanges: ExchangesDeps; directory: DirectoryService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));

  r.get(
    '/api/exchanges',
    {
      schema: {
        tags,
        summary:
          'The ledger of what passed between the parties, newest first, as the caller may see it (records of which they may open the one pointed to, that their party sent, received or passed on; the coordinator all it may see); filters: from, to (parties), category, kind, since and until (days); `cursor` pages on',
        querystring: exchangeQuerySchema,
        response: { 200: exchangePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listExchanges(exchanges, await caller(request), request.query);
      return { ...page, items: page.items.map((row) => presentExchange(exchanges, row)) };
    },
  );

  r.get(
    '/api/reciprocity',
    {
      schema: {
        tags,
        summary: `Every measure of a pair of parties per period (week, month, quarter, year) and over the range. ${Object.values(DEFINITIONS).join(' ')}`,
        querystring: reciprocityQuerySchema,
        response: { 200: reciprocitySchema, ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query;
      const measures = await reciprocityOf(exchanges, await caller(request), query);
      return {
        partyA: query.partyA,
        partyB: query.partyB,
        period: query.period,
        category: query.category ?? null,
        ...measures,
        definitions: DEFINITIONS,
      };
    },
  );

  const format = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'The format is csv or xlsx' }) });

  r.get(
    '/api/exchanges/export.:format',
    {
      schema: {
        tags,
        summary: `The ledger as CSV or XLSX: exactly the records GET /api/exchanges gives the caller for the same filters (at most ${EXPORT_MAX_ROWS.toLocaleString('en')}); the XLSX has the banner of its records in every page's header and footer, the CSV in the Concord-Banner header`,
        params: format,
        querystring: exchangeQuerySchema.omit({ limit: true, cursor: true }),
        response: errorResponses,
      },
    },
    async (request, reply) =>
      sendExport(
        reply,
        request.params.format,
        await ledgerExport(exchanges, await caller(request), request.query),
      ),
  );

  r.get(
    '/api/reciprocity/export.:format',
    {
      schema: {
        tags,
        summary:
          'The measures of a pair as CSV or XLSX, a row per period and one for the whole range, as GET /api/reciprocity gives them to the caller',
        params: format,
        querystring: reciprocityQuerySchema,
        response: errorResponses,
      },
    },
    async (request, reply) =>
      sendExport(
        reply,
        request.params.format,
        await reciprocityExport(exchanges, await caller(request), request.query),
      ),
  );
}
