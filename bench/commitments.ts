import { sql } from 'kysely';
import { boardFor, todayOf } from '../src/server/modules/commitments/commitments.queries';
import { listCommitments, tallies } from '../src/server/modules/commitments/commitments.repository';
import { membersOf, workingGroups } from '../src/server/modules/working-groups/working-groups.repository';
import type { CommitmentsTable } from '../src/server/platform/db/schema';
import { markingToColumns } from '../src/server/platform/marked-records';
import { createTestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { timed as timedRuns } from './timing';

type Report = (name: string, value: string) => void;

const COMMITMENTS = 5_000;
const RUNS = 30;
const DAY = 86_400_000;
const STATUSES: CommitmentsTable['status'][] = ['open', 'in-progress', 'done', 'done', 'dropped'];

const timed = (work: () => Promise<unknown>) => timedRuns(RUNS, work);

/**
 * The commitments board (issue 16, item 4) of a group with 5,000 commitments
 * of both sides (open, in progress, done and confirmed or not, dropped; due
 * over two years): through the API as a member, the same reads with the
 * access rule, and the floor, the same reads without it.
 */
export async function commitmentsBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    const { db } = t.database;
    const deps = t.app.services.commitments;
    const group = (await workingGroups(db)).find((item) => item.code === 'WG-CID');
    if (!group) throw new Error('the demo has no WG-CID');
    const members = await membersOf(db, [group.id]);
    const marking = markingToColumns({
      level: group.level ?? deps.deployment.lowest,
      caveats: [],
      relTo: null,
      parties: group.parties,
      groups: [group.code],
    });
    const sides = members.filter((member) => member.party === 'ISF' || member.party === 'PASF');
    const start = Date.UTC(2026, 0, 1);
    for (let from = 0; from < COMMITMENTS; from += 500) {
      const rows = Array.from({ length: 500 }, (_, offset) => {
        const i = from + offset;
        const owner = sides[i % sides.length] as (typeof sides)[number];
        const due = new Date(start + (i % 730) * DAY);
        const status = STATUSES[i % STATUSES.length] as CommitmentsTable['status'];
        const completed = status === 'done' ? new Date(due.getTime() + ((i % 5) - 2) * DAY) : null;
        return {
          group_id: group.id,
          title: `Commitment ${i + 1}`,
          done_means: 'Handed over and acknowledged',
          owner_party: owner.party as string,
          owner_id: owner.id,
          due_on: due.toISOString().slice(0, 10),
          status,
          completed_at: completed,
          completed_by: completed ? owner.id : null,
          confirmed_at: completed && i % 3 !== 0 ? completed : null,
          confirmed_by: completed && i % 3 !== 0 ? (sides[(i + 1) % sides.length]?.id ?? null) : null,
          drop_reason: status === 'dropped' ? 'overtaken' : null,
          raised_by: owner.id,
          created_at: due,
          updated_at: due,
          ...marking,
        };
      });
      await db.insertInto('commitments').values(rows).execute();
    }
    await sql`analyze commitments`.execute(db);
    const cookie = await t.login('pasf.police');
    const url = `/api/commitments/board?group=${group.id}`;
    const first = await t.app.inject({ url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`the board answered ${first.statusCode}`);
    const reader = members.find((member) => member.username === 'pasf.police');
    if (!reader) throw new Error('pasf.police is not in WG-CID');
    const caller = {
      actor: await t.app.services.directory.actorOf(reader.id),
      username: reader.username,
      roles: [],
      ip: null,
    };
    report(
      `commitments board of a group with ${COMMITMENTS} commitments p50 / p99 (${engine})`,
      await timed(() => t.app.inject({ url, headers: { cookie } })),
    );
    report(
      `  the same reads with the access rule, no HTTP (${engine})`,
      await timed(() => boardFor(deps, caller, { group: group.id })),
    );
    report(
      `  floor: the same reads without the access rule (${engine})`,
      await timed(async () => {
        const today = todayOf(deps, new Date());
        const everything = sql<boolean>`true`;
        await tallies(db, everything, { group: group.id }, today, deps.deployment.deployment.timeZone);
        await listCommitments(db, everything, { group: group.id }, today, 500);
      }),
    );
  } finally {
    await t.close();
  }
}
