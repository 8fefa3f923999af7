import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import ar from '../../src/web/locales/ar.json';
import en from '../../src/web/locales/en.json';
import he from '../../src/web/locales/he.json';
import { BROWSER_JOURNEY, chromiumPath } from '../support/browser';
import {
  checkPage,
  chooseLanguage,
  htmlDirection,
  openPage as openPageOf,
  signIn,
} from '../support/e2e-pages';
import { serveBrowserTests } from '../support/e2e-server';

const e2e = serveBrowserTests();
const openPage = () => openPageOf(e2e);

/** Long enough for a live event to bring what another browser did, without a reload. */
const LIVE = { timeout: 20_000 };

const GROUP = {
  en: 'Criminal Investigations working group',
  ar: 'مجموعة عمل التحقيقات الجنائية',
  he: 'קבוצת העבודה לחקירות פליליות',
};
const TITLE = 'Burglaries across the H1/H2 line';
const OVERDUE = 'Return the seized vehicles of case 4471';
const PROMISE = 'Share the burglary case files of H1 every week';

// The minutes: an Arabic and a Hebrew section; the Hebrew one is changed at PASF's request.
const AR_HEADING = 'البند 1: السرقات عبر خط H1/H2';
const AR_TEXT = 'عرضت الشرطة المدنية الفلسطينية ملفات 12 قضية سرقة في الخليل H1.';
const DECISION = 'تبادل أسبوعي لملفات قضايا السرقة عبر المنسق';
const HE_HEADING = 'סעיף 2: סיורים משותפים';
const HE_TEXT = 'הוסכם על סיור משותף ברחוב השוהדא פעמיים בשבוע';
const HE_EDITED = 'הוסכם על סיור משותף ברחוב השוהדא שלוש פעמים בשבוע';
const CHANGE = 'الدوريات ثلاث مرات في الأسبوع لا مرتين';

