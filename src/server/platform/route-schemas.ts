import { z } from 'zod';
import { problemSchema } from './problem';

/** Pieces every module's routes declare the same way. */

/** A record addressed by its id in the path. */
export const idParams = z.object({ id: z.uuid('Not an id') });

/** The refusals a route that reads or writes records can answer with, all as problem+json. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
