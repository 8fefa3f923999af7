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
  it('the secretary schedules a meeting of WG-CID in English; the ISF chair (Hebrew) and the PASF chair (Arabic) see it arrive and accept', async () => {
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

      // On a 360-pixel phone, in Arabic, the meeting page fits without sideways scrolling.
      await pasf.page.setViewportSize({ width: 360, height: 740 });
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