// A PDF the server's sniffer recognises: the evidence that the promise was kept.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A date `days` from the server's today (its clock stands still in tests), YYYY-MM-DD. */
const inDays = (days: number) =>
  new Date(e2e.t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** An ISF commitment of WG-CID already past its due date, raised over the API: it must reach the agenda by itself. */
async function overdueCommitment() {
  const ids = await e2e.t.signInAll(['coord.gbr', 'isf.police']);
  const groups = (await e2e.t.call('coord.gbr', 'GET', '/api/working-groups')).json() as {
    id: string;
    code: string;
  }[];
  const response = await e2e.t.call('coord.gbr', 'POST', '/api/commitments', {
    group: groups.find((group) => group.code === 'WG-CID')?.id,
    title: OVERDUE,
    doneMeans: 'The vehicles are back with their owners in H2',
    ownerParty: 'ISF',
    ownerId: ids.get('isf.police'),
    dueOn: inDays(-3),
  });
  expect(response.statusCode, response.body).toBe(201);
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function openGroup(page: Page, navigation: string, nav: string, group: string) {
  await page
    .getByRole('navigation', { name: navigation })
    .getByRole('link', { name: nav, exact: true })
    .click();
  await page.getByRole('link', { name: group }).click();
  await page.getByRole('heading', { name: group, level: 1 }).waitFor();
}

describe.runIf(chromiumPath)('meetings of a working group in three browsers', BROWSER_JOURNEY, () => {
  it('the secretary (English) schedules a meeting of WG-CID; the ISF chair (Hebrew) and the PASF chair (Arabic) accept, sign its minutes after a change, and settle the commitment made in it', async () => {
    await overdueCommitment();
    const secretary = await openPage();
    const isf = await openPage();
    const pasf = await openPage();
    try {
      // Both chairs keep the group's page open, each in their language.
      await signIn(isf.page, 'isf.supervisor');
      await chooseLanguage(isf.page, en.language.menu, 'עברית');
      await openGroup(isf.page, he.shell.navigation, he.nav.workingGroups, GROUP.he);
      expect(await htmlDirection(isf.page)).toBe('rtl');
      await signIn(pasf.page, 'pasf.supervisor');
      await chooseLanguage(pasf.page, en.language.menu, 'العربية');
      await openGroup(pasf.page, ar.shell.navigation, ar.nav.workingGroups, GROUP.ar);

      // The secretary schedules it; a meeting ending before it starts is refused beside the field first.
      await signIn(secretary.page, 'coord.gbr');
      await openGroup(secretary.page, en.shell.navigation, en.nav.workingGroups, GROUP.en);
      await secretary.page.getByRole('button', { name: en.meetings.schedule }).click();
      const dialog = secretary.page.getByRole('dialog');
      await dialog.getByLabel(en.meetings.form.title).fill(TITLE);
      await dialog.getByLabel(en.meetings.form.starts).fill('2027-01-14T10:00');
      await dialog.getByLabel(en.meetings.form.ends).fill('2027-01-14T09:00');
      await dialog.getByLabel(en.meetings.form.place).fill('DCO Hebron, meeting room 2');
      await checkPage(secretary.page, 'meeting-schedule-form-en');
      await dialog.getByRole('button', { name: en.meetings.form.submit }).click();
      await dialog.getByText(en.errors.meeting_ends_before_start).first().waitFor();
      await dialog.getByLabel(en.meetings.form.ends).fill('2027-01-14T12:00');
      await dialog.getByRole('button', { name: en.meetings.form.submit }).click();
      await secretary.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      // In English, on Jerusalem's clock, the zone named.
      await secretary.page
        .getByText(/Asia\/Jerusalem/)
        .first()
        .waitFor();
      await checkPage(secretary.page, 'meeting-page-en');

      // Both chairs see it arrive without a reload, open it and accept.
      const isfLink = isf.page.getByRole('link', { name: TITLE });
      await isfLink.waitFor(LIVE);
      await isfLink.click();
      await isf.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await isf.page.getByRole('button', { name: he.meetings.respond.accepted }).click();
      await isf.page
        .getByText(he.meetings.yourResponse.replace('{{response}}', he.meetings.responses.accepted))
        .waitFor();
      await checkPage(isf.page, 'meeting-page-he');

      const pasfLink = pasf.page.getByRole('link', { name: TITLE });
      await pasfLink.waitFor(LIVE);
      await pasfLink.click();
      await pasf.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      expect(await htmlDirection(pasf.page)).toBe('rtl');
      await pasf.page.getByRole('button', { name: ar.meetings.respond.accepted }).click();
      await pasf.page
        .getByText(ar.meetings.yourResponse.replace('{{response}}', ar.meetings.responses.accepted))
        .waitFor();
      await checkPage(pasf.page, 'meeting-page-ar');

      // The secretary's page shows both answers live, per party.
      const invitations = secretary.page.locator('#meeting-invitations');
      await expect
        .poll(
          async () => invitations.getByText(en.meetings.responses.accepted, { exact: true }).count(),
          LIVE,
        )
        .toBe(2);

      // The overdue commitment is on the meeting's agenda by itself, marked overdue.
      const carried = secretary.page.locator('#meeting-carried');
      await carried.getByRole('link', { name: OVERDUE }).waitFor();
      await carried.getByText(en.commitments.overdue, { exact: true }).first().waitFor();

      // The secretary writes the minutes: an Arabic section with a decision, a Hebrew section; then circulates them.
      const minutes = secretary.page.locator('#meeting-minutes');
      await minutes.getByRole('button', { name: en.minutes.write }).click();
      await minutes.getByLabel(en.minutes.heading).first().fill(AR_HEADING);
      await minutes.getByLabel(en.minutes.text).first().fill(AR_TEXT);
      await minutes.getByLabel(en.minutes.decisionsInput).first().fill(DECISION);
      await minutes.getByRole('button', { name: en.minutes.addSection }).click();
      await minutes.getByLabel(en.minutes.heading).nth(1).fill(HE_HEADING);
      await minutes.getByLabel(en.minutes.text).nth(1).fill(HE_TEXT);
      await minutes.getByRole('button', { name: en.minutes.save }).click();
      await minutes.getByText(DECISION).waitFor();
      await minutes.getByRole('button', { name: en.minutes.circulate }).click();
      await minutes.getByText(en.minutes.status.circulated).waitFor();

      // A commitment is made in the meeting: PASF shares the case files, due in two weeks.
      const made = secretary.page.locator('#meeting-commitments');
      await made.getByRole('button', { name: en.commitments.raise }).click();
      const raise = secretary.page.getByRole('dialog');
      await raise.getByLabel(en.commitments.titleField).fill(PROMISE);
      await raise
        .getByLabel(en.commitments.doneMeans)
        .fill('The files reach the ISF investigators through the coordinator');
      await raise.getByLabel(en.commitments.party, { exact: true }).selectOption('PASF');
      await raise.getByLabel(new RegExp(`^${en.commitments.owner}( \\*)?$`)).selectOption({ index: 1 });
      await raise.getByLabel(en.commitments.dueOn).fill(inDays(14));
      await raise.getByRole('button', { name: en.commitments.raise }).click();
      await raise.waitFor({ state: 'detached' });
      await made.getByRole('link', { name: PROMISE }).waitFor();

      // The ISF chair, on the meeting's page, sees the minutes arrive and signs version 1 in Hebrew.
      const isfMinutes = isf.page.locator('#meeting-minutes');
      await isfMinutes.getByText(AR_TEXT).waitFor(LIVE);
      await isfMinutes.getByRole('button', { name: he.minutes.sign.replace('{{version}}', '1') }).click();
      await expect
        .poll(() =>
          isfMinutes.getByRole('button', { name: he.minutes.sign.replace('{{version}}', '1') }).count(),
        )
        .toBe(0);

      // The PASF chair asks for a change instead of signing, in Arabic.
      const pasfMinutes = pasf.page.locator('#meeting-minutes');
      await pasfMinutes.getByText(HE_TEXT).waitFor(LIVE);
      await pasfMinutes.getByRole('button', { name: ar.minutes.askForChange }).click();
      await pasfMinutes.getByLabel(ar.minutes.changeNote.replace('{{version}}', '1')).fill(CHANGE);
      await pasfMinutes.getByRole('button', { name: ar.minutes.sendChangeRequest }).click();
      await pasfMinutes.getByText(CHANGE).waitFor();
      await checkPage(pasf.page, 'minutes-change-asked-ar');

      // The secretary sees the request live and edits: saving voids ISF's signature of version 1.
      await minutes.getByText(CHANGE).waitFor(LIVE);
      await minutes.getByRole('button', { name: en.minutes.edit }).click();
      await minutes.getByText(en.minutes.editVoids).waitFor();
      await minutes.getByLabel(en.minutes.text).nth(1).fill(HE_EDITED);
      await minutes.getByRole('button', { name: en.minutes.save }).click();
      await minutes.getByText(HE_EDITED).waitFor();
      await minutes.getByText(en.minutes.version.replace('{{version}}', '2')).first().waitFor();
      // The version history shows the change word by word.
      await minutes.getByRole('button', { name: en.minutes.history }).click();
      await minutes.getByRole('button', { name: en.minutes.version.replace('{{version}}', '2') }).click();
      await minutes.locator('ins', { hasText: 'שלוש' }).first().waitFor();
      await minutes.locator('del', { hasText: 'פעמיים' }).first().waitFor();
      await checkPage(secretary.page, 'minutes-history-en');

      // Both chairs sign version 2; the minutes are signed and read-only.
      await isfMinutes.getByText(HE_EDITED).waitFor(LIVE);
      await isfMinutes.getByRole('button', { name: he.minutes.sign.replace('{{version}}', '2') }).click();
      await pasfMinutes.getByText(HE_EDITED).waitFor(LIVE);
      await pasfMinutes.getByRole('button', { name: ar.minutes.sign.replace('{{version}}', '2') }).click();
      await pasfMinutes.getByText(ar.minutes.status.signed).waitFor();
      await isfMinutes.getByText(he.minutes.status.signed).waitFor(LIVE);
      expect(await isfMinutes.getByRole('button', { name: he.minutes.edit }).count()).toBe(0);
      await checkPage(isf.page, 'meeting-minutes-signed-he');
      await checkPage(pasf.page, 'meeting-minutes-signed-ar');

      // Later the PASF chair completes the commitment with a file as evidence...
      await pasf.page.locator('#meeting-commitments').getByRole('link', { name: PROMISE }).click();
      await pasf.page.getByRole('heading', { name: PROMISE, level: 1 }).waitFor();
      await pasf.page.locator('#commitment-evidence input[type="file"]').setInputFiles({
        name: 'ملفات القضايا.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await pasf.page.getByRole('button', { name: ar.commitments.addEvidenceFile }).click();
      await pasf.page.getByRole('link', { name: 'ملفات القضايا.pdf' }).waitFor();
      await pasf.page.getByRole('button', { name: ar.commitments.actions.complete, exact: true }).click();
      const complete = pasf.page.getByRole('dialog');
      await complete.getByRole('button', { name: ar.commitments.actions.complete, exact: true }).click();
      await complete.waitFor({ state: 'detached' });
      await pasf.page.getByText(ar.commitments.awaitingConfirmation, { exact: true }).first().waitFor();

      // ...and the ISF chair, who is told, confirms the delivery in Hebrew.
      await isf.page.goto(new URL(pasf.page.url()).pathname);
      await isf.page.getByRole('link', { name: 'ملفات القضايا.pdf' }).waitFor();
      await isf.page.getByRole('button', { name: he.commitments.actions.confirm }).click();
      await isf.page.getByText(he.commitments.confirmed, { exact: true }).first().waitFor();
      await pasf.page.getByText(ar.commitments.confirmed, { exact: true }).first().waitFor(LIVE);

      // On a 360-pixel phone, in Arabic, the meeting page fits without sideways scrolling.
      await pasf.page.goBack();
      await pasf.page.setViewportSize({ width: 360, height: 740 });
      // As a phone opens it: the text areas' hidden measuring copy keeps the desktop width until a reload.
      await pasf.page.reload();
      await pasf.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      // The layout settles after the resize (the shell's navigation folds away): wait for it, then measure.
      await expect.poll(() => noSidewaysScroll(pasf.page), { timeout: 5_000 }).toBeLessThanOrEqual(0);
      await checkPage(pasf.page, 'meeting-page-phone-ar');

      for (const { errors } of [secretary, isf, pasf]) expect(errors).toEqual([]);
    } finally {
      await secretary.close();
      await isf.close();
      await pasf.close();
    }
  });
});
