import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, type Route, routesOf, type Schema, sample as sampleOf } from '../support/openapi';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The hostile-input suite: every route of the OpenAPI document, called as each
 * demo role with parameters and bodies made from its own schemas and then
 * spoiled (NUL, half a surrogate pair, bidirectional controls, overlong text,
 * huge and negative numbers, wrong types, deep nesting, unknown fields, broken
 * JSON). Nothing may answer 5xx; every refusal is a problem+json; a refused
 * write leaves the audit log and the event log as they were.
 */

const ROLES = ['admin', 'coord.duty', 'isf.hebron', 'pasf.supervisor'] as const;
/** Routes that end the caller's session or are not HTTP: calling them would only blind the rest of the run. */
const LEFT_OUT = [/^\/api\/auth\/logout$/, /^\/api\/events$/, /^\/api\/me\/password$/, /^\/api\/me\/totp/];
const RUNS_PER_ROUTE = 6;

const HOSTILE_TEXT = [
  'a\u0000b',
  'half \ud800 a pair',
  '\udc00',
  'report\u202Etxt.exe',
  'x'.repeat(100_000),
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '',
  ' ',
];
const HOSTILE_NUMBERS = [2_147_483_648, -1, 0, 1e308, 2 ** 53, 1.5, Number.MAX_SAFE_INTEGER];
const HOSTILE_PATH = [
  '0',
  '-1',
  '2147483648',
  '99999999999999999999999',
  'a%00b',
  '%ED%A0%80',
  '00000000-0000-4000-8000-000000000000',
  '..%2F..%2Fetc',
  'x'.repeat(2000),
];

let t: TestApp;
let all: Route[];
const known: Record<string, string[]> = {};

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll([...ROLES]);
  all = await routesOf(t);
  // Real ids to put in paths beside the hostile ones, so that a route also gets past its 404.
  const ids = async (url: string, pick: (body: unknown) => unknown[]) =>
    pick((await t.call('admin', 'GET', url)).json()).map(String);
  known.district = await ids('/api/directory/districts', (body) =>
    (body as { id: string }[]).map((row) => row.id),
  );
  known.party = await ids('/api/directory/parties', (body) =>
    (body as { code: string }[]).map((row) => row.code),
  );
  const submitted = await t.call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: known.district.find(Boolean),
    fields: { who: 'Two civilians', description: 'A white car', lastKnownLocation: 'Hebron' },
  });
  known.request = [submitted.json().id];
  const report = await t.call('coord.duty', 'POST', '/api/reports', {
    title: 'A note',
    paragraphs: [{ text: 'Text.', marking: { classification: 'UNCLASSIFIED' } }],
  });
  known.report = [report.json().id];
  const channels = await t.call('coord.duty', 'GET', '/api/channels');
  known.channel = (channels.json() as { id: string }[]).map((row) => row.id).slice(0, 2);
}, 60_000);
afterAll(() => t?.close());

const sample = (schema: Schema | undefined) =>
  sampleOf(schema, () => known.request?.[0] ?? '00000000-0000-4000-8000-000000000000');

const hostileLeaf = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_TEXT),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(null, true, [], {}, [[[]]], { __proto__: { polluted: true } }),
  fc.string({ unit: 'binary' }),
);

/** Replaces one value at some depth of `value` (or adds an unknown field) with something hostile. */
function spoil(value: unknown, leaf: unknown, choice: number): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || choice % (keys.length + 1) === keys.length)
      return { ...value, unknownField: leaf };
    const key = keys[choice % keys.length] as string;
    return { ...value, [key]: spoil((value as Record<string, unknown>)[key], leaf, Math.floor(choice / 7)) };
  }
  if (Array.isArray(value)) return [...value, leaf];
  return leaf;
}

const deeplyNested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A real id for a path parameter where the route names one the run knows; else a hostile one. */
function pathValue(path: string, name: string, pick: number): string {
  const kind = /\/api\/(requests|reports|channels)\//.exec(path)?.[1]?.replace(/s$/, '');
  const real = name === 'id' && kind ? known[kind] : name === 'code' ? known.party : undefined;
  const pool = [...(real ?? []), ...HOSTILE_PATH];
  // Already safe in a URL: ids, codes, and hostile values written percent-encoded.
  return pool[pick % pool.length] as string;
}

async function heads() {
  const audit = await sql<{ n: string | null }>`select max(seq) as n from audit_log`.execute(t.database.db);
  const events = await sql<{ n: string | null }>`select max(id) as n from event_log`.execute(t.database.db);
  return `${audit.rows[0]?.n}/${events.rows[0]?.n}`;
}

describe('hostile input', () => {
  it('never answers 5xx to any route of the OpenAPI document, as any role; refusals are problems and store nothing', async () => {
    const routes = all.filter(({ path }) => !LEFT_OUT.some((pattern) => pattern.test(path)));
    expect(routes.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let calls = 0;
    let accepted = 0;
    for (const { path, method, query, body } of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROLES),
          fc.nat(),
          hostileLeaf,
          fc.nat(),
          fc.constantFrom('spoiled', 'sample', 'nested', 'broken', 'wrong-type'),
          async (role, pick, leaf, choice, shape) => {
            const url = pathOf(path, (name) => pathValue(path, name, pick));
            const params = new URLSearchParams();
            for (const [i, parameter] of query.entries())
              if ((pick + i) % 2 === 0)
                params.set(
                  parameter.name,
                  String(i === choice % Math.max(query.length, 1) ? leaf : sample(parameter.schema)),
                );
            const target = params.size ? `${url}?${params}` : url;
            const valid = sample(body);
            const payload =
              shape === 'nested'
                ? deeplyNested(5_000)
                : shape === 'broken'
                  ? '{"a": '
                  : shape === 'wrong-type'
                    ? JSON.stringify([valid])
                    : JSON.stringify(shape === 'spoiled' ? spoil(valid, leaf, choice) : valid);
            const before = method === 'GET' ? '' : await heads();
            const response = await t.app.inject({
              method,
              url: target,
              headers: {
                cookie: t.cookieOf(role),
                ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
              },
              ...(method === 'GET' || method === 'DELETE' ? {} : { payload }),
            });
            calls += 1;
            if (response.statusCode < 300) accepted += 1;
            const where = `${role} ${method} ${target.slice(0, 160)} (${shape}) → ${response.statusCode}`;
            if (response.statusCode >= 500) failures.push(`${where}: ${response.body.slice(0, 300)}`);
            else if (response.statusCode >= 400) {
              if (!String(response.headers['content-type']).startsWith('application/problem+json'))
                failures.push(`${where}: not a problem (${response.headers['content-type']})`);
              if (method !== 'GET' && response.statusCode !== 401 && (await heads()) !== before)
                failures.push(`${where}: a refused write changed the audit or event log`);
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    expect(calls).toBeGreaterThanOrEqual(routes.length * RUNS_PER_ROUTE);
    // Some calls get through to the work itself, not only to the schema's refusal.
    expect(accepted).toBeGreaterThan(calls / 20);
    expect(failures).toEqual([]);
  }, 600_000);
});
