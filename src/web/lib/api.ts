/**
 * The one way the web app talks to the server: same-origin fetch with JSON
 * bodies (or, for uploads, a file's raw bytes). Every failure becomes an ApiError carrying the server's
 * problem+json fields (RFC 9457), so screens key their messages on `code`.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

/** The problem `code` given to failures that never reached the server. */
export const NETWORK_ERROR = 'network_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    /** From the Retry-After header of a 429, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
    /** What the message is made of (a party, a line…), to say it in the reader's language. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
  }

  /** The message the server gave for one field (`currentPassword`, `password`, `body.name`…). */
  fieldIssue(...paths: string[]): FieldIssue | undefined {
    return this.errors.find((issue) => paths.includes(issue.path));
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request carries: a value sent as JSON, or a file sent as it is. */
type Body = { json: unknown } | { raw: Blob };

async function request<T>(method: Method, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body && 'raw' in body) {
    // The server decides a file's type from its bytes; the header only has to be present.
    headers['content-type'] = body.raw.type || 'application/octet-stream';
    init.body = body.raw;
  } else if (body && body.json !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body.json);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    const error = new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
    throw Object.assign(error, { cause });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) return json as T;
  throw toApiError(response, json);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, json: unknown): ApiError {
  const problem = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
  const detail = typeof problem.detail === 'string' ? problem.detail : response.statusText;
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (issue): issue is FieldIssue =>
          !!issue && typeof issue.path === 'string' && typeof issue.message === 'string',
      )
    : [];
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  const params =
    problem.params && typeof problem.params === 'object'
      ? (problem.params as Record<string, string | number>)
      : {};
  return new ApiError(
    response.status,
    code,
    detail,
    errors,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
    params,
  );
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { json: body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { json: body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { json: body }),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, { json: body }),
  /** POSTs a file's bytes as the whole body (no multipart, no base64). */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, { raw: file }),
};
