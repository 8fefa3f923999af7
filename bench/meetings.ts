import { feedOf } from '../src/server/modules/working-groups/meetings.queries';
import { invitationsOf, meetingsOfGroups } from '../src/server/modules/working-groups/meetings.repository';
import { membersOf, workingGroups } from '../src/server/modules/working-groups/working-groups.repository';
import { deploymentContext } from '../src/server/platform/deployment-context';
import { markingToColumns } from '../src/server/platform/marked-records';
import { createTestApp, demoDeployment } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { timed as timedRuns } from './timing';

type Report = (name: string, value: string) => void;

const WEEKS = 104;
const RUNS = 30;

const timed = (work: () => Promise<unknown>) => timedRuns(RUNS, work);

/**
 * Calendar feeds (issue 16, item 5): the feed of a user in all four working
 * groups of the demo, each with two years of weekly meetings, through its
 * secret address (membership read, access rule, RFC 5545 written); beside it
 * the floor, the same reads without the access rule, and the reads with the
 * rule but without writing the calendar.
 */
export async function meetingsBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    const { db } = t.database;
    const groups = await workingGroups(db);
    const members = await membersOf(
      db,
      groups.map((group) => group.id),
    );
    const deps = { db, deployment: deploymentContext(await demoDeployment()), change: t.app.services.change };
    const lowest = deps.deployment.lowest;
    for (const group of groups) {
      const own = members.filter((member) => member.group_id === group.id);
      const marking = markingToColumns({
        level: group.level ?? lowest,
        caveats: [],
        relTo: null,
        parties: group.parties,
        groups: [group.code],
      });
      const rows = Array.from({ length: WEEKS }, (_, week) => {
        const startsAt = new Date(Date.UTC(2026, 0, 5) + week * 7 * 86_400_000 + 8 * 3_600_000);
        return {
          group_id: group.id,
          title: `${group.code} weekly meeting ${week + 1}`,
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
          time_zone: 'Asia/Jerusalem',
          place: 'DCO Hebron',
          created_by: own[0]?.id as string,
          created_at: startsAt,
          updated_at: startsAt,
          ...marking,
        };
      });
      const ids = await db.insertInto('meetings').values(rows).returning('id').execute();
      await db
        .insertInto('meeting_invitations')
        .values(
          ids.flatMap(({ id }) =>
            own.map((member) => ({ meeting_id: id, user_id: member.id, party: member.party })),
          ),
        )
        .execute();
    }
    const cookie = await t.login('isf.police');
    const me = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json().user.id as string;
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/me/calendar-token',
      headers: { cookie },
    });
    const path = rotated.json().path as string;
    const first = await t.app.inject({ url: path });
    if (first.statusCode !== 200) throw new Error(`the feed answered ${first.statusCode}`);
    const events = first.body.split('BEGIN:VEVENT').length - 1;
    report(
      `calendar feed, ${events} meetings in 4 groups p50 / p99 (${engine})`,
      await timed(() => t.app.inject({ url: path })),
    );
    report(
      `  the same reads with the access rule, no calendar (${engine})`,
      await timed(() => feedOf(deps, me)),
    );
    report(
      `  floor: the same reads without the access rule (${engine})`,
      await timed(async () => {
        const meetings = await meetingsOfGroups(
          db,
          groups.map((group) => group.id),
        );
        await invitationsOf(
          db,
          meetings.map((meeting) => meeting.id),
        );
        await membersOf(
          db,
          groups.map((group) => group.id),
        );
      }),
    );
  } finally {
    await t.close();
  }
}
