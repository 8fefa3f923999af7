import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorKind, type FieldIssue, type MessageParams } from '../../core/errors';

/**
 * Every error leaves the API as RFC 9457 problem+json with a stable `code`.
 * This file is the one place where error kinds meet HTTP status codes.
 */
const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  426: 'Upgrade required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** What the message is made of (a party, a line, a marking), for clients that say it in another language. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: FieldIssue[],
  params?: MessageParams,
): Problem {
  return {
    type: `urn:concord:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors?.length ? { errors } : {}),
    ...(params ? { params } : {}),
  };
}

/** What a path this API does not have answers; administration endpoints answer it too, to hide themselves. */
export const routeNotFoundMessage = (method: string, path: string) =>
  `There is no ${method} ${path} in this API.`;

/** Refusals worth an operator's attention: who was kept out of what (ASVS 16.3.2, 16.3.3). */
const WARN_STATUSES = new Set([401, 403, 429]);

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Problem): FastifyReply {
  // Every refusal says who was refused and why, under the request's id; the request line alone says neither.
  if (body.status < 500)
    request.log[WARN_STATUSES.has(body.status) ? 'warn' : 'info'](
      {
        problem: body.code,
        status: body.status,
        userId: request.auth?.user.id ?? null,
        via: request.auth?.via ?? null,
      },
      'refused',
    );
  return reply
    .status(body.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...body, instance: request.url.split('?')[0] }));
}

/** Fastify's own client errors, by their codes, with messages a person can act on. */
function frameworkProblem(error: FastifyError, bodyLimit: number): Problem | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        413,
        'body_too_large',
        `The request body is larger than the limit of ${bodyLimit} bytes.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'empty_body', 'The body is empty but Content-Type says JSON. Send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'malformed_json', `The body is not valid JSON: ${error.message}`);
    case 'FST_ERR_BAD_URL':
      return problem(400, 'bad_url', 'The address is not valid: a part of it does not decode to text.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'url_too_long', 'A part of the address is longer than any id or code.');
  }
  if (error instanceof SyntaxError || error.name === 'SyntaxError') {
    return problem(400, 'malformed_json', `The body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode === 429) {
    return problem(429, 'rate_limited', 'Too many requests. Slow down and try again shortly.');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, 'bad_request', error.message);
  }
  return null;
}

function validationProblem(error: FastifyError): Problem {
  const context = error.validationContext ?? 'body';
  const issues: FieldIssue[] = (error.validation ?? []).map((issue) => {
    const path = [
      context,
      ...String(issue.instancePath ?? '')
        .split('/')
        .filter(Boolean),
    ].join('.');
    const params = issue.params as { issue?: { code?: string; keys?: string[] } } | undefined;
    // Unknown fields: name them, rather than "Unrecognized key(s)".
    const keys = params?.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
    return {
      path,
      message: keys ? `Unknown field(s): ${keys.join(', ')}` : (issue.message ?? 'Invalid value'),
    };
  });
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return problem(400, 'validation_failed', `The request is not valid. ${summary}`, issues);
}

/** PostgreSQL's connection errors (class 08), its shutdown (57P01–57P03), and the socket's own failures. */
const UNREACHABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Whether `error` says the database could not be reached (restarting, down, the connection cut): worth a retry. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || UNREACHABLE_CODES.has(code))) return true;
  return (
    typeof message === 'string' &&
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/.test(
      message,
    )
  );
}

export function makeErrorHandler(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      const status = STATUS[error.kind];
      if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
      return sendProblem(
        reply,
        request,
        problem(status, error.code, error.message, error.extra.issues, error.extra.params),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error))
      return sendProblem(reply, request, validationProblem(error));
    const known = frameworkProblem(error, bodyLimit);
    if (known) return sendProblem(reply, request, known);
    if (isDatabaseUnreachable(error)) {
      request.log.warn({ err: error }, 'the database is unreachable');
      return sendProblem(
        reply.header('retry-after', '5'),
        request,
        problem(
          503,
          'database_unavailable',
          'The server cannot reach its database at the moment. Try again shortly.',
        ),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      request,
      problem(500, 'internal_error', 'Something went wrong on the server. It has been logged.'),
    );
  };
}
