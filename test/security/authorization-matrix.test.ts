import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/access-rule';
import { MembershipRule } from '../../src/core/channels/membership';
import { COMMITMENT_ACTIONS } from '../../src/core/commitments/lifecycle';
import type { Abilities } from '../../src/core/identity/schemas';
import { REPORT_ACTION_NAMES } from '../../src/core/reports/schemas';
import { USER_ACTIONS } from '../../src/core/requests/lifecycle';
import { requestVisibility } from '../../src/core/requests/visibility';
import { CONSENT_ACTION_NAMES, SUBMISSION_ACTION_NAMES } from '../../src/core/submissions/schemas';
import { submissionVisibility } from '../../src/core/submissions/visibility';
import { actorsOf } from '../../src/server/platform/actors.repository';
import { deploymentContext } from '../../src/server/platform/deployment-context';
import { markingOfRow } from '../../src/server/platform/marked-records';
import { type Method, pathOf, type Route, routesOf, sample } from '../support/openapi';
import { createTestApp, demoDeployment, type TestApp } from '../support/test-app';

/**
 * The authorisation matrix (issue 14): every route of the OpenAPI document ×
 * each kind of demo reader × records of each party and marking. No answer is
 * typed here: what a reader should get comes from the visibility rules'
 * in-memory faces applied to the record as stored, from the actions the
 * record's presenter grants that reader, and from the abilities /api/me
 * computes for them.
 *
 * - A record the reader may not see answers every route exactly as a record
 *   that does not exist (the same status and problem code), and a write on it
 *   stores nothing.
 * - A record the reader may see answers its GET with 2xx; a write on it
 *   succeeds only when the record's `actions` allowed it.
 * - Every list, search and feed answers, anywhere in its body, only ids of
 *   records the reader may see.
 * - A route governed by an ability refuses the readers /api/me denies it to,
 *   storing nothing.
 */

const READERS = [
  'admin', // USSC, USA, SECRET, administrator and auditor
  'coord.duty', // USSC, USA, SECRET, coordinator
  'coord.gbr', // USSC, GBR, SECRET, in WG-CID
  'coord.ita', // USSC, ITA, CONFIDENTIAL
  'ussc.ssr', // USSC, USA, UNCLASSIFIED, officer
  'isf.hebron', // ISF duty officer, CONFIDENTIAL
  'isf.supervisor', // ISF, SECRET
  'pasf.hebron', // PASF duty officer, CONFIDENTIAL
  'pasf.police', // PASF officer, in WG-CID and WG-NARCOTICS
] as const;
type Reader = (typeof READERS)[number];

type Kind =
  | 'request'
  | 'report'
  | 'release'
  | 'submission'
  | 'consent'
  | 'commitment'
  | 'channel'
  | 'unit'
  | 'district'
  | 'desk'
  | 'group';
const DIRECTORY_KINDS = { unit: 'units', district: 'districts', desk: 'desks', group: 'groups' } as const;

/** Which record a route's `{id}` names. */
function kindOf(path: string): Kind | undefined {
  const match =
    /^\/api\/(requests|reports|releases|submissions|consents|commitments|channels|directory\/(units|districts|desks|groups))\/\{id\}/.exec(
      path,
    );
  if (!match) return undefined;
  return (match[2] ?? match[1])?.replace(/s$/, '') as Kind;
}

/**
 * The ability of /api/me that governs each route not about one record (method
 * and path pattern). A write route of that kind that is in neither this list
 * nor OPEN fails the test: each new route needs a decision.
 */
