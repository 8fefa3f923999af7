import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Actor } from '../src/core/access/access-rule';
import { AccessRule } from '../src/core/access/access-rule';
import { systemClock } from '../src/core/clock';
import { AuditService } from '../src/server/modules/audit/audit.service';
import { DirectoryRepository } from '../src/server/modules/directory/directory.repository';
import { type DatabaseHandle, inTransaction } from '../src/server/platform/db/database';
import { markingToColumns } from '../src/server/platform/marked-records';
import { US_SCHEME } from '../test/support/marking-fixtures';

const NOTES = 20_000;
const PARTIES = ['USSC', 'ISF', 'PASF'];

type Report = (name: string, value: string) => void;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] as number;

async function timed(runs: number, work: () => Promise<unknown>) {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await work();
    durations.push(performance.now() - startedAt);
  }
  return { p50: percentile(durations, 50), p99: percentile(durations, 99) };
}

/** A desk with NOTES handover notes, marked every which way (a deterministic spread, not random). */
async function fill(database: DatabaseHandle): Promise<string> {
  const { db } = database;
  const [party] = await db
    .insertInto('parties')
    .values({ code: 'USSC', kind: 'coordinator', name_en: 'x', name_ar: 'x', name_he: 'x' })
    .returning('id')
    .execute();
  const [desk] = await db
    .insertInto('desks')
    .values({ code: 'BENCH', party_id: party?.id as string, name_en: 'x', name_ar: 'x', name_he: 'x' })
    .returning('id')
    .execute();
  const levels = US_SCHEME.levels.map((level) => level.code);
  for (let start = 0; start < NOTES; start += 1000) {
    const rows = Array.from({ length: 1000 }, (_, offset) => {
      const i = start + offset;
      return {
        desk_id: desk?.id as string,
        body: `note ${i}`,
        created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        ...markingToColumns({
          level: levels[i % levels.length] as string,
          caveats: i % 7 === 0 ? ['NOFORN'] : [],
          relTo: i % 7 !== 0 && i % 3 === 0 ? ['USA', 'GBR'] : null,
          parties: PARTIES.filter((_, p) => (i >> p) % 2 === 0).concat(i % 4 === 0 ? [] : ['USSC']),
          groups: i % 11 === 0 ? ['wg-criminal'] : [],
        }),
      };
    });
    await db.insertInto('handover_notes').values(rows).execute();
  }
  await sql`analyze`.execute(db);
  return desk?.id as string;
}

/** The access rule's cost on list queries, beside the same query without it, and the audit writer's rate. */
export async function accessAndAudit(
  engine: string,
  database: DatabaseHandle,
  report: Report,
): Promise<void> {
  const deskId = await fill(database);
  const rule = new AccessRule(US_SCHEME);
  const repo = new DirectoryRepository(database.db);
  const actor: Actor = { userId: 'bench', party: 'USSC', nationality: 'GBR', clearance: 'S', groups: [] };

  const withRule = await timed(50, () => repo.handoverNotes(rule.where(actor, 'note'), { deskId }));
  const floor = await timed(50, () => repo.handoverNotes(sql<boolean>`true`, { deskId }));
  report(
    `${engine}: 200 newest of ${NOTES} notes, access rule p50 / p99`,
    `${withRule.p50.toFixed(2)} ms / ${withRule.p99.toFixed(2)} ms`,
  );
  report(
    `${engine}: same query without the rule (floor) p50`,
    `${floor.p50.toFixed(2)} ms (ratio ${(withRule.p50 / floor.p50).toFixed(2)})`,
  );

  const countVisible = () =>
    database.db
      .selectFrom('handover_notes as note')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(rule.where(actor, 'note'))
      .executeTakeFirstOrThrow();
  const scan = await timed(10, countVisible);
  report(
    `${engine}: count visible of ${NOTES} (full scan) p50`,
    `${scan.p50.toFixed(1)} ms (${(await countVisible()).n} visible to a GBR coordinator)`,
  );

  const audit = new AuditService(database.db, systemClock, {
    deployment: 'bench',
    keyFile: join(mkdtempSync(join(tmpdir(), 'concord-bench-key-')), 'key.pem'),
  });
  const entries = 300;
  const startedAt = performance.now();
  for (let i = 0; i < entries; i++) {
    await inTransaction(database.db, (tx) =>
      audit.record(tx, {
        action: 'bench.wrote',
        actor: null,
        subject: { type: 'bench', id: null },
        after: { i },
        marking: { level: 'U', parties: PARTIES },
      }),
    );
  }
  const perSecond = entries / ((performance.now() - startedAt) / 1000);
  await sql`create temporary table bench_floor (id serial primary key, body text)`.execute(database.db);
  const floorStartedAt = performance.now();
  for (let i = 0; i < entries; i++) {
    await inTransaction(database.db, (tx) =>
      sql`insert into bench_floor (body) values (${String(i)})`.execute(tx),
    );
  }
  const floorPerSecond = entries / ((performance.now() - floorStartedAt) / 1000);
  report(
    `${engine}: audit entries appended per second (one writer)`,
    `${perSecond.toFixed(0)} /s (plain insert transaction floor ${floorPerSecond.toFixed(0)} /s, ratio ${(perSecond / floorPerSecond).toFixed(2)})`,
  );
  const verifyStartedAt = performance.now();
  const verified = await audit.verify();
  report(
    `${engine}: audit verify of ${entries} entries`,
    `${(performance.now() - verifyStartedAt).toFixed(0)} ms (${verified.ok ? 'intact' : 'TAMPERED'})`,
  );
}
