import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, routeNotFoundMessage, sendProblem } from './problem';

/**
 * Serves the built web app (Vite's output) and answers every other non-API
 * GET with index.html, so the client router handles deep links and shows its
 * own not-found page. index.html carries the response's CSP nonce in a meta
 * tag, where Mantine finds it for the <style> element it injects.
 */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const root = resolve(webDir);
  const indexPath = join(root, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;

  if (indexHtml) {
    await app.register(fastifyStatic, {
      root,
      index: false,
      wildcard: false,
      // File names under /assets carry a content hash: cache them for a year.
      setHeaders: (reply, path) => {
        if (path.startsWith(join(root, 'assets')))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  const sendIndex = (reply: FastifyReply) => {
    if (!indexHtml) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The web app is not built. Run "npm run build:web" (npm start does it for you).`);
    }
    const nonce = (reply as FastifyReply & { cspNonce?: { style: string } }).cspNonce?.style ?? '';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && !path.startsWith('/api/') && path !== '/api') return sendIndex(reply);
    return sendProblem(
      reply,
      request,
      problem(404, 'route_not_found', routeNotFoundMessage(request.method, path)),
    );
  });
}
