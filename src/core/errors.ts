/**
 * The typed errors every layer throws. Each has a stable `code` that clients
 * (and the web's i18n) key on, and a message a user can act on. The mapping to
 * HTTP lives in one place: src/server/platform/problem.ts.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The names and numbers a message is made of, so that clients can say it in their own language. */
export type MessageParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; params?: MessageParams } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, issues?: FieldIssue[], params?: MessageParams) =>
  new AppError('bad_request', code, message, { ...(issues && { issues }), ...(params && { params }) });
export const unauthenticated = (code: string, message: string) =>
  new AppError('unauthenticated', code, message);
export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message);
export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
export const conflict = (code: string, message: string, params?: MessageParams) =>
  new AppError('conflict', code, message, params ? { params } : {});
export const payloadTooLarge = (code: string, message: string) =>
  new AppError('payload_too_large', code, message);
export const unsupportedMediaType = (code: string, message: string) =>
  new AppError('unsupported_media_type', code, message);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError('too_many_requests', code, message, { retryAfterSeconds });
