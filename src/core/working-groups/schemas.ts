import { z } from 'zod';
import { localisedNamesSchema, markingViewSchema } from '../directory/schemas';

/** Payloads of the working-groups API, shared by the server (validation, OpenAPI) and the web client. */

const person = z.object({ id: z.string(), displayName: z.string(), username: z.string() });

export const groupMemberSchema = person.extend({
  party: z.string().nullable(),
  office: z.enum(['chair', 'secretary']).nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const workingGroupSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  names: localisedNamesSchema,
  scope: localisedNamesSchema.nullable(),
  parties: z.array(z.string()),
  memberCount: z.number(),
  chairs: z.array(groupMemberSchema),
  secretary: groupMemberSchema.nullable(),
  /** The marking of what is filed to the group, at least. */
  marking: markingViewSchema,
});
export type WorkingGroupSummary = z.infer<typeof workingGroupSummarySchema>;

export const workingGroupDetailSchema = workingGroupSummarySchema.extend({
  members: z.array(groupMemberSchema),
  /** The group's channel, if it was opened and the caller is in it. */
  channelId: z.string().nullable(),
  /** What the caller may do: the UI offers only that. */
  actions: z.object({ manageMembers: z.boolean(), scheduleMeetings: z.boolean() }),
});
export type WorkingGroupDetail = z.infer<typeof workingGroupDetailSchema>;

export const groupMemberInputSchema = z.strictObject({ userId: z.uuid('Must be an id (uuid)') });
export const groupMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });
