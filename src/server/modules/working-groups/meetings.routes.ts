import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../core/errors';
import { isLocale, type Locale } from '../../../core/i18n/locales';
import {
  agendaInputSchema,
  attendanceInputSchema,
  calendarTokenSchema,
  calendarTokenStatusSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingPatchSchema,
  meetingSummarySchema,
  responseInputSchema,
} from '../../../core/working-groups/meetings';
import { callerResolver } from '../../platform/auth';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { languageOfUser } from '../directory/directory-lookups.repository';
import { newSecretToken, sha256 } from '../identity/tokens';
import { buildCalendar, type CalendarEntry } from './calendar';
import { cancelMeeting } from './commands/cancel-meeting';
import { moveMeeting } from './commands/move-meeting';
import { recordAttendance } from './commands/record-attendance';
import { respondToMeeting } from './commands/respond-to-meeting';
import { scheduleMeeting } from './commands/schedule-meeting';
import { setAgenda } from './commands/set-agenda';
import type { MeetingsDeps } from './meetings.deps';
import { presentMeetingDetail, presentMeetingSummary } from './meetings.presenter';
import { feedOf, listMeetings, meetingDetail } from './meetings.queries';
import {
  calendarTokenOf,
  calendarTokenOwner,
  deleteCalendarToken,
  putCalendarToken,
} from './meetings.repository';

const errors = errorResponses;
const tags = ['meetings'];
const ics = z.string().describe('text/calendar (RFC 5545)');

export interface MeetingsRouteOptions {
  meetings: MeetingsDeps;
  directory: DirectoryService;
  /** CONCORD_PUBLIC_URL: the feed's address is given with it, or with the request's own origin. */
  publicUrl: string | undefined;
}