const GATES: [Method | 'ANY', RegExp, keyof Abilities][] = [
  ['POST', /^\/api\/requests$/, 'raiseRequests'],
  ['POST', /^\/api\/reports$/, 'writeReports'],
  ['POST', /^\/api\/reports\/import$/, 'importCables'],
  ['POST', /^\/api\/submissions$/, 'writeSubmissions'],
  ['ANY', /^\/api\/audit\/entries/, 'audit'],
  ['POST', /^\/api\/audit\/checkpoints$/, 'audit'],
  ['POST', /^\/api\/channels\/(standing|hotlines|working-groups)$/, 'syncDirectoryChannels'],
  ['POST', /^\/api\/directory\/(parties|units|districts|desks|groups|users)$/, 'administer'],
  ['PATCH', /^\/api\/directory\/(parties|users)\/\{\w+\}$/, 'administer'],
  ['DELETE', /^\/api\/directory\/parties\/\{\w+\}$/, 'administer'],
];
/** Writes every signed-in user may make for themselves, or whose policy the matrix reaches by record. */
const OPEN = [
  /^\/api\/auth\//,
  /^\/api\/me(\/|$)/,
  /^\/api\/tokens/,
  /^\/api\/notifications/,
  /^\/api\/channels$/, // standing channel or crisis room: the body's kind decides (abilities openChannels, openCrisisRooms)
  /^\/api\/directory\/(desks|handover-notes|users)\/\{id\}/, // roster and notes: checked by their own tests
  /^\/api\/working-groups\/\{id\}\/members/, // the group's chairs and secretary (`actions.manageMembers`): working-groups.test.ts
  /^\/api\/working-groups\/\{id\}\/meetings$/, // the group's chairs and secretary (`actions.scheduleMeetings`): meetings.test.ts
  /^\/api\/meetings\/\{id\}(\/(cancel|agenda|responses|attendance))?$/, // the meeting's `actions` (leads; responses by the invited): meetings.test.ts
  /^\/api\/meetings\/\{id\}\/minutes/, // the group's leads write, its chairs sign (`actions` of the minutes): minutes.test.ts
  /^\/api\/commitments$/, // any member of the body's group raises one (a non-member gets the group's 404): commitments.test.ts
];

/** A write on a visible record, and the action of the record's presenter that must allow it. */
function actionOf(route: Route, body: unknown): string | undefined {
  const tail = route.path.replace(/^\/api\/[\w/-]*?\{id\}/, '');
  if (route.path.startsWith('/api/requests/'))
    return tail === '/transitions' ? (body as { action?: string }).action : undefined;
  if (route.path.startsWith('/api/reports/')) {
    if (route.method === 'PATCH') return 'edit';
    if (tail === '/releases') return 'release';
    return /^\/(submit|approve|return)$/.exec(tail)?.[1];
  }
  if (route.path.startsWith('/api/submissions/')) {
    if (route.method === 'PATCH') return 'edit';
    if (tail === '/report') return 'extract';
    return tail === '/releases' ? 'release' : undefined;
  }
  if (route.path.startsWith('/api/commitments/'))
    return tail === '/transitions' ? (body as { action?: string }).action : undefined;
  if (route.path.startsWith('/api/consents/'))
    return tail === '/decision' ? (body as { decision?: string }).decision : undefined;
  if (route.path.startsWith('/api/channels/')) {
    if (tail === '/messages' && route.method === 'POST') return 'post';
    if (tail === '/members') return 'addMember';
    if (tail === '/members/{userId}') return 'removeMember';
    if (tail === '/close') return 'close';
    return undefined;
  }
  if (route.path.startsWith('/api/directory/') && tail === '') {
    return route.method === 'PATCH' ? 'update' : route.method === 'DELETE' ? 'delete' : undefined;
  }
  return undefined;
}

let t: TestApp;
let routes: Route[];
const userIds = new Map<string, string>();
const actors = new Map<Reader, Actor>();
const records: Record<Kind, string[]> = {
  request: [],
  report: [],
  release: [],
  submission: [],
  consent: [],
  commitment: [],
  channel: [],
  unit: [],
  district: [],
  desk: [],
  group: [],
};
const { rule } = deploymentContext(await demoDeployment());
const membership = new MembershipRule(rule);

async function heads() {
  const audit = await sql<{ n: string | null }>`select max(seq) as n from audit_log`.execute(t.database.db);
  const events = await sql<{ n: string | null }>`select max(id) as n from event_log`.execute(t.database.db);
  return `${audit.rows[0]?.n}/${events.rows[0]?.n}`;
}

/** How a list reads channels: `oversight` and `threads` widen the membership rule as their routes do. */
interface Reading {
  /** The audit log: a channel's trail under the access rule on its marking, member or not (it shows who did what, never a message). */
  oversight?: boolean;
  /** Search: a request's thread to whoever may read the request. */
  threads?: boolean;
}

