import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { MeetingDetail, MeetingSummary } from '../../../core/working-groups/meetings';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';
import { NEUTRAL_TITLES } from './calendar';

/**
 * Meetings of working groups (issue 16, item 2) and calendar feeds (item 5):
 * scheduled by chairs and the secretary, read by members only (neutrally
 * where above their clearance), refused precisely on bad input, moves and
 * cancellations told to the invited, feeds that parse with an independent
 * parser (ical.js) and hold only what their owner may see now.
 */

let t: TestApp;
const ids = new Map<string, string>();
let cid = '';
let special = '';
let traffic = '';

beforeAll(async () => {
  // With SMTP configured, notifications are also queued as e-mail (the outbox is what we read).
  t = await createTestApp({
    env: { SMTP_URL: 'smtp://127.0.0.1:9', CONCORD_PUBLIC_URL: 'https://concord.example' },
  });
  for (const [username, id] of await t.signInAll([
    'coord.gbr',
    'isf.supervisor',
    'pasf.supervisor',
    'isf.police',
    'pasf.police',
    'isf.hebron',
    'coord.duty',
    'coord.ita',
    'coord.can',
  ]))
    ids.set(username, id);
  const groups = (await call('isf.police', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  cid = groups.find((group) => group.code === 'WG-CID')?.id as string;
  special = groups.find((group) => group.code === 'WG-SPECIAL')?.id as string;
  traffic = groups.find((group) => group.code === 'WG-TRAFFIC')?.id as string;
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const id = (username: string) => ids.get(username) as string;

const base = {
  title: 'Cross-line burglary cases 7731',
  startsAt: '2027-03-25T10:00:00+02:00',
  endsAt: '2027-03-25T12:00:00+02:00',
  timeZone: 'Asia/Jerusalem',
  place: 'DCO Hebron, room 4410',
  callLink: 'https://call.example/cid-9931',
};

async function schedule(
  who: string,
  body: Record<string, unknown> = {},
  group = cid,
): Promise<MeetingDetail> {
  const response = await call(who, 'POST', `/api/working-groups/${group}/meetings`, { ...base, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const meetingCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('meetings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const notificationsOf = async (who: string) =>
  ((await call(who, 'GET', '/api/notifications')).json() as { items: NotificationDto[] }).items;

/** The feed's events, parsed by ical.js with the feed's own VTIMEZONEs. */
function parseCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return {
    root,
    events: root.getAllSubcomponents('vevent').map((component) => ({
      component,
      event: new ICAL.Event(component),
    })),
  };
}

async function rotate(who: string) {
  const response = await call(who, 'POST', '/api/me/calendar-token');
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { url: string; path: string };
}

describe('scheduling', () => {
  it('lets the secretary schedule a meeting: every member invited, in the zone given', async () => {
    const meeting = await schedule('coord.gbr');
    expect(meeting).toMatchObject({
      groupCode: 'WG-CID',
      title: base.title,
      restricted: false,
      startsAt: '2027-03-25T08:00:00.000Z',
      endsAt: '2027-03-25T10:00:00.000Z',
      timeZone: 'Asia/Jerusalem',
      status: 'scheduled',
      sequence: 0,
      marking: { level: 'C', groups: ['WG-CID'] },
      actions: { edit: true, cancel: true, setAgenda: true, respond: true, recordAttendance: true },
    });
    const invited = meeting.invitations.map((invitation) => invitation.user.username);
    expect(invited).toEqual(
      expect.arrayContaining(['coord.gbr', 'isf.supervisor', 'pasf.supervisor', 'isf.police']),
    );
    expect(invited).not.toContain('isf.hebron');
    expect(meeting.invitations.every((invitation) => invitation.response === 'needs-action')).toBe(true);
    // The members hear of it; the one who scheduled it does not.
    expect(
      (await notificationsOf('pasf.supervisor')).some(
        (n) => n.kind === 'meeting.scheduled' && n.link === `/meetings/${meeting.id}`,
      ),
    ).toBe(true);
    expect((await notificationsOf('coord.gbr')).some((n) => n.link === `/meetings/${meeting.id}`)).toBe(
      false,
    );
    const listed = (
      await call('pasf.police', 'GET', `/api/working-groups/${cid}/meetings`)
    ).json() as MeetingSummary[];
    expect(listed.map((item) => item.id)).toContain(meeting.id);
  });

  it('lets a chair schedule too, and refuses a member who leads nothing, and an outsider as if there were no group', async () => {
    await schedule('pasf.supervisor', { title: 'Chair-called meeting' });
    const plain = await call('isf.police', 'POST', `/api/working-groups/${cid}/meetings`, base);
    expect(plain.json()).toMatchObject({ status: 403, code: 'not_a_meeting_lead' });
    const outsider = await call('isf.hebron', 'POST', `/api/working-groups/${cid}/meetings`, base);
    expect(outsider.statusCode).toBe(404);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await meetingCount();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ endsAt: '2027-03-25T09:00:00+02:00' }, 400, 'meeting_ends_before_start', 'body.endsAt'],
      [{ endsAt: base.startsAt }, 400, 'meeting_ends_before_start', 'body.endsAt'],
      [{ timeZone: 'Asia/Hebronn' }, 400, 'unknown_time_zone', 'body.timeZone'],
      [{ timeZone: 'Mars/Olympus' }, 400, 'unknown_time_zone', 'body.timeZone'],
      [{ classification: 'UNCLASSIFIED' }, 400, 'meeting_marked_below_group', 'body.classification'],
      [{ classification: 'NOT A LEVEL' }, 400, 'invalid_marking', 'body.classification'],
    ];
    for (const [body, status, code, path] of cases) {
      const response = await call('coord.gbr', 'POST', `/api/working-groups/${cid}/meetings`, {
        ...base,
        ...body,
      });
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json()).toMatchObject({ code, errors: [expect.objectContaining({ path })] });
    }
    const malformed = await call('coord.gbr', 'POST', `/api/working-groups/${cid}/meetings`, {
      ...base,
      startsAt: 'tomorrow',
    });
    expect(malformed.statusCode).toBe(400);
    expect(await meetingCount()).toBe(before);
  });
});

describe('agenda, responses and attendance', () => {
  it('sets an agenda whose owners are members, and refuses an owner outside the group by field', async () => {
    const meeting = await schedule('coord.gbr');
    const items = [
      { title: 'Open burglary files', ownerId: id('isf.supervisor') },
      { title: 'Evidence exchange', ownerId: id('pasf.supervisor'), notes: 'Chain of custody' },
    ];
    const outside = await call('coord.gbr', 'PUT', `/api/meetings/${meeting.id}/agenda`, {
      items: [...items, { title: 'Intruder', ownerId: id('isf.hebron') }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({
      code: 'agenda_owner_not_in_group',
      errors: [{ path: 'body.items.2.ownerId' }],
    });
    expect((await call('coord.gbr', 'GET', `/api/meetings/${meeting.id}`)).json().agenda).toEqual([]);
    const byMember = await call('pasf.police', 'PUT', `/api/meetings/${meeting.id}/agenda`, { items });
    expect(byMember.json()).toMatchObject({ status: 403, code: 'not_a_meeting_lead' });
    const set = await call('coord.gbr', 'PUT', `/api/meetings/${meeting.id}/agenda`, { items });
    expect(set.statusCode, set.body).toBe(200);
    expect(
      (set.json() as MeetingDetail).agenda.map((item) => [item.position, item.title, item.owner?.username]),
    ).toEqual([
      [1, 'Open burglary files', 'isf.supervisor'],
      [2, 'Evidence exchange', 'pasf.supervisor'],
    ]);
  });

  it('records responses of the invited and attendance per party', async () => {
    const meeting = await schedule('coord.gbr');
    for (const [who, response] of [
      ['isf.supervisor', 'accepted'],
      ['pasf.supervisor', 'tentative'],
      ['pasf.police', 'declined'],
    ] as const) {
      const answered = await call(who, 'POST', `/api/meetings/${meeting.id}/responses`, { response });
      expect(answered.statusCode, answered.body).toBe(200);
      expect((answered.json() as MeetingDetail).myResponse).toBe(response);
    }
    const bad = await call('isf.supervisor', 'POST', `/api/meetings/${meeting.id}/responses`, {
      response: 'maybe',
    });
    expect(bad.statusCode).toBe(400);
    const outsider = await call('isf.hebron', 'POST', `/api/meetings/${meeting.id}/responses`, {
      response: 'accepted',
    });
    expect(outsider.statusCode).toBe(404);

    // A chair records their own party's people only; the secretary anyone.
    const otherParty = await call('isf.supervisor', 'PUT', `/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ userId: id('pasf.police'), attendance: 'absent' }],
    });
    expect(otherParty.json()).toMatchObject({ status: 403, code: 'attendance_of_other_party' });
    const notInvited = await call('coord.gbr', 'PUT', `/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ userId: id('isf.hebron'), attendance: 'present' }],
    });
    expect(notInvited.json()).toMatchObject({
      code: 'not_invited',
      errors: [{ path: 'body.attendance.0.userId' }],
    });
    const own = await call('isf.supervisor', 'PUT', `/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ userId: id('isf.police'), attendance: 'present' }],
    });
    expect(own.statusCode, own.body).toBe(200);
    const all = await call('coord.gbr', 'PUT', `/api/meetings/${meeting.id}/attendance`, {
      attendance: [
        { userId: id('pasf.police'), attendance: 'excused' },
        { userId: id('isf.supervisor'), attendance: 'present' },
      ],
    });
    const byUser = Object.fromEntries(
      (all.json() as MeetingDetail).invitations.map((invitation) => [
        invitation.user.username,
        [invitation.response, invitation.attendance],
      ]),
    );
    expect(byUser).toMatchObject({
      'isf.supervisor': ['accepted', 'present'],
      'pasf.supervisor': ['tentative', null],
      'pasf.police': ['declined', 'excused'],
      'isf.police': ['needs-action', 'present'],
    });
  });
});

describe('moving and cancelling', () => {
  it('raises the sequence and tells the invited (bell, e-mail) on a move, and on a cancellation', async () => {
    const meeting = await schedule('coord.gbr');
    const moved = await call('coord.gbr', 'PATCH', `/api/meetings/${meeting.id}`, {
      startsAt: '2027-03-25T11:00:00+02:00',
      endsAt: '2027-03-25T13:00:00+02:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ sequence: 1, startsAt: '2027-03-25T09:00:00.000Z' });
    const badMove = await call('coord.gbr', 'PATCH', `/api/meetings/${meeting.id}`, {
      endsAt: '2027-03-25T08:00:00+02:00',
    });
    expect(badMove.json()).toMatchObject({
      code: 'meeting_ends_before_start',
      errors: [{ path: 'body.endsAt' }],
    });
    const badZone = await call('coord.gbr', 'PATCH', `/api/meetings/${meeting.id}`, {
      timeZone: 'Europe/Atlantis',
    });
    expect(badZone.json()).toMatchObject({ code: 'unknown_time_zone', errors: [{ path: 'body.timeZone' }] });
    expect((await call('coord.gbr', 'GET', `/api/meetings/${meeting.id}`)).json()).toMatchObject({
      sequence: 1,
    });
    expect(
      (await notificationsOf('isf.supervisor')).find(
        (n) => n.kind === 'meeting.moved' && n.link === `/meetings/${meeting.id}`,
      ),
    ).toMatchObject({ about: 'meeting', reference: 'WG-CID', detail: base.title });
    const notByChair = await call('isf.police', 'POST', `/api/meetings/${meeting.id}/cancel`);
    expect(notByChair.json()).toMatchObject({ status: 403, code: 'not_a_meeting_lead' });

    const cancelled = await call('pasf.supervisor', 'POST', `/api/meetings/${meeting.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect(
      (await call('pasf.supervisor', 'POST', `/api/meetings/${meeting.id}/cancel`)).json(),
    ).toMatchObject({
      status: 409,
      code: 'meeting_cancelled',
    });
    expect(
      (await notificationsOf('isf.supervisor')).some(
        (n) => n.kind === 'meeting.cancelled' && n.link === `/meetings/${meeting.id}`,
      ),
    ).toBe(true);
    // E-mail: to the invited with an address, saying nothing of the meeting but its link.
    const mails = await t.database.db
      .selectFrom('email_outbox as e')
      .innerJoin('notifications as n', 'n.id', 'e.notification_id')
      .select(['e.to_address', 'e.subject', 'e.body_text', 'n.kind'])
      .where('n.meeting_id', '=', meeting.id)
      .where('n.kind', 'in', ['meeting.moved', 'meeting.cancelled'])
      .execute();
    expect(mails.map((mail) => mail.to_address)).toEqual(
      expect.arrayContaining(['isf.supervisor@isf.example']),
    );
    for (const mail of mails) {
      expect(`${mail.subject}\n${mail.body_text}`).not.toMatch(/7731|4410|9931/);
      expect(mail.body_text).toContain(`https://concord.example/meetings/${meeting.id}`);
    }
  });
});

describe('visibility', () => {
  it('shows a SECRET meeting of a CONFIDENTIAL group neutrally to members cleared for CONFIDENTIAL only', async () => {
    const secret = await schedule('coord.gbr', {
      title: 'Informant 7731 handling',
      classification: 'SECRET',
    });
    expect(secret).toMatchObject({ restricted: false, marking: { level: 'S' } });
    await call('coord.gbr', 'PUT', `/api/meetings/${secret.id}/agenda`, {
      items: [{ title: 'Source 4410' }],
    });
    await call('coord.gbr', 'PATCH', `/api/meetings/${secret.id}`, { place: 'Safe house 9931' });

    const neutral = (await call('isf.police', 'GET', `/api/meetings/${secret.id}`)).json() as MeetingDetail;
    expect(neutral).toMatchObject({ restricted: true, title: null, place: null, callLink: null, agenda: [] });
    expect(neutral.marking.level).toBe('C');
    expect(JSON.stringify(neutral)).not.toMatch(/7731|4410|9931/);
    const listed = (
      (await call('isf.police', 'GET', `/api/working-groups/${cid}/meetings`)).json() as MeetingSummary[]
    ).find((item) => item.id === secret.id);
    expect(listed).toMatchObject({ restricted: true, title: null, place: null });
    expect(JSON.stringify(listed)).not.toMatch(/Informant|4410|9931/);
    // The bell names the group, not the meeting.
    const bell = (await notificationsOf('isf.police')).filter((n) => n.link === `/meetings/${secret.id}`);
    expect(bell.length).toBeGreaterThan(0);
    expect(bell.every((n) => n.detail === null)).toBe(true);
    // Cleared members read it all.
    expect((await call('isf.supervisor', 'GET', `/api/meetings/${secret.id}`)).json()).toMatchObject({
      restricted: false,
      title: 'Informant 7731 handling',
      place: 'Safe house 9931',
    });
    // A lead not cleared for it cannot mark one so, nor change it.
    const ics = await call('isf.police', 'GET', `/api/meetings/${secret.id}.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.body).not.toMatch(/Informant|4410|9931/);
    // In the reader's language (Hebrew for this officer).
    expect(ics.body).toContain(`SUMMARY:${NEUTRAL_TITLES.he}`);
  });

  it('keeps a lead not cleared for a meeting from changing it, and from marking one above their clearance', async () => {
    // isf.police chairs WG-TRAFFIC and is cleared for CONFIDENTIAL only; its secretary is cleared for SECRET.
    const secret = await schedule(
      'coord.can',
      { title: 'Special secret QY-1203', classification: 'SECRET' },
      traffic,
    );
    for (const [method, url, body] of [
      ['PATCH', `/api/meetings/${secret.id}`, { title: 'Renamed' }],
      ['POST', `/api/meetings/${secret.id}/cancel`],
      ['PUT', `/api/meetings/${secret.id}/agenda`, { items: [] }],
    ] as const) {
      const response = await call('isf.police', method, url, body);
      expect(response.json(), `${method} ${url}`).toMatchObject({
        status: 403,
        code: 'meeting_above_clearance',
      });
    }
    expect((await call('coord.can', 'GET', `/api/meetings/${secret.id}`)).json()).toMatchObject({
      title: 'Special secret QY-1203',
      status: 'scheduled',
      sequence: 0,
    });
    const above = await call('isf.police', 'POST', `/api/working-groups/${traffic}/meetings`, {
      ...base,
      classification: 'SECRET',
    });
    expect(above.json()).toMatchObject({
      status: 400,
      code: 'marking_hides_from_author',
      errors: [{ path: 'body.classification' }],
    });
  });

  it('answers an outsider exactly as for a meeting that does not exist, by every path', async () => {
    const meeting = await schedule('coord.gbr', { title: 'Outsider-proof 7731' });
    const missing = await call('isf.hebron', 'GET', '/api/meetings/00000000-0000-4000-8000-000000000000');
    for (const [method, url, body] of [
      ['GET', `/api/meetings/${meeting.id}`],
      ['GET', `/api/meetings/${meeting.id}.ics`],
      ['PATCH', `/api/meetings/${meeting.id}`, { title: 'x' }],
      ['POST', `/api/meetings/${meeting.id}/cancel`],
      ['PUT', `/api/meetings/${meeting.id}/agenda`, { items: [] }],
      ['POST', `/api/meetings/${meeting.id}/responses`, { response: 'accepted' }],
      [
        'PUT',
        `/api/meetings/${meeting.id}/attendance`,
        { attendance: [{ userId: id('isf.hebron'), attendance: 'present' }] },
      ],
    ] as const) {
      const response = await call('isf.hebron', method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      if (method === 'GET' && !url.endsWith('.ics'))
        expect({ ...response.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
    }
    expect((await call('isf.hebron', 'GET', `/api/working-groups/${cid}/meetings`)).statusCode).toBe(404);
    expect(JSON.stringify(await notificationsOf('isf.hebron'))).not.toContain(meeting.id);
    expect(JSON.stringify(await notificationsOf('coord.duty'))).not.toContain(meeting.id);
    // Live events: the audience is the group's members cleared for its marking.
    const audience = await t.app.services.events.audienceOf({
      id: 1,
      type: 'meeting.moved',
      subjectType: 'meeting',
      subjectId: meeting.id,
      data: {},
      at: new Date(),
    });
    const viewer = async (username: string) => ({
      userId: id(username),
      actor: await t.app.services.directory.actorOf(id(username)),
      roles: [],
    });
    expect(audience(await viewer('isf.police'))).toBe(true);
    expect(audience(await viewer('pasf.supervisor'))).toBe(true);
    expect(audience(await viewer('isf.hebron'))).toBe(false);
    expect(audience(await viewer('coord.duty'))).toBe(false);
  });
});

describe('calendar feeds', () => {
  it('carries UID, SEQUENCE, DTSTAMP, VTIMEZONE, the zone and correct UTC instants across the change to summer time', async () => {
    // Israel moves its clocks forward on Friday 26 March 2027 and back on Sunday 31 October 2027.
    const before = await schedule('coord.gbr', { title: 'Before the change' });
    const after = await schedule('coord.gbr', {
      title: 'After the change',
      startsAt: '2027-03-29T10:00:00+03:00',
      endsAt: '2027-03-29T11:30:00+03:00',
    });
    const autumn = await schedule('coord.gbr', {
      title: 'After the autumn change',
      startsAt: '2027-11-01T10:00:00+02:00',
      endsAt: '2027-11-01T11:00:00+02:00',
    });
    await call('coord.gbr', 'PATCH', `/api/meetings/${after.id}`, {
      title: 'After the change (moved)',
      startsAt: '2027-03-29T09:00:00+03:00',
    });
    await call('coord.gbr', 'POST', `/api/meetings/${autumn.id}/cancel`);
    await call('isf.supervisor', 'POST', `/api/meetings/${before.id}/responses`, { response: 'accepted' });

    const { url, path } = await rotate('isf.supervisor');
    expect(url).toBe(`https://concord.example${path}`);
    const feed = await t.app.inject({ url: path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const { root, events } = parseCalendar(feed.body);
    expect(root.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      'Asia/Jerusalem',
    ]);
    const byUid = new Map(events.map((entry) => [entry.event.uid, entry]));

    const first = byUid.get(`${before.id}@concord`);
    expect(first).toBeDefined();
    expect(first?.event.startDate.zone?.tzid).toBe('Asia/Jerusalem');
    expect(first?.event.startDate.toString()).toBe('2027-03-25T10:00:00');
    expect(first?.event.startDate.toJSDate().toISOString()).toBe('2027-03-25T08:00:00.000Z');
    expect(first?.event.endDate.toJSDate().toISOString()).toBe('2027-03-25T10:00:00.000Z');
    expect(first?.event.sequence).toBe(0);
    expect(first?.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(first?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const organizer = first?.component.getFirstProperty('organizer');
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe('mailto:coord.gbr@ussc.example');
    const attendees = first?.component.getAllProperties('attendee') ?? [];
    const supervisor = attendees.find(
      (attendee) => String(attendee.getFirstValue()).toLowerCase() === 'mailto:isf.supervisor@isf.example',
    );
    expect(supervisor?.getParameter('partstat')).toBe('ACCEPTED');

    const second = byUid.get(`${after.id}@concord`);
    expect(second?.event.summary).toBe('After the change (moved)');
    expect(second?.event.startDate.toString()).toBe('2027-03-29T09:00:00');
    // Summer time: UTC+3, so nine o'clock is six in UTC.
    expect(second?.event.startDate.toJSDate().toISOString()).toBe('2027-03-29T06:00:00.000Z');
    expect(second?.event.endDate.toJSDate().toISOString()).toBe('2027-03-29T08:30:00.000Z');
    expect(second?.event.sequence).toBe(1);

    const third = byUid.get(`${autumn.id}@concord`);
    expect(third?.event.startDate.toJSDate().toISOString()).toBe('2027-11-01T08:00:00.000Z');
    expect(third?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(third?.event.sequence).toBe(1);

    // The one-meeting download says the same.
    const single = await call('isf.supervisor', 'GET', `/api/meetings/${after.id}.ics`);
    const [only] = parseCalendar(single.body).events;
    expect(only?.event.uid).toBe(`${after.id}@concord`);
    expect(only?.event.sequence).toBe(1);
  });

  it('shows a meeting above the reader’s clearance with the neutral title only', async () => {
    const secret = await schedule('coord.gbr', {
      title: 'Feed secret QX-5512',
      classification: 'SECRET',
      place: 'Room 4410',
    });
    const { path } = await rotate('pasf.police');
    const { events } = parseCalendar((await t.app.inject({ url: path })).body);
    const entry = events.find((item) => item.event.uid === `${secret.id}@concord`);
    // In the feed owner's language (Arabic for this officer).
    expect(entry?.event.summary).toBe(NEUTRAL_TITLES.ar);
    expect(entry?.event.location).toBeFalsy();
    expect((await t.app.inject({ url: path })).body).not.toMatch(/QX-5512|QX-6620/);
  });

  it('rotating makes the old address answer 404; revoking too', async () => {
    const first = await rotate('pasf.supervisor');
    expect((await t.app.inject({ url: first.path })).statusCode).toBe(200);
    const second = await rotate('pasf.supervisor');
    expect(second.path).not.toBe(first.path);
    expect((await t.app.inject({ url: first.path })).statusCode).toBe(404);
    expect((await t.app.inject({ url: second.path })).statusCode).toBe(200);
    expect((await call('pasf.supervisor', 'GET', '/api/me/calendar-token')).json()).toMatchObject({
      active: true,
    });
    // Only the digest is stored.
    const stored = await t.database.db.selectFrom('calendar_tokens').select('token_hash').execute();
    const secret = second.path.replace('/api/calendar/', '').replace('.ics', '');
    expect(stored.some((row) => row.token_hash.includes(secret))).toBe(false);
    expect((await call('pasf.supervisor', 'DELETE', '/api/me/calendar-token')).statusCode).toBe(204);
    expect((await t.app.inject({ url: second.path })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/calendar/not-a-token.ics' })).statusCode).toBe(404);
  });

  it('drops the meetings of a group its owner was removed from, read at request time', async () => {
    const meeting = await schedule('coord.ita', { title: 'After removal QZ-8841' }, special);
    const specialMeeting = `${meeting.id}@concord`;
    const { path } = await rotate('isf.police');
    const uids = async () =>
      parseCalendar((await t.app.inject({ url: path })).body).events.map((entry) => entry.event.uid);
    expect(await uids()).toContain(specialMeeting);
    const removed = await call(
      'coord.ita',
      'DELETE',
      `/api/working-groups/${special}/members/${id('isf.police')}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    const after = await uids();
    expect(after).not.toContain(specialMeeting);
    expect((await t.app.inject({ url: path })).body).not.toContain('QZ-8841');
    // Their other groups' meetings stay.
    expect(after.length).toBeGreaterThan(0);
  });
});