/** Meetings of working groups and calendar feeds (issue 16, items 2 and 5). Thin: validate, identify, delegate, present. */
export async function meetingsRoutes(
  app: FastifyInstance,
  { meetings, directory, publicUrl }: MeetingsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = meetings.deployment.scheme;
  const detailOf = async (who: Awaited<ReturnType<typeof caller>>, id: string) =>
    presentMeetingDetail(scheme, await meetingDetail(meetings, who, id), who.actor.userId);
  const languageOf = async (userId: string): Promise<Locale> => {
    const language = await languageOfUser(meetings.db, userId);
    return language && isLocale(language) ? language : 'en';
  };
  const origin = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;
  const sendCalendar = (reply: FastifyReply, text: string, filename: string) =>
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(text);

  r.get(
    '/api/working-groups/:id/meetings',
    {
      schema: {
        tags,
        summary:
          "A working group's meetings, by start (members only; neutral where above the reader's clearance)",
        params: idParams,
        response: { 200: z.array(meetingSummarySchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await listMeetings(meetings, who, request.params.id)).map((view) =>
        presentMeetingSummary(scheme, view, who.actor.userId),
      );
    },
  );

  r.post(
    '/api/working-groups/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a meeting (a chair or the secretary): every member is invited and told',
        params: idParams,
        body: meetingInputSchema,
        response: { 201: meetingDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await scheduleMeeting(meetings, who, request.params.id, request.body);
      return reply.code(201).send(await detailOf(who, id));
    },
  );

  r.get(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary:
          'A meeting: time and zone, place, agenda, invitations and responses per party, what the caller may do',
        params: idParams,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => detailOf(await caller(request), request.params.id),
  );

  r.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary:
          'Move or edit a meeting (a chair or the secretary): the sequence rises, a move tells the invited',
        params: idParams,
        body: meetingPatchSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await moveMeeting(meetings, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a meeting (a chair or the secretary): it stays, cancelled, and the invited are told',
        params: idParams,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await cancelMeeting(meetings, who, request.params.id);
      return detailOf(who, request.params.id);
    },
  );

  r.put(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary:
          "Set a meeting's agenda, in order (a chair or the secretary); owners must be members of the group",
        params: idParams,
        body: agendaInputSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await setAgenda(meetings, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/responses',
    {
      schema: {
        tags,
        summary: "The caller's answer to the invitation: accepted, declined or tentative",
        params: idParams,
        body: responseInputSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await respondToMeeting(meetings, who, request.params.id, request.body.response);
      return detailOf(who, request.params.id);
    },
  );

  r.put(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags,
        summary:
          "Record attendance (present, absent, excused): the secretary anyone's, a chair their own party's",
        params: idParams,
        body: attendanceInputSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await recordAttendance(meetings, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.get(
    '/api/meetings/:id.ics',
    {
      schema: {
        tags,
        summary: 'One meeting as an iCalendar file (RFC 5545), as the caller may see it',
        params: idParams,
        response: { 200: ics, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const view = await meetingDetail(meetings, who, request.params.id);
      const entry: CalendarEntry = {
        meeting: view.meeting,
        groupCode: view.group.group.code,
        visibility: view.visibility,
        invitations: view.invitations,
        organizer: view.invitations.find((invitation) => invitation.user_id === view.meeting.created_by),
        agenda: view.agenda.map((item) => item.title),
      };
      const text = buildCalendar([entry], {
        name: view.group.group.code,
        language: await languageOf(who.actor.userId),
        publicUrl: origin(request),
      });
      return sendCalendar(reply, text, `meeting-${view.meeting.id}.ics`);
    },
  );

  r.get(
    '/api/calendar/:token.ics',
    {
      schema: {
        tags,
        summary:
          "A user's calendar feed through its secret address: the meetings of their groups as they may see them now",
        params: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: ics, 404: errors[404] },
      },
    },
    async (request, reply) => {
      const owner = await calendarTokenOwner(meetings.db, sha256(request.params.token));
      const feed = owner ? await feedOf(meetings, owner) : null;
      if (!feed) throw notFound('calendar_not_found', 'There is no such calendar.');
      const entries: CalendarEntry[] = [];
      for (const item of feed.items) {
        if (item.visibility === 'none') continue;
        entries.push({
          meeting: item.meeting,
          groupCode: item.group.code,
          visibility: item.visibility,
          invitations: item.invitations,
          organizer: item.invitations.find((invitation) => invitation.user_id === item.meeting.created_by),
        });
      }
      const text = buildCalendar(entries, {
        name: 'Concord',
        language: await languageOf(owner as string),
        publicUrl: origin(request),
      });
      return sendCalendar(reply, text, 'concord.ics');
    },
  );

  r.get(
    '/api/me/calendar-token',
    {
      schema: {
        tags,
        summary: 'Whether the caller has a calendar feed address (the secret itself is never shown again)',
        response: { 200: calendarTokenStatusSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      const row = await calendarTokenOf(meetings.db, who.actor.userId);
      return { active: row !== undefined, createdAt: row?.created_at.toISOString() ?? null };
    },
  );

  r.post(
    '/api/me/calendar-token',
    {
      schema: {
        tags,
        summary:
          "Rotate the caller's calendar feed address: the new secret URL is answered once, the old one stops",
        response: { 201: calendarTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const token = newSecretToken();
      const createdAt = await meetings.change(who, 'calendar-token.rotated', async ({ tx, now, audit }) => {
        await putCalendarToken(tx, who.actor.userId, sha256(token), now);
        audit({
          subject: { type: 'user', id: who.actor.userId },
          marking: {
            level: meetings.deployment.lowest,
            caveats: [],
            relTo: null,
            parties: who.actor.party ? [who.actor.party] : [],
            groups: [],
          },
        });
        return now;
      });
      const path = `/api/calendar/${token}.ics`;
      return reply
        .code(201)
        .send({ url: `${origin(request)}${path}`, path, createdAt: createdAt.toISOString() });
    },
  );

  r.delete(
    '/api/me/calendar-token',
    {
      schema: {
        tags,
        summary: "Revoke the caller's calendar feed address: it answers 404 from now on",
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      await meetings.change(who, 'calendar-token.revoked', async ({ tx, audit }) => {
        await deleteCalendarToken(tx, who.actor.userId);
        audit({
          subject: { type: 'user', id: who.actor.userId },
          marking: {
            level: meetings.deployment.lowest,
            caveats: [],
            relTo: null,
            parties: who.actor.party ? [who.actor.party] : [],
            groups: [],
          },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