/**
 * Whether the reader may see the record, by the rules' in-memory faces over
 * the stored row; undefined when it no longer exists.
 */
async function sees(
  reader: Reader,
  kind: Kind,
  id: string,
  reading: Reading = {},
): Promise<boolean | undefined> {
  const actor = actors.get(reader) as Actor;
  const db = t.database.db;
  switch (kind) {
    case 'request': {
      const row = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row &&
        requestVisibility.canSee(rule, actor, {
          status: row.status,
          fromParty: row.from_party,
          marking: markingOfRow(row),
        })
      );
    }
    case 'report':
    case 'release': {
      const table = kind === 'report' ? 'reports' : 'report_releases';
      const row = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row && rule.canSee(actor, markingOfRow(row));
    }
    case 'submission':
    case 'consent': {
      const table = kind === 'submission' ? 'submissions' : 'consents';
      const row = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row &&
        submissionVisibility.canSee(rule, actor, {
          ownerParty: row.owner_party,
          coordinatorParty: row.coordinator_party,
          marking: markingOfRow(row),
        })
      );
    }
    case 'commitment': {
      const row = await db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rule.canSee(actor, markingOfRow(row));
    }
    case 'channel': {
      const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      if (reading.oversight) return rule.canSee(actor, markingOfRow(row));
      const members = await db
        .selectFrom('channel_members')
        .select('user_id')
        .where('channel_id', '=', id)
        .execute();
      const thread =
        reading.threads === true &&
        row.request_id !== null &&
        (await sees(reader, 'request', row.request_id));
      return membership.canSee(
        actor,
        { memberIds: members.map((member) => member.user_id), marking: markingOfRow(row) },
        { orElse: thread },
      );
    }
    default: {
      // The directory's entries are not marked: every signed-in user reads them.
      const row = await db
        .selectFrom(DIRECTORY_KINDS[kind])
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row && true;
    }
  }
}

