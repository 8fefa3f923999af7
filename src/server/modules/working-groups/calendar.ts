import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Locale } from '../../../core/i18n/locales';
import type { MeetingVisibility } from './meetings.queries';
import type { InvitationRow, MeetingRow } from './meetings.repository';

/**
 * Calendars (RFC 5545) of meetings, built with ical-generator: one meeting
 * (the page's "Add to calendar") or a user's feed. Each event carries its UID
 * (stable), SEQUENCE (raised on every move and cancellation), DTSTAMP, its
 * start and end in the meeting's zone with that zone's VTIMEZONE, STATUS
 * (CANCELLED for a cancelled meeting), the organizer and the invited. A
 * meeting the reader may know of but not read shows the neutral title only.
 */

export const NEUTRAL_TITLES: Record<Locale, string> = {
  en: 'Working group meeting',
  ar: 'اجتماع مجموعة عمل',
  he: 'ישיבת צוות עבודה',
};

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone: building one costs far more than using it. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * A Date whose local getters answer the wall clock of a zone: what
 * ical-generator reads for a TZID date (the shape of @date-fns/tz's TZDate),
 * so that DTSTART;TZID=… does not depend on the server's own zone.
 */
class ZonedDate extends Date {
  readonly internal: Date;
  private readonly parts: Record<string, number>;
  constructor(
    time: number,
    readonly timeZone: string,
  ) {
    super(time);
    this.internal = new Date(time);
    const parts = wallClockFormat(timeZone).formatToParts(this.internal);
    this.parts = Object.fromEntries(
      parts.filter((part) => part.type !== 'literal').map((part) => [part.type, Number(part.value)]),
    );
  }
  withTimeZone(zone: string) {
    return new ZonedDate(this.getTime(), zone);
  }
  tzComponents() {
    return this.parts;
  }
  override getFullYear() {
    return this.parts.year as number;
  }
  override getMonth() {
    return (this.parts.month as number) - 1;
  }
  override getDate() {
    return this.parts.day as number;
  }
  override getHours() {
    return this.parts.hour as number;
  }
  override getMinutes() {
    return this.parts.minute as number;
  }
  override getSeconds() {
    return this.parts.second as number;
  }
}

export interface CalendarEntry {
  meeting: MeetingRow;
  groupCode: string;
  visibility: Exclude<MeetingVisibility, 'none'>;
  invitations: InvitationRow[];
  organizer: { display_name: string; username: string; email?: string | null } | undefined;
  /** Agenda titles, in order (only for a reader who sees the meeting in full). */
  agenda?: string[];
}

const STATUS: Record<string, ICalAttendeeStatus> = {
  'needs-action': ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  declined: ICalAttendeeStatus.DECLINED,
  tentative: ICalAttendeeStatus.TENTATIVE,
};

/** An address for a person without one: calendars need a mailto for ORGANIZER and ATTENDEE. */
const addressOf = (person: { username: string; email?: string | null }) =>
  person.email ?? `${person.username}@concord.invalid`;

export function buildCalendar(
  entries: readonly CalendarEntry[],
  options: { name: string; language: Locale; publicUrl: string | null; method?: 'publish' },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Concord', product: 'Concord', language: options.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const zone of new Set(entries.map((entry) => entry.meeting.time_zone))) {
    calendar.timezone({ name: zone, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null });
    break;
  }
  // ical-generator writes one calendar-wide zone's VTIMEZONE; other zones' blocks are added with their events.
  const zones = [...new Set(entries.map((entry) => entry.meeting.time_zone))];
  for (const entry of entries) {
    const { meeting } = entry;
    const full = entry.visibility === 'full';
    const event = calendar.createEvent({
      id: `${meeting.id}@concord`,
      sequence: meeting.sequence,
      stamp: meeting.updated_at,
      start: new ZonedDate(meeting.starts_at.getTime(), meeting.time_zone),
      end: new ZonedDate(meeting.ends_at.getTime(), meeting.time_zone),
      timezone: meeting.time_zone,
      summary: full ? meeting.title : NEUTRAL_TITLES[options.language],
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: full ? meeting.place : null,
      url: options.publicUrl ? `${options.publicUrl}/meetings/${meeting.id}` : null,
      description: full
        ? [
            entry.groupCode,
            meeting.call_link ?? '',
            ...(entry.agenda ?? []).map((title, index) => `${index + 1}. ${title}`),
          ]
            .filter(Boolean)
            .join('\n')
        : entry.groupCode,
    });
    if (entry.organizer)
      event.organizer({ name: entry.organizer.display_name, email: addressOf(entry.organizer) });
    for (const invitation of entry.invitations)
      event.createAttendee({
        name: invitation.display_name,
        email: addressOf(invitation),
        role: ICalAttendeeRole.REQ,
        status: STATUS[invitation.response] ?? ICalAttendeeStatus.NEEDSACTION,
      });
  }
  let text = calendar.toString();
  // The VTIMEZONE of every other zone the events name, beside the first one's.
  const extra = zones
    .slice(1)
    .map((zone) => tzlib_get_ical_block(zone)[0])
    .filter((block): block is string => typeof block === 'string' && block.length > 0);
  if (extra.length)
    text = text.replace(
      'BEGIN:VEVENT',
      `${extra.map((block) => block.replace(/\r?\n/g, '\r\n')).join('\r\n')}\r\nBEGIN:VEVENT`,
    );
  return text;
}
