import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { TestInbox } from '../../../../test/support/test-inbox';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';
import type { Mailer } from '../notifications/mailer';

/**
 * E-mail about commitments (issue 16, item 4): the other side hears a delivery
 * waits for its confirmation, the owner hears of reminders, each in their own
 * language; an e-mail says only that, with the link: nothing of the
 * commitment (title, evidence) leaves by e-mail, and nobody outside the group
 * or of the owner's side gets one.
 */

const inbox = new TestInbox();
let t: TestApp;
const ids = new Map<string, string>();
const TITLE = 'Secret informant list of the Bab al-Zawiya case';
const EVIDENCE = 'Handed to Lt Col Mizrahi at the DCO, 12 names';

beforeAll(async () => {
  await inbox.start();
  t = await createTestApp({ env: { SMTP_URL: inbox.url, CONCORD_PUBLIC_URL: 'https://concord.example' } });
  t.clock.set(new Date('2027-06-01T09:00:00Z'));
  for (const [username, id] of await t.signInAll([
    'coord.gbr',
    'pasf.police',
    'isf.supervisor',
    'isf.police',
    'isf.hebron',
  ]))
    ids.set(username, id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await inbox.stop();
});

const mailer = () => t.app.services.mailer as Mailer;

describe('e-mail about commitments', () => {
  it('reaches the other side and the owner in their language, and says nothing of the commitment', async () => {
    const groups = (await t.call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
    const cid = groups.find((group) => group.code === 'WG-CID')?.id as string;
    const raised = await t.call('coord.gbr', 'POST', '/api/commitments', {
      group: cid,
      title: TITLE,
      doneMeans: 'The list is handed over in person',
      ownerParty: 'PASF',
      ownerId: ids.get('pasf.police'),
      dueOn: '2027-06-10',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id as string;
    const completed = await t.call('pasf.police', 'POST', `/api/commitments/${id}/transitions`, {
      action: 'complete',
      evidence: { text: EVIDENCE },
    });
    expect(completed.statusCode, completed.body).toBe(200);
    await mailer().sendDue();
    const about = (address: string) =>
      inbox.to(address).filter((mail) => mail.text.includes(`/commitments/${id}`));

    const [english] = about('isf.supervisor@isf.example');
    expect(english?.subject).toBe('The other party completed a commitment: please confirm the delivery');
    expect(english?.text).toContain(`https://concord.example/commitments/${id}`);
    const [hebrew] = about('isf.police@isf.example');
    expect(hebrew?.subject).toBe('הצד השני השלים התחייבות: נא לאשר את הביצוע');
    // The owner's side, the secretary and someone outside the group hear nothing of it.
    for (const address of ['pasf.police@pasf.example', 'coord.gbr@ussc.example', 'isf.hebron@isf.example'])
      expect(about(address), address).toEqual([]);

    // Past its due date, a commitment completed in time reminds nobody (its reminders are moot).
    t.clock.set(new Date('2027-06-12T09:00:00Z'));
    await t.app.services.commitmentReminders.fireDue();
    await mailer().sendDue();
    const owner = about('pasf.police@pasf.example');
    expect(owner.map((mail) => mail.subject)).toEqual([]);
    for (const mail of inbox.messages) {
      expect(mail.raw).not.toContain('Bab al-Zawiya');
      expect(mail.raw).not.toContain('Mizrahi at the DCO');
    }
  });

  it('reminds the owner of one still owed, in their language', async () => {
    // A fortnight on the fake clock ended the sessions: sign in again.
    await t.signInAll(['coord.gbr', 'pasf.police']);
    const groups = (await t.call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
    const cid = groups.find((group) => group.code === 'WG-CID')?.id as string;
    const raised = await t.call('coord.gbr', 'POST', '/api/commitments', {
      group: cid,
      title: TITLE,
      doneMeans: 'The list is handed over in person',
      ownerParty: 'PASF',
      ownerId: ids.get('pasf.police'),
      dueOn: '2027-06-20',
    });
    const id = raised.json().id as string;
    t.clock.set(new Date('2027-06-21T09:00:00Z'));
    await t.app.services.commitmentReminders.fireDue();
    await mailer().sendDue();
    const owner = inbox
      .to('pasf.police@pasf.example')
      .filter((mail) => mail.text.includes(`/commitments/${id}`));
    expect(owner.map((mail) => mail.subject).sort()).toEqual([
      'تجاوز التزام أنت مسؤول عنه موعده',
      'يقترب موعد التزام أنت مسؤول عنه',
      'يقترب موعد التزام أنت مسؤول عنه',
    ]);
    expect(inbox.to('isf.hebron@isf.example')).toEqual([]);
    for (const mail of owner) expect(mail.raw).not.toContain('Bab al-Zawiya');
  });
});