async function created(
  reader: Reader,
  url: string,
  payload: unknown,
  into: Kind,
): Promise<string | undefined> {
  const response = await t.call(reader, 'POST', url, payload);
  if (response.statusCode >= 300) return undefined;
  const id = response.json().id as string;
  records[into].push(id);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [username, id] of await t.signInAll(READERS)) userIds.set(username, id);
  for (const actor of await actorsOf(t.database.db, [...userIds.values()]))
    actors.set(READERS.find((reader) => userIds.get(reader) === actor.userId) as Reader, actor);
  routes = await routesOf(t);

  const districts = (await t.call('admin', 'GET', '/api/directory/districts')).json() as { id: string }[];
  const districtId = districts[0]?.id;
  const safeReturn = { who: 'Two civilians', description: 'A white car', lastKnownLocation: 'Hebron' };
  // Requests of each party, a draft, the coordinator's, and marked ones.
  for (const [reader, extra] of [
    ['isf.hebron', {}],
    ['isf.hebron', { draft: true }],
    ['isf.hebron', { marking: { classification: 'CONFIDENTIAL', groups: ['WG-CID'] } }],
    ['pasf.hebron', {}],
    ['pasf.hebron', { draft: true }],
    ['coord.duty', { toParty: 'ISF', marking: { classification: 'CONFIDENTIAL' } }],
    ['coord.duty', { toParty: 'PASF' }],
  ] as const)
    await created(
      reader,
      '/api/requests',
      { type: 'safe-return', districtId, fields: safeReturn, ...extra },
      'request',
    );

  // Reports marked each way, and releases of them to each party.
  for (const classification of ['(U)', '(C)', '(S//NF)', '(S//REL TO USA, GBR)', '(C//REL TO USA, ISR)']) {
    await created(
      'coord.duty',
      '/api/reports',
      {
        title: `Matrix report ${classification}`,
        paragraphs: [{ text: `A matrix paragraph ${classification}.`, marking: { classification } }],
      },
      'report',
    );
  }
  await created(
    'coord.gbr',
    '/api/reports',
    {
      title: 'Matrix report for the criminal investigations group',
      paragraphs: [{ text: 'A matrix paragraph.', marking: { classification: '(U)', groups: ['WG-CID'] } }],
    },
    'report',
  );
  const [plain] = records.report;
  await t.call('coord.duty', 'POST', `/api/reports/${plain}/submit`, {});
  await t.signIn('ussc.chief');
  await t.call('ussc.chief', 'POST', `/api/reports/${plain}/approve`, {});
  for (const toParty of ['ISF', 'PASF'])
    await created(
      'coord.duty',
      `/api/reports/${plain}/releases`,
      { toParty, note: 'For the desk' },
      'release',
    );

  // Submissions of each party to the coordinator, marked each way, and a consent waiting for each.
  for (const [reader, classification] of [
    ['pasf.hebron', '(U)'],
    ['pasf.hebron', '(C)'],
    ['pasf.police', 'UNCLASSIFIED'],
    ['isf.hebron', '(C)'],
  ] as const) {
    const id = await created(
      reader,
      '/api/submissions',
      {
        title: `Matrix submission ${classification}`,
        portions: [
          {
            text: `A matrix portion kept back ${classification}.`,
            marking: { classification },
            release: { instruction: 'not-releasable' },
          },
          {
            text: `A matrix portion for the other side ${classification}.`,
            marking: { classification: '(U)', ...(reader === 'pasf.police' ? { groups: ['WG-CID'] } : {}) },
            release: {
              instruction: 'releasable-after-consent',
              toParty: reader.startsWith('pasf') ? 'ISF' : 'PASF',
            },
          },
        ],
      },
      'submission',
    );
    const submission = (await t.call(reader, 'GET', `/api/submissions/${id}`)).json();
    // The coordinator's officer in the portion's group releases it.
    const releaser = reader === 'pasf.police' ? 'coord.gbr' : 'coord.duty';
    const asked = await t.call(releaser, 'POST', `/api/submissions/${id}/releases`, {
      toParty: reader.startsWith('pasf') ? 'ISF' : 'PASF',
      portions: [submission.portions[1].id],
    });
    expect(asked.statusCode, asked.body).toBe(202);
    records.consent.push(asked.json().consentId);
  }

  // Channels: the demo's standing channels and hotlines, a crisis room, the requests' threads.
  await created(
    'coord.duty',
    '/api/channels',
    { kind: 'crisis', name: 'Matrix crisis room', memberIds: [userIds.get('isf.hebron')] },
    'channel',
  );
  for (const directoryChannels of ['standing', 'hotlines', 'working-groups'])
    expect((await t.call('admin', 'POST', `/api/channels/${directoryChannels}`, {})).statusCode).toBeLessThan(
      300,
    );
  // Commitments of both sides in WG-CID (C) and one in WG-NARCOTICS, raised by a member of both.
  const groups = (await t.call('pasf.police', 'GET', '/api/working-groups')).json() as {
    id: string;
    code: string;
  }[];
  const groupId = (code: string) => groups.find((group) => group.code === code)?.id;
  for (const [code, ownerParty, owner] of [
    ['WG-CID', 'PASF', 'pasf.police'],
    ['WG-CID', 'ISF', 'isf.supervisor'],
    ['WG-NARCOTICS', 'PASF', 'pasf.police'],
  ] as const)
    await created(
      'pasf.police',
      '/api/commitments',
      {
        group: groupId(code),
        title: `Matrix commitment ${code} ${ownerParty}`,
        doneMeans: 'Handed over',
        ownerParty,
        ownerId: userIds.get(owner),
        dueOn: '2027-01-15',
      },
      'commitment',
    );
  // One channel of each kind and audience (the demo has dozens alike).
  const all = await t.database.db
    .selectFrom('channels')
    .select(['id', 'kind', 'marking_parties', 'marking_level', 'request_id'])
    .orderBy('created_at')
    .execute();
  const shapes = new Map(
    all.map((row) => [
      `${row.kind} ${row.marking_parties} ${row.marking_level} ${row.request_id !== null}`,
      row.id,
    ]),
  );
  records.channel = [...new Set([...records.channel, ...shapes.values()])];

  for (const kind of Object.keys(DIRECTORY_KINDS) as (keyof typeof DIRECTORY_KINDS)[]) {
    const rows = await t.database.db.selectFrom(DIRECTORY_KINDS[kind]).select('id').execute();
    records[kind] = rows.map((row) => row.id).slice(0, 6);
  }
}, 120_000);
afterAll(() => t?.close());

