import { sql } from 'kysely';
import { exchangesDeps } from '../src/server/modules/exchanges/exchanges.deps';
import { reciprocityOf } from '../src/server/modules/exchanges/exchanges.queries';
import { pairCounts } from '../src/server/modules/exchanges/exchanges.repository';
import { createTestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { ms, timed as timedRuns } from './timing';

type Report = (name: string, value: string) => void;

const ROWS = 1_000_000;
const RUNS = 20;

const timed = (work: () => Promise<unknown>) => timedRuns(RUNS, work);

/**
 * The reciprocity dashboard's question (issue 17) over 1,000,000 ledger rows
 * of two years between the three demo parties (markings up to SECRET, one in
 * seven NOFORN, some kept from one side): through the API as a PASF officer,
 * the same query with the access rule and no HTTP, and the floor, the same
 * aggregate without the access rule.
 */
export async function reciprocityBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    const { db } = t.database;
    const startedAt = performance.now();
    await sql`
      insert into information_exchanges (from_party, to_party, kind, category, subject_type, subject_id, at,
        marking_level, marking_caveats, marking_rel_to, marking_parties, marking_groups)
      select (array['ISF','PASF','USSC'])[1 + i % 3], (array['PASF','USSC','ISF'])[1 + i % 3],
        (array['release','rfi-answer','request-completed','commitment'])[1 + i % 4],
        (array['criminal','traffic','humanitarian','public-order'])[1 + (i / 3) % 4],
        'request', gen_random_uuid(), timestamptz '2025-01-01' + (i % 730) * interval '1 day' + (i % 1440) * interval '1 minute',
        (array['U','C','C','S'])[1 + (i / 7) % 4],
        case when i % 7 = 0 then '{NOFORN}'::text[] else '{}'::text[] end, null,
        case when i % 5 = 0 then array[(array['ISF','PASF','USSC'])[1 + i % 3], 'USSC'] else '{ISF,PASF,USSC}'::text[] end,
        '{}'::text[]
      from generate_series(1, ${ROWS}) as i`.execute(db);
    await sql`analyze information_exchanges`.execute(db);
    report(
      `  ${ROWS.toLocaleString('en')} ledger rows written (${engine})`,
      ms(performance.now() - startedAt),
    );

    const ids = await t.signInAll(['pasf.police']);
    const cookie = t.cookieOf('pasf.police');
    const url = '/api/reciprocity?partyA=ISF&partyB=PASF&period=month&since=2025-01-01&until=2026-12-31';
    const first = await t.app.inject({ url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`the measures answered ${first.statusCode}: ${first.body}`);
    const deps = exchangesDeps({
      db,
      deployment: t.app.services.reports.deployment,
      clock: t.clock,
      requests: t.app.services.requests,
    });
    const caller = {
      actor: await t.app.services.directory.actorOf(ids.get('pasf.police') as string),
      username: 'pasf.police',
      roles: [],
      ip: null,
    };
    report(
      `reciprocity of a pair over ${ROWS.toLocaleString('en')} rows, 24 months, p50 / p99 (${engine})`,
      await timed(() => t.app.inject({ url, headers: { cookie } })),
    );
    report(
      `  the same measures with the access rule, no HTTP (${engine})`,
      await timed(() =>
        reciprocityOf(deps, caller, {
          partyA: 'ISF',
          partyB: 'PASF',
          period: 'month',
          since: '2025-01-01',
          until: '2026-12-31',
        }),
      ),
    );
    report(
      `  floor: the same count without the access rule (${engine})`,
      await timed(() =>
        pairCounts(
          db,
          sql<boolean>`true`,
          { a: 'ISF', b: 'PASF' },
          {
            period: 'month',
            timeZone: deps.deployment.deployment.timeZone,
          },
        ),
      ),
    );
    report(
      `ledger, first page of 100, p50 / p99 (${engine})`,
      await timed(() => t.app.inject({ url: '/api/exchanges?limit=100', headers: { cookie } })),
    );
  } finally {
    await t.close();
  }
}
