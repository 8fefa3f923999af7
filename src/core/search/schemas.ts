import { z } from 'zod';
import { markingViewSchema } from '../directory/schemas';

export const searchQuerySchema = z.strictObject({
  q: z.string({ error: 'Say what to search for: ?q=' }).trim().min(1, 'Say what to search for').max(200),
  /** What to search; reports for now, requests and messages as they come. */
  type: z.enum(['report']).default('report'),
  tag: z.string().trim().toUpperCase().max(10).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchHitSchema = z.object({
  type: z.literal('report'),
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  date: z.string(),
  /** The portion the hit is in: a hit in a portion the searcher may not see is no hit. */
  paragraphId: z.string(),
  portion: markingViewSchema,
  /** A few words around the match; `highlights` are [start, end) offsets of the matched words. */
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number(), z.number()])),
  rank: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
