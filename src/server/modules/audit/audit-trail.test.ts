import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { testEngine } from '../../../../test/support/test-database';
import type { AuditEntryDto } from '../../../core/audit/schemas';

/** Directory writes and reads of marked records land in the chain; the audit view is filtered by the access rule. */
describe(`the audit trail of the directory (${testEngine()})`, () => {
  let t: TestApp;
  let admin = '';
  let coordUsa = '';
  let coordGbr = '';

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const entries = async (cookie: string, query = '') =>
    ((await call(cookie, 'GET', `/api/audit/entries${query}`)).json() as { entries: AuditEntryDto[] })
      .entries;
  const names = { en: 'Audit desk', ar: 'مكتب', he: 'שולחן' };

  beforeAll(async () => {
    t = await createTestApp();
    [admin, coordUsa, coordGbr] = await Promise.all([
      t.login('admin'),
      t.login('coord.duty'),
      t.login('coord.gbr'),
    ]);
  });
  afterAll(() => t?.close());

  it('records who changed what in the directory, from where, with digests before and after', async () => {
    const desk = (
      await call(admin, 'POST', '/api/directory/desks', { code: 'AUDIT-DESK', partyCode: 'USSC', names })
    ).json();
    await call(admin, 'PATCH', `/api/directory/desks/${desk.id}`, { phone: '+972 2 555 0100' });
    const trail = await entries(admin, `?subjectId=${desk.id}`);
    expect(trail.map((entry) => entry.action)).toEqual(['desk.updated', 'desk.created']);
    const [updated, created] = trail as [AuditEntryDto, AuditEntryDto];
    expect(created).toMatchObject({
      actor: { username: 'admin', party: 'USSC' },
      ip: '127.0.0.1',
      beforeDigest: null,
    });
    expect(updated.beforeDigest).toBe(created.afterDigest);
    expect(updated.afterDigest).not.toBe(updated.beforeDigest);
    expect(updated.prevHash).toBe(created.hash);
  });

  it('records reads of records marked above the lowest level, and shows them only to those who may see the record', async () => {
    const deskId = (
      (await call(coordUsa, 'GET', '/api/directory/users')).json() as {
        username: string;
        deskIds: string[];
      }[]
    ).find((person) => person.username === 'coord.duty')?.deskIds[0] as string;
    const secret = (
      await call(coordUsa, 'POST', `/api/directory/desks/${deskId}/handover-notes`, {
        body: 'Source says',
        marking: { classification: 'SECRET//NOFORN' },
      })
    ).json();
    const plain = (
      await call(coordUsa, 'POST', `/api/directory/desks/${deskId}/handover-notes`, {
        body: 'Coffee machine fixed',
        marking: { classification: 'U' },
      })
    ).json();
    await call(coordUsa, 'GET', `/api/directory/handover-notes/${secret.id}`);
    await call(coordUsa, 'GET', `/api/directory/handover-notes/${plain.id}`);

    const aboutSecret = await entries(coordUsa, `?subjectId=${secret.id}`);
    expect(aboutSecret.map((entry) => entry.action)).toEqual(['record.read', 'handover-note.created']);
    expect(aboutSecret[0]?.marking.banner).toBe('SECRET//NOFORN');
    expect((await entries(coordUsa, `?subjectId=${plain.id}`)).map((entry) => entry.action)).toEqual([
      'handover-note.created',
    ]);

    // A GBR coordinator may see neither the note nor anything the log says about it.
    expect(await entries(coordGbr, `?subjectId=${secret.id}`)).toEqual([]);
    const seq = aboutSecret[0]?.seq as number;
    expect((await call(coordGbr, 'GET', `/api/audit/entries/${seq}`)).statusCode).toBe(404);
    expect((await call(coordUsa, 'GET', `/api/audit/entries/${seq}`)).statusCode).toBe(200);
  });

  it('hides the audit view from everyone but administrators and coordinators', async () => {
    for (const username of ['isf.supervisor', 'pasf.hebron']) {
      const response = await call(await t.login(username), 'GET', '/api/audit/entries');
      expect(response.statusCode).toBe(404);
    }
  });

  it('records account events: sign-in from where, failed sign-in, password change, account creation by whom', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pasf.hebron', password: 'not the password at all' },
    });
    const officer = await t.login('pasf.hebron');
    await call(officer, 'POST', '/api/me/password', {
      currentPassword: 'demo-password-2026',
      newPassword: 'a new and long passphrase 77',
    });
    const created = (
      await call(admin, 'POST', '/api/directory/users', {
        username: 'audit.new',
        displayName: 'New',
        password: 'correct horse battery staple 42',
        nationality: 'GBR',
        partyCode: 'USSC',
      })
    ).json();

    const people = (await call(admin, 'GET', '/api/directory/users')).json() as {
      id: string;
      username: string;
    }[];
    const pasfId = people.find((person) => person.username === 'pasf.hebron')?.id as string;
    const aboutPasf = (await entries(coordGbr, `?subjectId=${pasfId}`)).map(
      (entry) => `${entry.action} by ${entry.actor.username}`,
    );
    expect(aboutPasf).toEqual(
      expect.arrayContaining([
        'user.sign-in-failed by system',
        'user.signed-in by pasf.hebron',
        'user.password-changed by pasf.hebron',
      ]),
    );
    const [creation] = await entries(admin, `?subjectId=${created.id}&action=user.created`);
    expect(creation).toMatchObject({
      actor: { username: 'admin' },
      ip: '127.0.0.1',
      marking: { parties: ['USSC'] },
    });
  });

  it('keeps a chain that verifies after all of it', async () => {
    const report = await t.app.services.audit.verify();
    expect(report).toMatchObject({ ok: true });
  });
});
