/**
 * Recognises integrity errors from either database (pg and PGlite both carry
 * PostgreSQL's SQLSTATE in `code`), so services can answer 409 with a message
 * instead of 500.
 */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check';

const KINDS: Record<string, ConstraintKind> = { '23505': 'unique', '23503': 'foreign_key', '23514': 'check' };

export function constraintViolation(error: unknown): { kind: ConstraintKind; constraint: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const kind = typeof code === 'string' ? KINDS[code] : undefined;
  return kind ? { kind, constraint: typeof constraint === 'string' ? constraint : '' } : null;
}
