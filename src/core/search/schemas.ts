import { z } from 'zod';
import { markingViewSchema } from '../directory/schemas';

/**
 * What search looks in: the coordinator's reports, releases made to a party,
 * coordination requests, channel messages, and the working groups' meetings,
 * minutes and commitments.
 */
export const SEARCH_TYPES = [
  'report',
  'release',
  'request',
  'message',
  'meeting',
  'minutes',
  'commitment',
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const searchQuerySchema = z.strictObject({
  q: z.string({ error: 'Say what to search for: ?q=' }).trim().min(1, 'Say what to search for').max(200),
  /** What to search; everything the caller may see when left out. */
  type: z.enum(SEARCH_TYPES).optional(),
  tag: z.string().trim().toUpperCase().max(10).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only portions marked at this level: its code or portion mark, e.g. C or (S). */
  marking: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchHitSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  /** The id of the report, release, request, meeting (for minutes too) or commitment; of the channel, for a message. */
  id: z.string(),
  /**
   * RPT-… of the report (for a release, of the report it was released from), REQ-… of the request, #n of a
   * message in its channel; the group's code and the meeting's day (of minutes too) or the commitment's due date.
   */
  reference: z.string(),
  title: z.string(),
  date: z.string(),
  /** The portion the hit is in (a section of minutes: `<meeting>:<n>`): a hit in a portion the searcher may not see is no hit. */
  paragraphId: z.string(),
  /**
   * For a message of a request's thread: the request, whose page shows the
   * thread to everyone who may read the request (the channel, only to those
   * who follow it).
   */
  requestId: z.string().nullable(),
  portion: markingViewSchema,
  /** A few words around the match; `highlights` are [start, end) offsets of the matched words. */
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number(), z.number()])),
  rank: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
