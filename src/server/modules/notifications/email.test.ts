import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoDeployment, type TestApp } from '../../../../test/support/test-app';
import { TestInbox } from '../../../../test/support/test-inbox';
import type { RequestDetail } from '../../../core/requests/schemas';
import { deploymentContext } from '../../platform/deployment-context';
import { MAX_ATTEMPTS, Mailer, retryDelay, smtpTransport } from './mailer';
import { NotificationsService } from './notifications.service';

const MINUTE = 60_000;
const PUBLIC_URL = 'https://concord.ussc.example';
const PASF_HEBRON = 'pasf.hebron@pasf.example';
const PASF_SUPERVISOR = 'pasf.supervisor@pasf.example';
const COORD_DUTY = 'coord.duty@ussc.example';

/** Words from a request's fields and thread: none of them may ever leave in an e-mail. */
const SECRETS = {
  who: 'Yusuf Qawasmeh-7731',
  description: 'Green scarf 4410',
  lastKnownLocation: 'Wadi al-Hussein 9931',
  comment: 'Vehicle plate 58-231-77',
};

const inbox = new TestInbox();
let t: TestApp;
let hebron: { id: string; names: { en: string; ar: string; he: string } };

beforeAll(async () => {
  await inbox.start();
  t = await createTestApp({ env: { SMTP_URL: inbox.url, CONCORD_PUBLIC_URL: PUBLIC_URL } });
  for (const user of ['isf.hebron', 'pasf.hebron', 'coord.duty', 'admin']) await t.signIn(user);
  const districts = (await call('isf.hebron', 'GET', '/api/directory/districts')).json() as (typeof hebron & {
    code: string;
  })[];
  hebron = districts.find((district) => district.code === 'HEBRON') as typeof hebron;
  // The PASF Hebron desk officer reads Concord in Arabic: so must their e-mail be.
  expect((await call('pasf.hebron', 'PATCH', '/api/me', { language: 'ar' })).statusCode).toBe(200);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await inbox.stop();
});

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function submitSafeReturn(
  options: { priority?: string; classification?: string } = {},
): Promise<RequestDetail> {
  const response = await call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: hebron.id,
    ...(options.priority && { priority: options.priority }),
    ...(options.classification && { marking: { classification: options.classification } }),
    fields: {
      who: SECRETS.who,
      description: SECRETS.description,
      lastKnownLocation: SECRETS.lastKnownLocation,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const userIdOf = async (user: string) => (await call(user, 'GET', '/api/me')).json().user.id as string;

const mailer = () => t.app.services.mailer as Mailer;
const about = (request: RequestDetail) => (address: string) =>
  inbox.to(address).filter((message) => message.subject.includes(request.reference));

/** Moves the fake clock to `minutes` after `start`, firing deadlines and sending mail at each minute. */
async function runClock(start: number, toMinute: number) {
  for (let minute = 0; minute <= toMinute; minute += 1) {
    t.clock.set(new Date(start + minute * MINUTE));
    await t.app.services.deadlines.fireDue();
    await mailer().sendDue();
  }
}

function outboxOf(requestId: string) {
  return t.database.db
    .selectFrom('email_outbox as o')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .selectAll('o')
    .where('n.request_id', '=', requestId)
    .orderBy('o.created_at')
    .execute();
}

describe('an e-mail about a request', () => {
  let request: RequestDetail;

  beforeAll(async () => {
    request = await submitSafeReturn({ priority: 'critical' });
    await call('isf.hebron', 'POST', `/api/requests/${request.id}/comments`, { body: SECRETS.comment });
    await t.app.services.deadlines.fireDue();
    await mailer().sendDue();
  });

  it('reaches the desk officer on duty, once, in their language, from the configured sender', async () => {
    const mails = about(request)(PASF_HEBRON);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const safeReturn = (await demoDeployment()).requestTypes.find((type) => type.code === 'safe-return');
    expect(mail?.subject).toBe(
      `[حرج] طلب جديد لمكتبك: ${request.reference} · ${safeReturn?.names.ar} · ${hebron.names.ar}`,
    );
    expect(mail?.text).toContain(`الأولوية: حرج`);
    expect(mail?.text).toContain(`المحافظة: ${hebron.names.ar}`);
    expect(mail?.text).toContain(`${PUBLIC_URL}/requests/${request.id}`);
    expect(mail?.headers.get('from')).toBe('concord@localhost');
  });

  it('carries none of what the request says: no field values, no summary, no comments', () => {
    const [mail] = about(request)(PASF_HEBRON);
    for (const secret of Object.values(SECRETS)) {
      expect(mail?.raw).not.toContain(secret);
      expect(mail?.subject).not.toContain(secret);
      expect(mail?.text).not.toContain(secret);
    }
    expect(mail?.text).not.toContain(request.summary);
  });
});

describe('who is e-mailed', () => {
  it('nobody who may not see the request: the coordinator step skips a duty officer cleared below it', async () => {
    const coordDuty = await userIdOf('coord.duty');
    const setClearance = (clearance: string) =>
      call('admin', 'PATCH', `/api/directory/users/${coordDuty}`, { clearance });
    expect((await setClearance('U')).statusCode).toBe(200);
    try {
      const open = await submitSafeReturn({ priority: 'critical', classification: 'UNCLASSIFIED' });
      const confidential = await submitSafeReturn({ priority: 'critical', classification: 'CONFIDENTIAL' });
      const start = Math.max(...[open, confidential].map((request) => Date.parse(request.submittedAt ?? '')));
      await runClock(start, 10);

      // Both reached the desk and, escalated, the PASF supervisors; only the unclassified one the coordinator.
      for (const request of [open, confidential]) {
        expect(about(request)(PASF_HEBRON).length).toBeGreaterThan(0);
        expect(about(request)(PASF_SUPERVISOR).length).toBeGreaterThan(0);
      }
      expect(about(open)(COORD_DUTY).length).toBeGreaterThan(0);
      expect(about(confidential)(COORD_DUTY)).toEqual([]);
    } finally {
      await setClearance('S');
    }
  });

  it('nobody at all when no SMTP server is configured: notifications alone, no outbox rows', async () => {
    const request = await submitSafeReturn();
    const withoutEmail = new NotificationsService(t.database.db, deploymentContext(await demoDeployment()));
    const pasfHebron = await userIdOf('pasf.hebron');
    const before = (await outboxOf(request.id)).length;
    await t.app.services.change(null, 'test.notified', (unit) =>
      withoutEmail.notify(unit, [pasfHebron], {
        kind: 'request.escalated',
        requestId: request.id,
        priority: 'critical',
        at: unit.now,
      }),
    );
    expect((await outboxOf(request.id)).length).toBe(before);
  });
});

describe('an e-mail about a channel message or a report', () => {
  it('says only that something waits, and where, in the reader’s language', async () => {
    await t.signIn('ussc.chief');
    const room = await call('coord.duty', 'POST', '/api/channels', {
      kind: 'crisis',
      name: 'Extraction of source 7731',
      memberIds: [await userIdOf('pasf.hebron')],
    });
    expect(room.statusCode, room.body).toBe(201);
    const channelId = room.json().id as string;
    const posted = await call('coord.duty', 'POST', `/api/channels/${channelId}/messages`, {
      body: SECRETS.comment,
      urgent: true,
      idempotencyKey: 'email-test-urgent-1',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    t.clock.advance(300_000);
    await t.app.services.channelAlerts.fireDue();
    await mailer().sendDue();
    const [alert] = inbox.to(PASF_HEBRON).filter((mail) => mail.text.includes(`/channels/${channelId}`));
    expect(alert?.subject).toBe('رسالة عاجلة بانتظار إقرارك باستلامها');
    expect(alert?.text).toContain(`${PUBLIC_URL}/channels/${channelId}`);
    expect(JSON.stringify(alert)).not.toMatch(/7731|58-231-77|Extraction/);

    const report = await call('coord.duty', 'POST', '/api/reports', {
      title: 'Source 7731 moved to Hebron',
      paragraphs: [{ text: SECRETS.comment, marking: { classification: '(S//NF)' } }],
    });
    const reportId = report.json().id as string;
    await call('coord.duty', 'POST', `/api/reports/${reportId}/submit`, {});
    await mailer().sendDue();
    const [review] = inbox.to('ussc.chief@ussc.example').filter((mail) => mail.text.includes(reportId));
    expect(review?.subject).toBe('A report awaits your review');
    expect(JSON.stringify(review)).not.toMatch(/7731|58-231-77/);
  });
});

describe('sending', () => {
  it('backs off while the SMTP server is down, then sends once when it is back', async () => {
    await inbox.stop();
    const request = await submitSafeReturn({ priority: 'routine' });
    const start = Date.parse(request.submittedAt ?? '');
    t.clock.set(new Date(start));
    await t.app.services.deadlines.fireDue();
    expect(await mailer().sendDue()).toBe(0);

    const [failed] = await outboxOf(request.id);
    expect(failed).toMatchObject({ attempts: 1, sent_at: null });
    expect(failed?.last_error).toBeTruthy();
    expect(failed?.next_attempt_at).toEqual(new Date(start + retryDelay(1)));

    await inbox.start(); // back, on the same port
    expect(await mailer().sendDue()).toBe(0); // not before its retry time
    t.clock.set(new Date(start + retryDelay(1)));
    await mailer().sendDue();
    t.clock.set(new Date(start + 3 * MINUTE));
    await mailer().sendDue();

    const [sent] = await outboxOf(request.id);
    expect(sent).toMatchObject({ attempts: 2, last_error: null, next_attempt_at: null });
    expect(sent?.sent_at).toEqual(new Date(start + retryDelay(1)));
    expect(about(request)(PASF_HEBRON)).toHaveLength(1);
  });

  it('gives up after the last try, keeping the error', async () => {
    await inbox.stop();
    try {
      const request = await submitSafeReturn({ priority: 'routine' });
      const start = Date.parse(request.submittedAt ?? '');
      t.clock.set(new Date(start));
      await t.app.services.deadlines.fireDue();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt += 1) {
        await mailer().sendDue();
        t.clock.advance(retryDelay(attempt));
      }
      const [row] = await outboxOf(request.id);
      expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, sent_at: null, next_attempt_at: null });
      expect(row?.last_error).toBeTruthy();
    } finally {
      await inbox.start();
    }
  });

  it('sends each message once when two instances race for the outbox', async () => {
    await t.signIn('isf.hebron'); // the hours of retries outlasted the session
    const requests = await Promise.all([1, 2, 3].map(() => submitSafeReturn({ priority: 'routine' })));
    t.clock.set(new Date(Math.max(...requests.map((request) => Date.parse(request.submittedAt ?? '')))));
    await t.app.services.deadlines.fireDue();
    const other = new Mailer(t.database.db, t.clock, smtpTransport(inbox.url), 'concord@localhost');
    try {
      await Promise.all([mailer().sendDue(), other.sendDue(), mailer().sendDue(), other.sendDue()]);
    } finally {
      other.close();
    }
    for (const request of requests) {
      const rows = await outboxOf(request.id);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.sent_at).not.toBeNull();
        expect(row.attempts).toBe(1);
        const copies = inbox.messages.filter((message) =>
          message.headers.get('message-id')?.includes(row.id),
        );
        expect(copies).toHaveLength(1);
      }
    }
  });
});

describe('retry delays', () => {
  it('double from 30 seconds up to an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 10].map(retryDelay)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});
