import { z } from 'zod';
import { localisedNamesSchema, markingViewSchema } from '../directory/schemas';

/**
 * Meetings of working groups (issue 16, item 2): payloads shared by the
 * server (validation, OpenAPI) and the web client, and the pure rules.
 */

export const MEETING_RESPONSES = ['accepted', 'declined', 'tentative'] as const;
export const MEETING_ATTENDANCE = ['present', 'absent', 'excused'] as const;
export type MeetingResponse = (typeof MEETING_RESPONSES)[number] | 'needs-action';
export type MeetingAttendance = (typeof MEETING_ATTENDANCE)[number];

/** What a member not cleared for a meeting's own marking reads in place of its title (in English, for feeds). */
export const NEUTRAL_MEETING_TITLE = 'Working group meeting';

/** Whether an IANA zone exists here (Intl knows it). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const instant = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date and time' });
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const callLink = z
  .url({ protocol: /^https?$/, message: 'Must be an http(s) address' })
  .max(2000)
  .nullable()
  .optional();

export const meetingInputSchema = z.strictObject({
  title: text(300),
  startsAt: instant,
  endsAt: instant,
  /** An IANA zone; the deployment's by default. */
  timeZone: z.string().max(64).optional(),
  place: optionalText(500),
  callLink,
  /** A banner or portion mark; at least the group's level (the group's by default). */
  classification: z.string().max(200).optional(),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** A move or an edit: any of the fields; the sequence rises. */
export const meetingPatchSchema = z.strictObject({
  title: text(300).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  timeZone: z.string().max(64).optional(),
  place: optionalText(500),
  callLink,
});
export type MeetingPatch = z.infer<typeof meetingPatchSchema>;

export const agendaInputSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        title: text(500),
        ownerId: z.uuid('Must be an id (uuid)').nullable().optional(),
        notes: optionalText(5000),
      }),
    )
    .max(100),
});
export type AgendaInput = z.infer<typeof agendaInputSchema>;

export const responseInputSchema = z.strictObject({ response: z.enum(MEETING_RESPONSES) });

export const attendanceInputSchema = z.strictObject({
  attendance: z
    .array(
      z.strictObject({
        userId: z.uuid('Must be an id (uuid)'),
        attendance: z.enum(MEETING_ATTENDANCE).nullable(),
      }),
    )
    .min(1)
    .max(500),
});
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

const person = z.object({ id: z.string(), displayName: z.string(), username: z.string() });

export const invitationSchema = z.object({
  user: person,
  party: z.string().nullable(),
  response: z.enum(['needs-action', ...MEETING_RESPONSES]),
  attendance: z.enum(MEETING_ATTENDANCE).nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  owner: person.nullable(),
  notes: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingSummarySchema = z.object({
  id: z.string(),
  groupId: z.string(),
  groupCode: z.string(),
  groupNames: localisedNamesSchema,
  /** True when the reader is not cleared for the meeting's own marking: no title, place, link or agenda. */
  restricted: z.boolean(),
  /** Null when restricted: show the neutral title ("Working group meeting") in the reader's language. */
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  place: z.string().nullable(),
  callLink: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  sequence: z.number(),
  /** The meeting's marking; the group's when restricted. */
  marking: markingViewSchema,
  /** The reader's own response, if invited. */
  myResponse: z.enum(['needs-action', ...MEETING_RESPONSES]).nullable(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  agenda: z.array(agendaItemSchema),
  invitations: z.array(invitationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do: the UI offers only that. */
  actions: z.object({
    edit: z.boolean(),
    cancel: z.boolean(),
    setAgenda: z.boolean(),
    respond: z.boolean(),
    recordAttendance: z.boolean(),
  }),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const calendarTokenSchema = z.object({
  /** The secret feed address; shown once, stored only as its digest. */
  url: z.string(),
  path: z.string(),
  createdAt: z.string(),
});
export const calendarTokenStatusSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