interface Call {
  reader: Reader;
  route: Route;
  id: string;
  body: unknown;
}

async function send({ reader, route, id, body }: Call) {
  const url = pathOf(route.path, (name) =>
    name === 'id' || name === 'code'
      ? id
      : name === 'userId' // someone else: leaving a channel oneself is not removing a member
        ? (userIds.get(reader === 'isf.hebron' ? 'pasf.hebron' : 'isf.hebron') as string)
        : name === 'seq' || name === 'version'
          ? '1'
          : randomUUID(),
  );
  const query = new URLSearchParams();
  for (const parameter of route.query)
    if (parameter.required) query.set(parameter.name, String(sample(parameter.schema, randomUUID)));
  const response = await t.app.inject({
    method: route.method,
    url: query.size ? `${url}?${query}` : url,
    headers: {
      cookie: t.cookieOf(reader),
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
  });
  const code = response.headers['content-type']?.toString().startsWith('application/problem+json')
    ? (response.json().code as string)
    : undefined;
  return { status: response.statusCode, code, body: response.body };
}

/**
 * The actions the record's presenter states for the reader, each allowed or not
 * (a list names the allowed ones of a known vocabulary); null where its GET states none.
 */
async function actionsOf(reader: Reader, kind: Kind, id: string): Promise<Map<string, boolean> | null> {
  const url =
    kind in DIRECTORY_KINDS
      ? `/api/directory/${DIRECTORY_KINDS[kind as 'unit']}/${id}`
      : `/api/${kind}s/${id}`;
  const response = await t.call(reader, 'GET', url);
  if (response.statusCode !== 200) return null;
  const actions = response.json().actions as string[] | Record<string, boolean> | undefined;
  if (!actions) return null;
  if (!Array.isArray(actions)) return new Map(Object.entries(actions));
  const vocabulary: readonly string[] =
    kind === 'report'
      ? REPORT_ACTION_NAMES
      : kind === 'request'
        ? USER_ACTIONS
        : kind === 'submission'
          ? SUBMISSION_ACTION_NAMES
          : kind === 'consent'
            ? CONSENT_ACTION_NAMES
            : kind === 'commitment'
              ? COMMITMENT_ACTIONS
              : [];
  return new Map(vocabulary.map((name) => [name, actions.includes(name)]));
}

/** Every string in a JSON answer. */
function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) yield* stringsOf(item);
}

