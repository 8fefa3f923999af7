import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import ar from '../../src/web/locales/ar.json';
import en from '../../src/web/locales/en.json';
import he from '../../src/web/locales/he.json';
import { BROWSER_JOURNEY, chromiumPath, screenshot } from '../support/browser';
import {
  checkPage,
  chooseLanguage,
  htmlDirection,
  openPage as openPageOf,
  signIn,
} from '../support/e2e-pages';
import { serveBrowserTests } from '../support/e2e-server';
import { DEMO_PASSWORD } from '../support/test-app';

const e2e = serveBrowserTests();
const openPage = () => openPageOf(e2e);

const CABLE_NAME = '000_3c09942d126d68d9.txt';
const CABLE = readFileSync(new URL(`../fixtures/cables/${CABLE_NAME}`, import.meta.url), 'utf8');

/** A form field by its whole label, with or without the asterisk of a required field. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

const navLink = (page: Page, navigation: string, name: string) =>
  page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

/** Signs in a user whose account may already speak Arabic (signIn waits for the English home page). */
async function signInAnyLanguage(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel(en.login.username).fill(username);
  await page.getByLabel(en.login.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel(en.login.password, { exact: true }).press('Enter');
  await page.getByRole('heading', { name: new RegExp(`^(${en.home.title}|${ar.home.title})$`) }).waitFor();
}

const PDFS = fileURLToPath(new URL('../../test-artifacts/pdf', import.meta.url));

/** Prints the page to PDF as the browser would (A4, colours kept), kept as an artifact; its size. */
async function savePdf(page: Page, name: string): Promise<number> {
  mkdirSync(PDFS, { recursive: true });
  const path = join(PDFS, `${name}.pdf`);
  await page.pdf({ path, format: 'A4', printBackground: true });
  return statSync(path).size;
}

/** The banners of the page (role note): top and bottom of a marked document. */
const banners = (page: Page) => page.getByRole('note');

const PARAGRAPHS = {
  secret: 'أبلغ مصدر في الخليل عن اجتماع سري لقادة الأجهزة الأمنية',
  confidential: 'ناقش الضباط البريطانيون خطة التنسيق في نابلس',
  unclassified: 'عُقد اجتماع التنسيق الأسبوعي في رام الله كالمعتاد',
  /** The (U) paragraph after its edit. */
  edited: 'عُقد اجتماع التنسيق الأسبوعي في رام الله يوم الأحد',
};
const TITLE = 'تقرير التنسيق الأمني الأسبوعي';

describe.runIf(chromiumPath)('reports marked portion by portion, in real browsers', BROWSER_JOURNEY, () => {
  let reportUrl = '';

  it('coord.duty writes a report in Arabic with (S//NF), (C//REL TO USA, GBR) and (U) paragraphs under a live banner, prints it, edits it (history word by word) and submits it; ussc.chief returns it with a reason, then approves it', async () => {
    const coord = await openPage();
    try {
      const page = coord.page;
      await signIn(page, 'coord.duty');
      await chooseLanguage(page, en.language.menu, 'العربية');
      await navLink(page, ar.shell.navigation, ar.nav.reports).click();
      await page.getByRole('heading', { name: ar.reports.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');
      await page.getByText(ar.reports.none).waitFor();
      await checkPage(page, 'reports-empty-ar');

      await page.getByRole('link', { name: ar.reports.new }).click();
      await page.getByRole('heading', { name: ar.reports.new, level: 1 }).waitFor();
      // Saved empty: the server's refusals appear beside the title and the paragraph they are about.
      await page.getByRole('button', { name: ar.reports.editor.save }).click();
      await page.getByText('The title is empty').waitFor();
      expect(await field(page, ar.reports.field.title).getAttribute('aria-invalid')).toBe('true');
      expect(
        await field(
          page.getByRole('group', { name: fill(ar.reports.editor.paragraph, { number: 1 }), exact: true }),
          ar.reports.editor.text,
        ).getAttribute('aria-invalid'),
      ).toBe('true');
      await checkPage(page, 'report-editor-errors-ar');
      await field(page, ar.reports.field.title).fill(TITLE);
      await field(page, ar.reports.field.subject).fill('التنسيق بين الأطراف في الضفة الغربية');
      await page.getByRole('combobox', { name: ar.reports.field.tags }).pressSequentially('PGOV,');
      await field(page, ar.reports.authority.classifiedBy).fill('ضابط التنسيق المناوب');

      const paragraph = (number: number) =>
        page.getByRole('group', { name: fill(ar.reports.editor.paragraph, { number }), exact: true });
      const relTo = fill(ar.marking.relTo, { prefix: 'REL TO' });

      // (S//NF)
      await field(paragraph(1), ar.reports.editor.text).fill(PARAGRAPHS.secret);
      await field(paragraph(1), ar.marking.level).selectOption('S');
      await paragraph(1)
        .getByRole('checkbox', { name: /NOFORN/ })
        .check();
      // (C//REL TO USA, GBR)
      await page.getByRole('button', { name: ar.reports.editor.addParagraph }).click();
      await field(paragraph(2), ar.reports.editor.text).fill(PARAGRAPHS.confidential);
      await field(paragraph(2), ar.marking.level).selectOption('C');
      await paragraph(2).getByRole('combobox', { name: relTo }).click();
      await page.getByRole('option', { name: 'GBR', exact: true }).click();
      await page.keyboard.press('Escape');
      // (U)
      await page.getByRole('button', { name: ar.reports.editor.addParagraph }).click();
      await field(paragraph(3), ar.reports.editor.text).fill(PARAGRAPHS.unclassified);

      // The banner preview follows the marks: the highest level, NOFORN from the first paragraph.
      const preview = page
        .locator('[aria-live="polite"]')
        .filter({ hasText: ar.reports.editor.bannerPreview });
      await preview.getByText('SECRET//NOFORN', { exact: true }).waitFor();
      expect(await paragraph(2).textContent()).toContain('(C//REL TO USA, GBR)');
      expect(await field(paragraph(1), ar.reports.editor.text).getAttribute('dir')).toBe('auto');
      await checkPage(page, 'report-editor-ar');

      await page.getByRole('button', { name: ar.reports.editor.save }).click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
      reportUrl = page.url();
      expect(reportUrl).toMatch(/\/reports\/[^/]+$/);
      // The banner at the top and at the bottom, computed from the portions.
      expect(await banners(page).count()).toBe(2);
      for (const banner of await banners(page).all())
        expect(await banner.textContent()).toContain('SECRET//NOFORN');
      const text = (await page.getByRole('region', { name: ar.reports.text }).textContent()) ?? '';
      for (const mark of ['(S//NF)', '(C//REL TO USA, GBR)', '(U)']) expect(text).toContain(mark);
      expect(await page.getByText(PARAGRAPHS.secret).getAttribute('dir')).toBe('auto');
      expect(text.indexOf('(S//NF)')).toBeLessThan(text.indexOf(PARAGRAPHS.secret));
      await checkPage(page, 'report-ar');

      // On a 360-pixel phone the marked report fits without sideways scrolling.
      await page.setViewportSize({ width: 360, height: 740 });
      // Loaded afresh: the editor's text areas leave a hidden measuring copy at the desktop's width behind.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await screenshot(page, 'report-phone-ar');
      await page.setViewportSize({ width: 1280, height: 800 });

      // The print view: the navigation goes, the banners and portion marks stay.
      await page.getByRole('link', { name: ar.reports.printView }).click();
      await page.getByRole('button', { name: ar.reports.print }).waitFor();
      await checkPage(page, 'report-print-view-ar');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: ar.shell.navigation }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: ar.reports.print }).isVisible()).toBe(false);
      expect(await banners(page).first().isVisible()).toBe(true);
      expect(await banners(page).last().isVisible()).toBe(true);
      await screenshot(page, 'report-printed-ar');
      expect(await savePdf(page, 'report-ar')).toBeGreaterThan(10_000);
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('link', { name: ar.reports.backToReport }).click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();

      // A draft: its writer may edit and submit it; nobody releases it yet.
      expect(await page.getByRole('button', { name: ar.reports.release.action }).count()).toBe(0);
      await page.getByRole('link', { name: ar.reports.actions.edit, exact: true }).click();
      await field(paragraph(3), ar.reports.editor.text).fill(PARAGRAPHS.edited);
      await page.getByRole('button', { name: ar.reports.editor.saveChanges }).click();
      await page.getByText(PARAGRAPHS.edited).waitFor();

      // The history shows version 2's change word by word.
      await page.getByRole('button', { name: fill(ar.reports.history.show, { version: 2 }) }).click();
      const history = page.getByRole('region', { name: ar.reports.history.title });
      await history.locator('ins').first().waitFor();
      expect((await history.locator('ins').allTextContents()).join(' ')).toContain('الأحد');
      expect((await history.locator('del').allTextContents()).join(' ')).toContain('كالمعتاد');
      await checkPage(page, 'report-history-ar');

      // Submitted for review…
      const submitForReview = async (note: string) => {
        await page.getByRole('button', { name: ar.reports.actions.submit }).click();
        const dialog = page.getByRole('dialog');
        await field(dialog, ar.reports.review.noteOptional).fill(note);
        await dialog.getByRole('button', { name: ar.reports.actions.submit }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByText(ar.reports.status.review, { exact: true }).waitFor();
        expect(await page.getByRole('button', { name: ar.reports.actions.submit }).count()).toBe(0);
      };
      await submitForReview('جاهز للمراجعة');

      // …returned by the coordinator's supervisor (in English), who must say why…
      const chief = await openPage();
      try {
        await signIn(chief.page, 'ussc.chief');
        // The supervisor finds what awaits review in the list.
        await navLink(chief.page, en.shell.navigation, en.nav.reports).click();
        await chief.page.getByText(en.reports.status.review, { exact: true }).first().click();
        expect(new URL(chief.page.url()).searchParams.get('status')).toBe('review');
        const waiting = chief.page.getByRole('listitem').filter({ hasText: TITLE });
        await checkPage(chief.page, 'reports-in-review-en');
        await waiting.getByRole('link').click();
        await chief.page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        await chief.page.getByText('جاهز للمراجعة').waitFor();
        await chief.page.getByRole('button', { name: en.reports.actions.return }).click();
        const returnDialog = chief.page.getByRole('dialog');
        await returnDialog.getByRole('button', { name: en.reports.actions.return }).click();
        await returnDialog.getByText(en.reports.review.noteRequired).waitFor();
        await field(returnDialog, en.reports.review.note).fill('Name the source of paragraph 1.');
        await returnDialog.getByRole('button', { name: en.reports.actions.return }).click();
        await returnDialog.waitFor({ state: 'detached' });
        await chief.page.getByText(en.reports.status.draft, { exact: true }).waitFor();

        // …the writer reads why, and submits it again…
        await page.reload();
        await page.getByText(fill(ar.reports.review.step.returned, { name: 'Col. Robert Hayes' })).waitFor();
        await page.getByText('Name the source of paragraph 1.').waitFor();
        await checkPage(page, 'report-returned-ar');
        await submitForReview('المصدر مذكور في الملاحظات');

        // …and the supervisor approves it: published.
        await chief.page.reload();
        await chief.page.getByRole('button', { name: en.reports.actions.approve }).click();
        const approveDialog = chief.page.getByRole('dialog');
        await approveDialog.getByRole('button', { name: en.reports.actions.approve }).click();
        await approveDialog.waitFor({ state: 'detached' });
        await chief.page.getByText(en.reports.status.published, { exact: true }).waitFor();
        await chief.page
          .getByText(fill(en.reports.review.step.approved, { name: 'Col. Robert Hayes' }))
          .waitFor();
        await checkPage(chief.page, 'report-approved-en');
        expect(chief.errors).toEqual([]);
      } finally {
        await chief.close();
      }
      await page.reload();
      await page.getByText(ar.reports.status.published, { exact: true }).waitFor();
      expect(coord.errors).toEqual([]);
    } finally {
      await coord.close();
    }
  });

  it('coord.gbr sees only the (C) and (U) portions; coord.duty releases the (U) portion to PASF, whose supervisor reads it in Hebrew, and never the original', async () => {
    expect(reportUrl).not.toBe('');
    const coord = await openPage();
    try {
      const page = coord.page;
      await signInAnyLanguage(page, 'coord.duty');
      await page.goto(reportUrl);
      await page.getByText(ar.reports.status.published, { exact: true }).waitFor();

      // A coordinator of British nationality sees the (C) and (U) portions only, under their banner.
      const gbr = await openPage();
      try {
        await signIn(gbr.page, 'coord.gbr');
        await gbr.page.goto(reportUrl);
        await gbr.page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        await gbr.page.getByText(PARAGRAPHS.confidential).waitFor();
        await gbr.page.getByText(PARAGRAPHS.edited).waitFor();
        expect(await gbr.page.getByText(PARAGRAPHS.secret).count()).toBe(0);
        expect(await gbr.page.getByText('(S//NF)').count()).toBe(0);
        for (const banner of await banners(gbr.page).all())
          expect(await banner.textContent()).toContain('CONFIDENTIAL//REL TO USA, GBR');
        // coord.gbr may not read all of it: no edit; a coordinator, so the release is offered.
        expect(await gbr.page.getByRole('link', { name: en.reports.actions.edit, exact: true }).count()).toBe(
          0,
        );
        await checkPage(gbr.page, 'report-coord-gbr-en');
        expect(gbr.errors).toEqual([]);
      } finally {
        await gbr.close();
      }

      // Released to PASF: only the (U) portion goes.
      await page.getByRole('button', { name: ar.reports.release.action }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: ar.reports.release.submit }).click();
      await dialog.getByText(ar.reports.release.partyRequired).waitFor();
      await field(dialog, ar.reports.release.party).selectOption('PASF');
      // Only the (U) portion may go to PASF: it is chosen, the others cannot be.
      const portions = dialog.getByRole('group', { name: ar.reports.release.portions });
      expect(await portions.getByRole('checkbox').count()).toBe(3);
      expect(await portions.getByRole('checkbox', { checked: true }).count()).toBe(1);
      expect(await portions.getByRole('checkbox', { disabled: true }).count()).toBe(2);
      await field(dialog, ar.reports.release.note).fill('للاطلاع قبل اجتماع التنسيق');
      await checkPage(page, 'report-release-ar');
      await dialog.getByRole('button', { name: ar.reports.release.submit }).click();
      await dialog.waitFor({ state: 'detached' });
      // The release opens: what PASF will read.
      await page.waitForURL(/\/releases\/[^/]+$/);
      await page.getByRole('link', { name: ar.releases.backToReleases }).waitFor();
      await page.getByText(PARAGRAPHS.edited).waitFor();
      expect(await page.getByText(PARAGRAPHS.confidential).count()).toBe(0);
      expect(await page.getByText(PARAGRAPHS.secret).count()).toBe(0);
      expect(await banners(page).count()).toBe(2);
      for (const banner of await banners(page).all())
        expect(await banner.textContent()).toContain('UNCLASSIFIED');
      await checkPage(page, 'release-coordinator-ar');
      expect(coord.errors).toEqual([]);
    } finally {
      await coord.close();
    }

    // PASF's supervisor, in Hebrew, reads the release: the (U) portion and its banner, nothing else.
    const pasf = await openPage();
    try {
      await signIn(pasf.page, 'pasf.supervisor');
      await chooseLanguage(pasf.page, en.language.menu, 'עברית');
      expect(await navLink(pasf.page, he.shell.navigation, he.nav.reports).count()).toBe(0);
      await navLink(pasf.page, he.shell.navigation, he.nav.releases).click();
      await pasf.page.getByRole('heading', { name: he.releases.title, level: 1 }).waitFor();
      await checkPage(pasf.page, 'releases-pasf-he');
      await pasf.page.getByRole('link', { name: TITLE }).click();
      await pasf.page.getByText(PARAGRAPHS.edited).waitFor();
      expect(await pasf.page.getByText(PARAGRAPHS.confidential).count()).toBe(0);
      expect(await banners(pasf.page).count()).toBe(2);
      expect(await pasf.page.getByText('(U)', { exact: true }).count()).toBe(1);
      expect(await htmlDirection(pasf.page)).toBe('rtl');
      await checkPage(pasf.page, 'release-pasf-he');
      expect(await savePdf(pasf.page, 'release-pasf-he')).toBeGreaterThan(10_000);

      // PASF's search finds the released words, and only in the release.
      const releaseUrl = pasf.page.url();
      await navLink(pasf.page, he.shell.navigation, he.nav.search).click();
      await field(pasf.page, he.search.query).fill('التنسيق');
      await pasf.page.getByRole('button', { name: he.search.submit, exact: true }).click();
      const hits = pasf.page.getByRole('region', { name: he.search.results });
      await hits.locator('mark').first().waitFor();
      expect(await hits.getByText(he.search.type.releaseBadge, { exact: true }).count()).toBeGreaterThan(0);
      expect(await hits.getByText(PARAGRAPHS.confidential).count()).toBe(0);
      await checkPage(pasf.page, 'search-pasf-he');
      await hits.getByRole('link', { name: TITLE }).first().click();
      await pasf.page.waitForURL((url) => url.pathname === new URL(releaseUrl).pathname);
      await pasf.page.getByText(PARAGRAPHS.edited).waitFor();

      // The original stays the coordinator's.
      await pasf.page.goto(reportUrl);
      await pasf.page.getByRole('heading', { name: he.notFound.title }).waitFor();
      expect(pasf.errors).toEqual([]);
    } finally {
      await pasf.close();
    }
  });

  it('coord.duty imports the seed cable by drag and drop (twice is one report), opens it, has it published and is refused its release to PASF, finds it by search and opens an entity it names', async () => {
    const coord = await openPage();
    try {
      const page = coord.page;
      await signInAnyLanguage(page, 'coord.duty');
      // The first test left coord.duty's account in Arabic.
      if ((await htmlDirection(page)) === 'rtl') await chooseLanguage(page, ar.language.menu, 'English');
      await navLink(page, en.shell.navigation, en.nav.reports).click();
      await page.getByText(TITLE).waitFor();
      await checkPage(page, 'reports-en');
      await page.getByRole('link', { name: en.reports.import.title }).click();
      await page.getByRole('heading', { name: en.reports.import.title, level: 1 }).waitFor();
      await checkPage(page, 'import-empty-en');

      // Dropped on the zone, as a file dragged from the desktop.
      const dataTransfer = await page.evaluateHandle(
        ({ text, name }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], name, { type: 'text/plain' }));
          return transfer;
        },
        { text: CABLE, name: CABLE_NAME },
      );
      await page.dispatchEvent('[data-testid="cable-drop-zone"]', 'drop', { dataTransfer });
      const results = page.getByRole('region', { name: en.reports.import.results });
      await results.getByText(en.reports.import.created, { exact: true }).waitFor();
      const open = results.getByRole('link', { name: /^Open report / });
      const reference = ((await open.textContent()) ?? '').replace('Open report ', '').trim();
      expect(reference).not.toBe('');

      // The same cable again, through the file button (the keyboard's way): the same report.
      await page.locator('input[type="file"]').setInputFiles({
        name: CABLE_NAME,
        mimeType: 'text/plain',
        buffer: Buffer.from(CABLE),
      });
      await results.getByText(en.reports.import.already, { exact: true }).waitFor();
      expect(await results.getByRole('link', { name: `Open report ${reference}` }).count()).toBe(2);

      // A file that is no cable: refused, the line named.
      await page.locator('input[type="file"]').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Shopping list\nmilk\n'),
      });
      await results.getByRole('alert').filter({ hasText: 'notes.txt' }).waitFor();
      await checkPage(page, 'import-results-en');

      await results
        .getByRole('link', { name: `Open report ${reference}` })
        .first()
        .click();
      await page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: /COORDINATION WITH ISRAEL/i })
        .waitFor();
      expect(await banners(page).count()).toBe(2);
      for (const banner of await banners(page).all())
        expect(await banner.textContent()).toContain('SECRET//NOFORN');
      expect(await page.getByText('(S)', { exact: true }).count()).toBe(4);
      await page.getByText('Daniel Rubinstein').first().waitFor();
      await checkPage(page, 'cable-report-en');

      // A draft is not released; submitted, and approved by the supervisor, it is published.
      expect(await page.getByRole('button', { name: en.reports.release.action }).count()).toBe(0);
      await page.getByRole('button', { name: en.reports.actions.submit }).click();
      const submitDialog = page.getByRole('dialog');
      await submitDialog.getByRole('button', { name: en.reports.actions.submit }).click();
      await submitDialog.waitFor({ state: 'detached' });
      await page.getByText(en.reports.status.review, { exact: true }).waitFor();
      const chief = await e2e.t.login('ussc.chief');
      const reportId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const approved = await e2e.t.app.inject({
        method: 'POST',
        url: `/api/reports/${reportId}/approve`,
        headers: { cookie: chief },
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      await page.reload();
      await page.getByText(en.reports.status.published, { exact: true }).waitFor();

      // Nothing of it is releasable to PASF: the server's refusal is shown in the dialog.
      await page.getByRole('button', { name: en.reports.release.action }).click();
      const dialog = page.getByRole('dialog');
      await field(dialog, en.reports.release.party).selectOption('PASF');
      await field(dialog, en.reports.release.note).fill('For the joint meeting');
      await dialog.getByRole('button', { name: en.reports.release.submit }).click();
      await dialog.getByRole('alert').filter({ hasText: /PASF/ }).waitFor();
      await checkPage(page, 'release-refused-en');
      await dialog.getByRole('button', { name: en.common.cancel }).click();
      await dialog.waitFor({ state: 'detached' });

      // Search finds it by a word of its text, the word marked in the snippet.
      await navLink(page, en.shell.navigation, en.nav.search).click();
      await field(page, en.search.query).fill('counternarcotics');
      await page.getByRole('button', { name: en.search.submit, exact: true }).click();
      const hits = page.getByRole('region', { name: en.search.results });
      await hits.locator('mark').first().waitFor();
      expect((await hits.locator('mark').first().textContent())?.toLowerCase()).toContain('counternarcotics');
      await checkPage(page, 'search-en');
      await hits.getByRole('link').first().click();
      await page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: /COORDINATION WITH ISRAEL/i })
        .waitFor();

      // An entity it names: the person, with the reports that name him.
      await page.getByRole('link', { name: 'Hazim Atallah' }).first().click();
      await page.getByRole('heading', { name: 'Hazim Atallah', level: 1 }).waitFor();
      await page.getByText(en.entities.kind.person, { exact: true }).waitFor();
      await page
        .getByRole('region', { name: en.entities.reports })
        .getByRole('link', { name: reference })
        .waitFor();
      await checkPage(page, 'entity-en');

      // And in Arabic, the search page right to left.
      await chooseLanguage(page, en.language.menu, 'العربية');
      await navLink(page, ar.shell.navigation, ar.nav.search).click();
      await field(page, ar.search.query).fill('الخليل');
      await page.getByRole('button', { name: ar.search.submit, exact: true }).click();
      await page.getByRole('region', { name: ar.search.results }).locator('mark').first().waitFor();
      await checkPage(page, 'search-ar');
      expect(coord.errors).toEqual([]);
    } finally {
      await coord.close();
    }
  });
});
