import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors';

/** Half of a surrogate pair with no other half: not well-formed Unicode, and not text anyone wrote. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be taken as text, or null when it can. */
function flaw(text: string): string | null {
  if (text.includes('\u0000')) return 'Holds a NUL character';
  if (LONE_SURROGATE.test(text)) return 'Holds half of a surrogate pair';
  return null;
}

/**
 * The first string in `value` (keys included) that is not storable text, with
 * its path as problems name fields (`body.fields.who`); null when all are.
 * Walks without recursion, so no nesting depth can exhaust the stack.
 */
export function unstorableText(value: unknown, root: string): { path: string; message: string } | null {
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      const message = flaw(item);
      if (message) return { path, message };
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const message = flaw(key);
        if (message) return { path: `${path}.${key.replace(/[^\p{L}\p{N}_-]/gu, '?')}`, message };
        pending.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * The one text check at the edge, before any route's schema: a string that
 * PostgreSQL cannot store (U+0000) or that is not well-formed Unicode (a lone
 * surrogate) in the path, the query or the body is refused with a 400 that
 * names the field, instead of failing deep inside a write.
 */
export function registerTextEdge(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      unstorableText(request.params, 'params') ??
      unstorableText(request.query, 'querystring') ??
      (Buffer.isBuffer(request.body) ? null : unstorableText(request.body, 'body'));
    if (found)
      throw badRequest(
        'invalid_text',
        `${found.path}: ${found.message}; it cannot be stored as text.`,
        [found],
        { field: found.path },
      );
  });
}