describe('the authorisation matrix', () => {
  it('has records of each party and marking to try', () => {
    expect(records.request.length).toBeGreaterThanOrEqual(6);
    expect(records.report.length).toBeGreaterThanOrEqual(5);
    expect(records.release.length).toBe(2);
    expect(records.submission.length).toBe(4);
    expect(records.consent.length).toBe(4);
    expect(records.commitment.length).toBe(3);
    expect(records.channel.length).toBeGreaterThanOrEqual(5);
    for (const kind of Object.keys(DIRECTORY_KINDS) as Kind[])
      expect(records[kind].length).toBeGreaterThan(0);
  });

  it('lists, searches and feeds name only records the reader may see', async () => {
    const kindById = new Map<string, Kind>();
    for (const [kind, ids] of Object.entries(records) as [Kind, string[]][])
      for (const id of ids) kindById.set(id, kind);
    const lists = routes.filter((route) => route.method === 'GET' && !route.path.includes('{'));
    expect(lists.length).toBeGreaterThan(15);
    const failures: string[] = [];
    let named = 0;
    for (const route of lists)
      for (const reader of READERS) {
        const query = new URLSearchParams();
        for (const parameter of route.query)
          if (parameter.required || parameter.name === 'q')
            query.set(
              parameter.name,
              parameter.name === 'q' ? 'matrix' : String(sample(parameter.schema, randomUUID)),
            );
        const url = query.size ? `${route.path}?${query}` : route.path;
        const response = await t.call(reader, 'GET', url);
        if (response.statusCode >= 500) failures.push(`${reader} GET ${url}: ${response.statusCode}`);
        if (response.statusCode !== 200) continue;
        for (const text of stringsOf(response.json())) {
          const kind = kindById.get(text);
          if (!kind) continue;
          named += 1;
          const reading = { oversight: route.path.startsWith('/api/audit/'), threads: true };
          if ((await sees(reader, kind, text, reading)) === false)
            failures.push(`${reader} GET ${url}: names the ${kind} ${text}, which they may not see`);
        }
      }
    expect(named).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers a record each reader may not see as one that does not exist, and a visible one as its actions allow', async () => {
    // Reads first, then writes; deletions last, so that the records are there to be read.
    const order = (route: Route) => ({ GET: 0, POST: 1, PATCH: 1, DELETE: 2 })[route.method];
    const recordRoutes = routes
      .filter((route) => kindOf(route.path) !== undefined)
      .sort((a, b) => order(a) - order(b));
    expect(recordRoutes.length).toBeGreaterThan(35);
    const failures: string[] = [];
    let hidden = 0;
    let visible = 0;
    // What a record that does not exist gets, by reader and route (the same for any id).
    const answersToMissing = new Map<string, Awaited<ReturnType<typeof send>>>();
    for (const route of recordRoutes) {
      const kind = kindOf(route.path) as Kind;
      for (const id of records[kind]) {
        for (const reader of READERS) {
          const body = sample(route.body, () => records.request[0] as string);
          const where = `${reader} ${route.method} ${route.path} on ${kind} ${id}`;
          if (!(await sees(reader, kind, id))) {
            hidden += 1;
            const key = `${reader} ${route.method} ${route.path}`;
            const missing =
              answersToMissing.get(key) ?? (await send({ reader, route, id: randomUUID(), body }));
            answersToMissing.set(key, missing);
            const before = await heads();
            const answer = await send({ reader, route, id, body });
            if (answer.status !== missing.status || answer.code !== missing.code)
              failures.push(
                `${where}: hidden answers ${answer.status} ${answer.code}, missing ${missing.status} ${missing.code}`,
              );
            if ((await heads()) !== before) failures.push(`${where}: a write on a hidden record was stored`);
            continue;
          }
          visible += 1;
          const allowed = route.method === 'GET' ? null : await actionsOf(reader, kind, id);
          const answer = await send({ reader, route, id, body });
          if (answer.status >= 500) failures.push(`${where}: ${answer.status} ${answer.body.slice(0, 200)}`);
          if (route.method === 'GET' && route.path.endsWith('{id}') && answer.status !== 200)
            failures.push(`${where}: visible, yet answers ${answer.status} ${answer.code}`);
          const action = actionOf(route, body);
          if (route.method !== 'GET' && answer.status < 300 && action && allowed?.get(action) === false)
            failures.push(`${where}: its actions do not allow ${action}, yet it answers ${answer.status}`);
        }
      }
    }
    expect(hidden).toBeGreaterThan(200);
    expect(visible).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses a route governed by an ability to every reader /api/me denies it, and stores nothing', async () => {
    const writes = routes.filter((route) => route.method !== 'GET' && kindOf(route.path) === undefined);
    const ungoverned = writes.filter(
      (route) =>
        !GATES.some(
          ([method, pattern]) => (method === 'ANY' || method === route.method) && pattern.test(route.path),
        ) && !OPEN.some((pattern) => pattern.test(route.path)),
    );
    expect(ungoverned.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    const failures: string[] = [];
    let refused = 0;
    for (const route of routes) {
      const gate = GATES.find(
        ([method, pattern]) => (method === 'ANY' || method === route.method) && pattern.test(route.path),
      );
      if (!gate) continue;
      for (const reader of READERS) {
        const abilities = (await t.call(reader, 'GET', '/api/me')).json().abilities as Abilities;
        if (abilities[gate[2]]) continue;
        refused += 1;
        const before = await heads();
        const body = sample(route.body, randomUUID);
        const id = route.path.includes('{code}') ? 'ISF' : (userIds.get('isf.hebron') as string);
        const answer = await send({ reader, route, id, body });
        if (answer.status < 400)
          failures.push(
            `${reader} ${route.method} ${route.path}: without ${gate[2]}, answers ${answer.status}`,
          );
        if (route.method !== 'GET' && (await heads()) !== before)
          failures.push(`${reader} ${route.method} ${route.path}: a refused write was stored`);
      }
    }
    expect(refused).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  }, 120_000);
});
