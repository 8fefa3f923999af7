import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { AccessRule, Actor } from '../../../core/access/access-rule';
import { asymmetryIndex, type ExchangeKind } from '../../../core/exchanges/ledger';
import type { Reciprocity } from '../../../core/exchanges/schemas';
import type { Marking } from '../../../core/marking/marking';
import { deploymentContext } from '../../platform/deployment-context';
import { DEMO_DEPLOYMENT_FILE, loadDeploymentFile } from '../../platform/deployment-file';
import { markingToColumns } from '../../platform/marked-records';

/**
 * The exchange ledger's figures (issue 17) against a generated year of
 * history: every count the API gives, for each viewer, pair, category and
 * month, equals the count computed here from the generated rows and the
 * viewer's rights (the access rule's in-memory face, the party's own
 * records, the coordinator's view), corrections cancelling what they correct.
 */

let t: TestApp;
const VIEWERS = [
  'isf.police',
  'pasf.police',
  'pasf.supervisor',
  'coord.duty',
  'coord.gbr',
  'coord.ita',
] as const;
const actors = new Map<string, Actor>();
const PARTIES = ['ISF', 'PASF', 'USSC'] as const;
const CATEGORIES = ['criminal', 'traffic', 'humanitarian'] as const;
const ZONE = 'Asia/Jerusalem';

interface Generated {
  id: string;
  from: string;
  to: string;
  through: string | null;
  category: string;
  at: Date;
  marking: Marking;
  cancels: string | null;
}
const rows: Generated[] = [];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  accessRule = deploymentContext(await loadDeploymentFile(DEMO_DEPLOYMENT_FILE)).rule;
  for (const [username, id] of await t.signInAll(VIEWERS))
    actors.set(username, await t.app.services.directory.actorOf(id));
  const next = random(17);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 400; i++) {
    const from = pick(PARTIES);
    const to = pick(PARTIES.filter((party) => party !== from));
    // Most records are marked for both sides and the coordinator; some are kept from one of them,
    // some NOFORN (kept from the GBR and ITA coordinators), some above CONFIDENTIAL, some in a need-to-know group.
    // Some are marked for all three parties though only two exchanged them: the third still does not count them.
    const share = next();
    const parties =
      share < 0.15 ? [from, 'USSC'] : share < 0.35 ? [...PARTIES] : [...new Set([from, to, 'USSC'])];
    const marking: Marking = {
      level: pick(['U', 'C', 'C', 'S']),
      caveats: next() < 0.15 ? ['NOFORN'] : [],
      relTo: null,
      parties: parties.sort(),
      groups: next() < 0.1 ? ['WG-CID'] : [],
    };
    const through = from !== 'USSC' && to !== 'USSC' && next() < 0.3 ? 'USSC' : null;
    const at = new Date(start + Math.floor(next() * 365 * 86_400_000));
    const kind: ExchangeKind = pick(['release', 'rfi-answer', 'request-completed', 'commitment']);
    const row = {
      from_party: from,
      to_party: to,
      through_party: through,
      kind,
      category: pick(CATEGORIES),
      subject_type: 'request',
      subject_id: crypto.randomUUID(),
      at,
      ...markingToColumns(marking),
    };
    const { id } = await t.database.db
      .insertInto('information_exchanges')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    rows.push({ id, from, to, through, category: row.category, at, marking, cancels: null });
    // One in twenty is corrected later: the correction cancels it, and neither counts.
    if (next() < 0.05) {
      const correction = await t.database.db
        .insertInto('information_exchanges')
        .values({ ...row, at: new Date(at.getTime() + 3_600_000), cancels: id })
        .returning('id')
        .executeTakeFirstOrThrow();
      rows.push({
        ...(rows.at(-1) as Generated),
        id: correction.id,
        cancels: id,
        at: new Date(at.getTime() + 3_600_000),
      });
    }
  }
}, 120_000);
afterAll(() => t?.close());

/** The access rule's in-memory face, as the server runs it over the demo deployment. */
let accessRule: AccessRule;
const rule = () => accessRule;

const month = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' });
const monthOf = (at: Date) => `${month.format(at)}-01`;

/** Every record `viewer` may see, corrections and what they cancel too (what the ledger lists). */
function countableAll(viewer: string) {
  const actor = actors.get(viewer) as Actor;
  return rows.filter(
    (row) =>
      rule().canSee(actor, row.marking) &&
      (actor.party === 'USSC' || [row.from, row.to, row.through].includes(actor.party)),
  );
}

