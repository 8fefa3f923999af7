import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type DatabaseTarget, type Db, openDatabase } from '../src/server/platform/db/database';

/** What the crash and failover trials share: an HTTP client of the demo's officers, the database, the audit check. */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TRIAL_PASSWORD = 'trial-password-2026';

export type Call = (user: string, method: string, path: string, body?: unknown) => Promise<Response>;

/** Signs the demo's officers in once (sessions live in the database: they outlast restarts and serve every instance). */
export function officers(base: () => string) {
  // \`base\` may answer another instance at each call (a load balancer): one call, one instance.
  const cookies = new Map<string, string>();
  const call = (cookie: string, method: string, path: string, body?: unknown) => {
    const origin = base();
    return fetch(`${origin}${path}`, {
      method,
      headers: {
        cookie,
        origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  return {
    cookieOf: (user: string) => cookies.get(user) as string,
    async signIn(users: readonly string[]) {
      for (const username of users) {
        const response = await fetch(`${base()}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: TRIAL_PASSWORD }),
        });
        if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
        cookies.set(username, (response.headers.get('set-cookie') ?? '').split(';')[0] as string);
      }
    },
    call: ((user, method, path, body) => call(cookies.get(user) as string, method, path, body)) as Call,
  };
}

/** The Hebron district's id. */
export async function hebron(call: Call): Promise<string> {
  const districts = (await (await call('isf.hebron', 'GET', '/api/directory/districts')).json()) as {
    id: string;
    code: string;
  }[];
  return districts.find((district) => district.code === 'HEBRON')?.id as string;
}

/** Opens the servers' database for the trial's own checks (the embedded one only while no server runs). */
export async function withDatabase<T>(target: DatabaseTarget, work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Moves up to `count` pending request deadlines (escalations, repeats, breaches) to `dueAt`; answers their ids. */
export async function moveDeadlines(db: Db, count: number, dueAt: Date): Promise<string[]> {
  const pending = await db
    .selectFrom('request_deadlines')
    .select('id')
    .where('fired_at', 'is', null)
    .where('kind', 'in', ['escalate', 'realert', 'breach', 'breach-escalate'])
    .where('due_at', '>', dueAt)
    .orderBy(sql`random()`)
    .limit(count)
    .execute();
  const ids = pending.map((row) => row.id);
  if (ids.length > 0)
    await db.updateTable('request_deadlines').set({ due_at: dueAt }).where('id', 'in', ids).execute();
  return ids;
}

/**
 * Checks the durable timers: of `due`, those not fired yet (lost, if they
 * should have fired by now); and every request whose fired escalations,
 * repeats, breaches and breach steps differ from the marks they left in its
 * history (a timer fired twice, or half fired).
 */
export async function deadlineFindings(db: Db, due: readonly string[]) {
  const unfired = due.length
    ? (
        await db
          .selectFrom('request_deadlines')
          .select('id')
          .where('id', 'in', [...due])
          .where('fired_at', 'is', null)
          .execute()
      ).map((row) => row.id)
    : [];
  const counts = await sql<{ request_id: string; fired: string; marks: string }>`
    select r.id as request_id,
      (select count(*) from request_deadlines d
        where d.request_id = r.id and d.outcome = 'fired'
          and d.kind in ('escalate', 'realert', 'breach', 'breach-escalate')) as fired,
      (select count(*) from request_history h
        where h.request_id = r.id and h.kind in ('escalation', 'breach')) as marks
    from requests r`.execute(db);
  const mismatched = counts.rows
    .filter((row) => Number(row.fired) !== Number(row.marks))
    .map(
      (row) =>
        `request ${row.request_id} has ${row.fired} fired deadlines but ${row.marks} marks in its history`,
    );
  return { unfired, mismatched };
}

/** `concord audit verify` against the servers' database, as an operator would run it. */
export function auditVerify(env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/concord.ts', 'audit', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => resolve({ ok: code === 0 && output.includes('Audit log intact'), output }));
  });
}

/** Runs `step` again and again until `stopped`; answers how many calls got no answer (a kill or an outage cut them). */
export async function writer(stopped: () => boolean, step: (n: number) => Promise<void>): Promise<number> {
  let unanswered = 0;
  for (let n = 1; !stopped(); n += 1) {
    try {
      await step(n);
    } catch {
      unanswered += 1;
      // The server is gone for now: do not spin.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Yield to timers: a step with nothing to do would otherwise spin on microtasks alone.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return unanswered;
}
