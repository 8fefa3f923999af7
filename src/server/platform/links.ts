import { AppError } from '../../core/errors';
import type { LinkedRecord, LinkKind } from '../../core/requests/schemas';
import type { Caller } from './caller';

/**
 * How a module lets records of its own be linked from a request (issue 15):
 * for one id, the record as the caller may see it, or null where it does not
 * exist for them. Each module answers through its own read rule (reports the
 * access rule, channels membership, submissions their owner rule), so a link
 * is shown only to a reader who may see both of its ends. The requests
 * module reads them through this map; app.ts builds it from the modules.
 */
export type FindLinked = (caller: Caller, id: string) => Promise<LinkedRecord | null>;
export type Linkables = Record<LinkKind, FindLinked>;

/** The record, or null where the module's finder answers "no such record" (its 404). */
export async function orNull<T>(find: Promise<T>): Promise<T | null> {
  try {
    return await find;
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return null;
    throw error;
  }
}