/** What `viewer` may count, computed without the database. */
function countable(viewer: string) {
  const actor = actors.get(viewer) as Actor;
  const coordinator = actor.party === 'USSC';
  const cancelled = new Set(rows.flatMap((row) => (row.cancels ? [row.cancels] : [])));
  return rows.filter(
    (row) =>
      row.cancels === null &&
      !cancelled.has(row.id) &&
      rule().canSee(actor, row.marking) &&
      (coordinator || [row.from, row.to, row.through].includes(actor.party)),
  );
}

const reciprocity = async (viewer: string, query: string) => {
  const response = await t.call(viewer, 'GET', `/api/reciprocity?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Reciprocity;
};

describe('the reciprocity figures', () => {
  it('equal, for every viewer, pair, category and month, the records that viewer may count', async () => {
    for (const viewer of VIEWERS)
      for (const [a, b] of [
        ['ISF', 'PASF'],
        ['PASF', 'USSC'],
      ] as const)
        for (const category of [undefined, ...CATEGORIES]) {
          const query = `partyA=${a}&partyB=${b}&period=month${category ? `&category=${category}` : ''}`;
          const answer = await reciprocity(viewer, query);
          const mine = countable(viewer).filter((row) => !category || row.category === category);
          const expected = new Map<string, { aToB: number; bToA: number }>();
          for (const row of mine) {
            const way =
              row.from === a && row.to === b ? 'aToB' : row.from === b && row.to === a ? 'bToA' : null;
            if (!way) continue;
            const bucket = expected.get(monthOf(row.at)) ?? { aToB: 0, bToA: 0 };
            bucket[way] += 1;
            expected.set(monthOf(row.at), bucket);
          }
          const label = `${viewer} ${query}`;
          expect(
            answer.periods
              .filter(({ aToB, bToA }) => aToB + bToA > 0)
              .map(({ start, aToB, bToA }) => [start, aToB, bToA]),
            label,
          ).toEqual(
            [...expected.entries()].sort().map(([start, counts]) => [start, counts.aToB, counts.bToA]),
          );
          const aToB = [...expected.values()].reduce((sum, bucket) => sum + bucket.aToB, 0);
          const bToA = [...expected.values()].reduce((sum, bucket) => sum + bucket.bToA, 0);
          expect(answer.total, label).toMatchObject({ aToB, bToA, asymmetry: asymmetryIndex(aToB, bToA) });
        }
  }, 120_000);

  it('lists in the ledger exactly the records each viewer may count (corrections shown, with what they cancel)', async () => {
    for (const viewer of VIEWERS) {
      const actor = actors.get(viewer) as Actor;
      const expected = rows.filter(
        (row) =>
          rule().canSee(actor, row.marking) &&
          (actor.party === 'USSC' || [row.from, row.to, row.through].includes(actor.party)),
      );
      const seen: string[] = [];
      let cursor = '';
      for (;;) {
        const page = await t.call(viewer, 'GET', `/api/exchanges?limit=200${cursor && `&cursor=${cursor}`}`);
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json() as { items: { id: string }[]; total: number; next: string | null };
        expect(body.total).toBe(expected.length);
        seen.push(...body.items.map((item) => item.id));
        if (!body.next) break;
        cursor = body.next;
      }
      expect(seen.sort(), viewer).toEqual(expected.map((row) => row.id).sort());
    }
  });

  it('never counts for a party what passed only between the others, nor NOFORN for a foreign coordinator', () => {
    const pasf = countable('pasf.police');
    expect(pasf.every((row) => [row.from, row.to, row.through].includes('PASF'))).toBe(true);
    expect(countable('coord.gbr').some((row) => row.marking.caveats.includes('NOFORN'))).toBe(false);
    // The generated history does have such records: the checks above are not empty.
    expect(rows.some((row) => row.marking.caveats.includes('NOFORN'))).toBe(true);
    expect(countable('coord.duty').length).toBeGreaterThan(countable('coord.gbr').length);
  });

  it('refuses what is not a question it can answer, naming the parameter', async () => {
    const cases: [string, string, string][] = [
      ['partyA=ISF&partyB=ISF', 'same_party', 'querystring.partyB'],
      ['partyA=ISF&partyB=PASF&period=fortnight', 'validation_failed', 'querystring.period'],
      [
        'partyA=ISF&partyB=PASF&since=2026-05-01&until=2026-04-01',
        'range_ends_before_start',
        'querystring.until',
      ],
      ['partyA=isf&partyB=PASF', 'validation_failed', 'querystring.partyA'],
    ];
    for (const [query, code, path] of cases) {
      const response = await t.call('isf.police', 'GET', `/api/reciprocity?${query}`);
      expect([response.statusCode, response.json().code], query).toEqual([400, code]);
      expect(response.json().errors.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    const cursor = await t.call('isf.police', 'GET', '/api/exchanges?cursor=bm90LWEtY3Vyc29y');
    expect([cursor.statusCode, cursor.json().code]).toEqual([400, 'invalid_cursor']);
  });
});

describe('the asymmetry index', () => {
  it('is (A→B − B→A) / (A→B + B→A), from −1 to 1, empty when nothing passed', () => {
    expect(asymmetryIndex(30, 10)).toBe(0.5);
    expect(asymmetryIndex(10, 30)).toBe(-0.5);
    expect(asymmetryIndex(7, 0)).toBe(1);
    expect(asymmetryIndex(0, 7)).toBe(-1);
    expect(asymmetryIndex(5, 5)).toBe(0);
    expect(asymmetryIndex(0, 0)).toBeNull();
  });
});

/** A workbook read back with exceljs, as a spreadsheet program would open the download. */
async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

describe('the exports', () => {
  const download = async (viewer: string, url: string) => {
    const response = await t.call(viewer, 'GET', url);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response;
  };

  it('hold in CSV exactly the ledger records the viewer may see, with the banner of what they hold', async () => {
    for (const viewer of ['pasf.police', 'coord.gbr'] as const) {
      const actor = actors.get(viewer) as Actor;
      const expected = rows.filter(
        (row) =>
          rule().canSee(actor, row.marking) &&
          (actor.party === 'USSC' || [row.from, row.to, row.through].includes(actor.party)),
      );
      const response = await download(viewer, '/api/exchanges/export.csv');
      expect(response.headers['content-type']).toContain('text/csv');
      const table = parse(response.body.replace(/^\ufeff/, ''), { columns: true }) as Record<
        string,
        string
      >[];
      const key = (at: string, from: string, to: string) => `${at} ${from}→${to}`;
      expect(table.map((line) => key(String(line.Time), String(line.From), String(line.To))).sort()).toEqual(
        expected.map((row) => key(row.at.toISOString(), row.from, row.to)).sort(),
      );
      expect(table.length).toBe(expected.length);
      const banner = decodeURIComponent(String(response.headers['concord-banner']));
      // NOFORN records are in a US coordinator's export, never in a GBR coordinator's.
      if (viewer === 'coord.gbr') expect(banner).not.toContain('NOFORN');
      expect(banner).toMatch(/^(UNCLASSIFIED|CONFIDENTIAL|SECRET)/);
    }
  });

  it('hold in XLSX numbers as numbers, dates as dates, a header row and the banner in header and footer', async () => {
    const response = await download(
      'coord.duty',
      '/api/exchanges/export.xlsx?since=2026-03-01&until=2026-03-31',
    );
    const workbook = await workbookOf(response.rawPayload);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('Time');
    const march = countableAll('coord.duty').filter((row) => monthOf(row.at) === '2026-03-01');
    expect(sheet.rowCount - 1).toBe(march.length);
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(sheet.headerFooter.oddHeader).toContain(
      decodeURIComponent(String(response.headers['concord-banner'])),
    );
    expect(sheet.headerFooter.oddFooter).toBe(sheet.headerFooter.oddHeader);

    const measures = await download(
      'pasf.police',
      '/api/reciprocity/export.xlsx?partyA=ISF&partyB=PASF&period=quarter',
    );
    const book = await workbookOf(measures.rawPayload);
    const table = book.worksheets[0] as ExcelJS.Worksheet;
    const last = table.getRow(table.rowCount);
    const answer = await reciprocity('pasf.police', 'partyA=ISF&partyB=PASF&period=quarter');
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value]).toEqual([
      'all',
      answer.total.aToB,
      answer.total.bToA,
    ]);
    expect(typeof last.getCell(2).value).toBe('number');
  });

  it('refuse a format they do not write', async () => {
    const response = await t.call('isf.police', 'GET', '/api/exchanges/export.pdf');
    expect([response.statusCode, response.json().code]).toEqual([400, 'validation_failed']);
  });
});
