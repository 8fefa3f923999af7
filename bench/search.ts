import { sql } from 'kysely';
import type { Db } from '../src/server/platform/db/database';
import { createTestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';

type Report = (name: string, value: string) => void;

const REPORTS = 50_000;
const ROUNDS = 10;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// Words of the generated paragraphs, in the three languages, common and rare.
const WORDS = [
  'coordination',
  'crossing',
  'checkpoint',
  'police',
  'meeting',
  'closure',
  'traffic',
  'patrol',
  'liaison',
  'security',
  'forces',
  'district',
  'village',
  'road',
  'night',
  'convoy',
  'detention',
  'release',
  'border',
  'Hebron',
  'Jenin',
  'Nablus',
  'Ramallah',
  'Bethlehem',
  'Tulkarm',
  'Qalqilya',
  'Jericho',
  'Salfit',
  'الخليل',
  'جنين',
  'نابلس',
  'رام',
  'الله',
  'الشرطة',
  'اجتماع',
  'التنسيق',
  'الحاجز',
  'الطريق',
  'دورية',
  'בחברון',
  'ג׳נין',
  'שכם',
  'המשטרה',
  'פגישה',
  'תיאום',
  'המחסום',
  'הכביש',
  'סיור',
  'ביטחון',
];

/** Three portions per report: (S//NF), (C//REL TO USA, GBR) and (U); one header in ten is SECRET. */
const PORTIONS = [
  { level: 'S', caveats: '{NOFORN}', relTo: null },
  { level: 'C', caveats: '{}', relTo: '{USA,GBR}' },
  { level: 'U', caveats: '{}', relTo: null },
] as const;

/**
 * Search over 50,000 generated reports (150,000 portions), through the API,
 * as readers who may see all, some or little of them: the access rule is in
 * every query. The floor is the bare index lookup of the same words, with no
 * access rule, ranking or snippets.
 */
export async function searchBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    const { db } = t.database;
    const startedAt = performance.now();
    await generateForBench(t.database.db);
    report(
      `generate ${REPORTS} reports, ${REPORTS * 3} portions (${engine})`,
      ms(performance.now() - startedAt),
    );

    const queries = ['Tarqumiya', 'police meeting', 'الخليل', 'חברון', 'closure Jenin convoy'];
    const readers = ['coord.duty', 'coord.gbr', 'ussc.ssr'];
    const cookies = await Promise.all(readers.map((reader) => t.login(reader)));
    const searchMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++)
      for (const cookie of cookies)
        for (const q of queries) {
          const began = performance.now();
          const response = await t.app.inject({
            url: `/api/search?q=${encodeURIComponent(q)}&limit=20`,
            headers: { cookie },
          });
          searchMs.push(performance.now() - began);
          if (response.statusCode !== 200) throw new Error(`search answered ${response.statusCode}`);
        }
    report(
      `GET /api/search over ${REPORTS} reports p50 / p99 (${engine})`,
      `${ms(percentile(searchMs, 50))} / ${ms(percentile(searchMs, 99))}`,
    );

    const floorMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++)
      for (const q of queries) {
        const began = performance.now();
        await sql`select count(*) from (select 1 from report_paragraphs
          where search_document @@ plainto_tsquery('simple', ${q}) limit 20) hits`.execute(db);
        floorMs.push(performance.now() - began);
      }
    report(
      `bare index lookup, floor p50 / p99 (${engine})`,
      `${ms(percentile(floorMs, 50))} / ${ms(percentile(floorMs, 99))}`,
    );
    report(
      `search / floor p50 ratio (${engine})`,
      (percentile(searchMs, 50) / Math.max(percentile(floorMs, 50), 0.01)).toFixed(1),
    );
  } finally {
    await t.close();
  }
}

/** Writes the reports and their portions in a few statements: generating them through the API would take hours. */
export async function generateForBench(db: Db) {
  const words = sql`array[${sql.join(WORDS)}]::text[]`;
  await sql`
    insert into reports (title, subject, tags, report_date, status, author_party, marking_level,
      marking_caveats, marking_rel_to, marking_parties, marking_groups, created_at, updated_at)
    select 'Weekly coordination report ' || g, '', array['PGOV', case g % 3 when 0 then 'KWBG' else 'PINS' end],
      date '2026-01-01' + (g % 300), 'published', 'USSC',
      case when g % 10 = 0 then 'S' else 'U' end, '{}', null, '{USSC}', '{}', now(), now()
    from generate_series(1, ${REPORTS}) g`.execute(db);
  for (const [position, portion] of PORTIONS.entries())
    await sql`
      insert into report_paragraphs (report_id, position, number, body, marking_level, marking_caveats,
        marking_rel_to, marking_parties, marking_groups)
      select r.id, ${position}, ${position + 1},
        (select string_agg((${words})[1 + (r.number::int * 7919 + i * 104729 + ${position} * 31) % ${WORDS.length}], ' ')
           from generate_series(1, 14) i)
          || case when r.number % 100 = ${position} then ' Tarqumiya' else '' end,
        ${portion.level}, ${portion.caveats}::text[], ${portion.relTo}::text[], '{USSC}', '{}'
      from reports r`.execute(db);
  // As autovacuum would after a load like this (PGlite has none: the server analyses on a timer).
  await sql`analyze`.execute(db);
}
