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

const GROUP_EN = 'Criminal Investigations working group';
const TITLE = 'Hand over the forensic report of the Bab al-Zawiya stabbing';
const EVIDENCE = 'سُلّم التقرير الجنائي إلى الشرطة الإسرائيلية عبر المنسق في ١٢ كانون الثاني';

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function openBoard(page: Page, navigation: string, nav: string) {
  await page
    .getByRole('navigation', { name: navigation })
    .getByRole('link', { name: nav, exact: true })
    .click();
}

describe.runIf(chromiumPath)('commitments of a working group in three browsers', BROWSER_JOURNEY, () => {
  it('a commitment of PASF in WG-CID is raised, completed with evidence by the PASF chair (Arabic) and confirmed by the ISF chair (Hebrew)', async () => {
    const secretary = await openPage();
    const pasf = await openPage();
    const isf = await openPage();
    try {
      // The secretary raises it on the group's page, in English; an owner must be named first.
      await signIn(secretary.page, 'coord.gbr');
      await secretary.page
        .getByRole('navigation', { name: en.shell.navigation })
        .getByRole('link', { name: en.nav.workingGroups, exact: true })
        .click();
      await secretary.page.getByRole('link', { name: GROUP_EN }).click();
      await secretary.page.getByRole('heading', { name: GROUP_EN, level: 1 }).waitFor();
      await secretary.page.getByRole('button', { name: en.commitments.raise }).first().click();
      const dialog = secretary.page.getByRole('dialog');
      await dialog.getByLabel(en.commitments.titleField).fill(TITLE);
      await dialog
        .getByLabel(en.commitments.doneMeans)
        .fill('The report reaches the ISF investigators, with its annexes');
      await dialog.getByLabel(en.commitments.party).selectOption('PASF');
      await dialog.locator('select[data-path="ownerId"]').selectOption({ label: 'Col. Khalil Nasser' });
      await dialog.getByLabel(en.commitments.dueOn).fill(inDays(10));
      await checkPage(secretary.page, 'commitment-raise-form-en');
      await dialog.getByRole('button', { name: en.commitments.raise }).click();
      await secretary.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      const path = new URL(secretary.page.url()).pathname;
      expect(path).toMatch(/^\/commitments\/[0-9a-f-]{36}$/);
      await checkPage(secretary.page, 'commitment-page-en');
      // The secretary moves the due date (its reminders follow).
      await secretary.page.getByRole('button', { name: en.commitments.edit }).click();
      const edit = secretary.page.getByRole('dialog');
      await edit.getByLabel(en.commitments.dueOn).fill(inDays(12));
      await checkPage(secretary.page, 'commitment-edit-form-en');
      await edit.getByRole('button', { name: en.commitments.save }).click();
      await edit.waitFor({ state: 'detached' });

      // The PASF chair, in Arabic, finds it on the board and completes it with evidence.
      await signIn(pasf.page, 'pasf.supervisor');
      await chooseLanguage(pasf.page, en.language.menu, 'العربية');
      expect(await htmlDirection(pasf.page)).toBe('rtl');
      await openBoard(pasf.page, ar.shell.navigation, ar.nav.commitments);
      await pasf.page.getByRole('heading', { name: ar.commitments.title, level: 1 }).waitFor();
      await pasf.page.getByRole('link', { name: TITLE }).first().waitFor();
      await checkPage(pasf.page, 'commitments-board-ar');
      await pasf.page.getByRole('link', { name: TITLE }).first().click();
      await pasf.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await pasf.page.getByRole('button', { name: ar.commitments.actions.complete, exact: true }).click();
      const complete = pasf.page.getByRole('dialog');
      // Without evidence the server refuses it, in Arabic.
      await complete.getByRole('button', { name: ar.commitments.actions.complete, exact: true }).click();
      await complete.getByText(ar.errors.commitment_needs_evidence).first().waitFor();
      await complete.getByLabel(ar.commitments.evidenceText).fill(EVIDENCE);
      await complete.getByRole('button', { name: ar.commitments.actions.complete, exact: true }).click();
      await complete.waitFor({ state: 'detached' });
      await pasf.page.getByText(EVIDENCE).waitFor();
      // The PASF chair cannot confirm their own party's delivery: no such action is offered.
      expect(await pasf.page.getByRole('button', { name: ar.commitments.actions.confirm }).count()).toBe(0);
      await checkPage(pasf.page, 'commitment-completed-ar');

      // The ISF chair, in Hebrew, sees it awaiting confirmation on the board and confirms it.
      await signIn(isf.page, 'isf.supervisor');
      await chooseLanguage(isf.page, en.language.menu, 'עברית');
      await openBoard(isf.page, he.shell.navigation, he.nav.commitments);
      await isf.page.getByRole('heading', { name: he.commitments.title, level: 1 }).waitFor();
      const row = isf.page.getByRole('row').filter({ hasText: TITLE });
      await row.getByText(he.commitments.awaitingConfirmation).first().waitFor(LIVE);
      await checkPage(isf.page, 'commitments-board-he');
      await row.getByRole('link', { name: TITLE }).click();
      await isf.page.getByText(EVIDENCE).waitFor();
      await isf.page.getByRole('button', { name: he.commitments.actions.confirm }).click();
      await isf.page.locator('#commitment-confirmation').getByText(/ISF/).waitFor();
      await isf.page.getByText(he.commitments.confirmed, { exact: true }).first().waitFor();
      await checkPage(isf.page, 'commitment-confirmed-he');

      // The PASF chair's page shows the confirmation live; the board counts the delivery.
      await pasf.page.getByText(ar.commitments.confirmed, { exact: true }).first().waitFor(LIVE);
      await openBoard(pasf.page, ar.shell.navigation, ar.nav.commitments);
      await pasf.page.getByRole('heading', { name: ar.commitments.title, level: 1 }).waitFor();
      const pasfTally = pasf.page.locator('#commitment-tallies').getByRole('row').filter({ hasText: 'PASF' });
      await pasfTally.waitFor();

      // On a 360-pixel phone, in Arabic, the board fits without sideways scrolling of the page.
      await pasf.page.setViewportSize({ width: 360, height: 740 });
      await pasf.page.getByRole('heading', { name: ar.commitments.title, level: 1 }).waitFor();
      // The navigation slides out of the way first (a transition): poll until the layout settles.
      await expect.poll(() => noSidewaysScroll(pasf.page), { timeout: 5_000 }).toBeLessThanOrEqual(0);
      await checkPage(pasf.page, 'commitments-board-phone-ar');

      for (const { errors } of [secretary, pasf, isf]) expect(errors).toEqual([]);
    } finally {
      await secretary.close();
      await pasf.close();
      await isf.close();
    }
  });
});
