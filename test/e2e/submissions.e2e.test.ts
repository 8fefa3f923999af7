import type { Locator, Page } from 'playwright-core';
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
import { DEMO_PASSWORD } from '../support/test-app';

/**
 * The broker in the middle, in real browsers (issue 15, "Done when" 1): a
 * PASF officer (Arabic) hands the coordinator a two-portion submission, one
 * portion releasable to ISF after consent; the coordinator (English)
 * releases it; the PASF supervisor consents in the app; the ISF desk
 * (Hebrew) reads the release and never the other portion or the submission;
 * the originator sees the release; the ledger holds one PASF→ISF exchange
 * through the coordinator. axe finds nothing on any page; screenshots are kept.
 */

const e2e = serveBrowserTests();
const openPage = () => openPageOf(e2e);

const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
const navLink = (page: Page, navigation: string, name: string) =>
  page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

/** Signs in a user whose account may already speak Arabic or Hebrew. */
async function signInAnyLanguage(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel(en.login.username).fill(username);
  await page.getByLabel(en.login.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel(en.login.password, { exact: true }).press('Enter');
  await page
    .getByRole('heading', { name: new RegExp(`^(${en.home.title}|${ar.home.title}|${he.home.title})$`) })
    .waitFor();
}

const TITLE = 'تحركات ليلية قرب مخيم جنين';
const KEPT = 'مصدرنا داخل المخيم يقول إن الخلية تجتمع ليلًا في بيت أبو سليم';
const FOR_ISF = 'غادرت مركبة رمادية المخيم باتجاه الشمال عند الساعة 03:10';

describe.runIf(chromiumPath)(
  'a submission released onward through the coordinator, in real browsers',
  BROWSER_JOURNEY,
  () => {
    it('PASF submits in Arabic, the coordinator releases in English, the PASF supervisor consents, ISF reads only the release in Hebrew, the originator sees it, the ledger holds one exchange', async () => {
      // 1. The PASF officer, in Arabic, writes a two-portion submission.
      const officer = await openPage();
      let submissionUrl = '';
      try {
        const page = officer.page;
        await signInAnyLanguage(page, 'pasf.jenin');
        if ((await htmlDirection(page)) !== 'rtl') await chooseLanguage(page, en.language.menu, 'العربية');
        expect(await htmlDirection(page)).toBe('rtl');
        await navLink(page, ar.shell.navigation, ar.nav.submissions).click();
        await page.getByRole('heading', { name: ar.submissions.title, level: 1 }).waitFor();
        await page.getByText(ar.submissions.none).waitFor();
        await checkPage(page, 'submissions-empty-ar');

        await page.getByRole('link', { name: ar.submissions.new }).click();
        await page.getByRole('heading', { name: ar.submissions.new, level: 1 }).waitFor();
        await field(page, ar.reports.field.title).fill(TITLE);
        const portion = (number: number) =>
          page.getByRole('group', { name: fill(ar.submissions.editor.portion, { number }), exact: true });
        await field(portion(1), ar.reports.editor.text).fill(KEPT);
        await field(portion(1), ar.marking.level).selectOption('C');
        expect(await field(portion(1), ar.submissions.instruction.label).inputValue()).toBe('not-releasable');
        await page.getByRole('button', { name: ar.submissions.editor.addPortion }).click();
        await field(portion(2), ar.reports.editor.text).fill(FOR_ISF);
        await field(portion(2), ar.submissions.instruction.label).selectOption('releasable-after-consent');
        await field(portion(2), ar.submissions.instruction.toParty).selectOption('ISF');
        expect(await field(portion(1), ar.reports.editor.text).getAttribute('dir')).toBe('auto');
        await checkPage(page, 'submission-editor-ar');
        await page.getByRole('button', { name: ar.submissions.editor.save }).click();
        await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        submissionUrl = page.url();
        expect(submissionUrl).toMatch(/\/submissions\/[^/]+$/);
        await page.getByText(KEPT).waitFor();
        await page.getByText(FOR_ISF).waitFor();
        await page.getByText(ar.submissions.releases.none).waitFor();
        // The originator does not release: that is the coordinator's.
        expect(await page.getByRole('button', { name: ar.submissions.release.action }).count()).toBe(0);
        await checkPage(page, 'submission-ar');
        expect(officer.errors).toEqual([]);
      } finally {
        await officer.close();
      }

      // 2. The coordinator, in English, releases the portion meant for ISF: it waits for consent.
      const coord = await openPage();
      try {
        const page = coord.page;
        await signIn(page, 'coord.duty');
        await navLink(page, en.shell.navigation, en.nav.submissions).click();
        await page.getByRole('link', { name: new RegExp(TITLE) }).click();
        await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        await checkPage(page, 'submission-coordinator-en');

        // The coordinator may also extract portions into a draft report of its own.
        await page.getByRole('button', { name: en.submissions.extract.action }).click();
        const extract = page.getByRole('dialog');
        await field(extract, en.reports.field.title).fill('Jenin camp: what the PASF told us');
        await checkPage(page, 'submission-extract-en');
        await extract.getByRole('button', { name: en.submissions.extract.submit }).click();
        await page
          .getByRole('heading', { level: 1 })
          .filter({ hasText: 'Jenin camp: what the PASF told us' })
          .waitFor();
        await page.getByText(KEPT).waitFor();
        await page.goBack();
        await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        await page.getByRole('button', { name: en.submissions.release.action }).click();
        const dialog = page.getByRole('dialog');
        await field(dialog, en.reports.release.party).selectOption('ISF');
        const portions = dialog.getByRole('group', { name: en.reports.release.portions });
        expect(await portions.getByRole('checkbox').count()).toBe(2);
        expect(await portions.getByRole('checkbox', { disabled: true }).count()).toBe(1);
        await portions.getByRole('checkbox', { disabled: false }).check();
        await checkPage(page, 'submission-release-en');
        await dialog.getByRole('button', { name: en.submissions.release.submit }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByText(en.consents.status.pending, { exact: true }).waitFor();
        await page.getByText(en.submissions.releases.none).waitFor();
        await checkPage(page, 'submission-awaiting-consent-en');
        expect(coord.errors).toEqual([]);
      } finally {
        await coord.close();
      }

      // Nothing has left yet.
      const db = e2e.t.database.db;
      expect(
        await db.selectFrom('report_releases').select('id').where('submission_id', 'is not', null).execute(),
      ).toEqual([]);

      // 3. The PASF supervisor finds the consent waiting on the home page and approves it.
      const supervisor = await openPage();
      try {
        const page = supervisor.page;
        await signIn(page, 'pasf.supervisor');
        const waiting = page.getByRole('region', { name: en.consents.waitingTitle });
        await waiting.getByText(FOR_ISF).waitFor();
        expect(await waiting.getByText(KEPT).count()).toBe(0);
        await checkPage(page, 'consent-waiting-en');
        await waiting.getByRole('button', { name: en.consents.approve }).click();
        await waiting.getByText(en.consents.noneWaiting).waitFor();
        await checkPage(page, 'consent-approved-en');
        expect(supervisor.errors).toEqual([]);
      } finally {
        await supervisor.close();
      }

      // 4. The ISF desk, in Hebrew, reads the release: that portion only, never the submission.
      const isf = await openPage();
      try {
        const page = isf.page;
        await signInAnyLanguage(page, 'isf.jenin');
        if ((await htmlDirection(page)) !== 'rtl') await chooseLanguage(page, en.language.menu, 'עברית');
        await navLink(page, he.shell.navigation, he.nav.releases).click();
        await page.getByRole('heading', { name: he.releases.title, level: 1 }).waitFor();
        await page.getByRole('link', { name: TITLE }).click();
        await page.getByText(FOR_ISF).waitFor();
        expect(await page.getByText(KEPT).count()).toBe(0);
        expect(await htmlDirection(page)).toBe('rtl');
        await checkPage(page, 'submission-release-isf-he');
        await navLink(page, he.shell.navigation, he.nav.submissions).click();
        await page.getByText(he.submissions.none).waitFor();
        await checkPage(page, 'submissions-isf-he');
        await page.goto(submissionUrl);
        await page.getByRole('heading', { name: he.notFound.title }).waitFor();
        expect(await page.getByText(KEPT).count()).toBe(0);
        expect(isf.errors).toEqual([]);
      } finally {
        await isf.close();
      }

      // 5. The originator sees what of theirs went to ISF, and when.
      const again = await openPage();
      try {
        const page = again.page;
        await signInAnyLanguage(page, 'pasf.jenin');
        await page.goto(submissionUrl);
        await page.getByRole('heading', { level: 1 }).filter({ hasText: TITLE }).waitFor();
        const released = page.getByRole('region', { name: ar.submissions.releases.title });
        await released.getByText(ar.submissions.releases.withConsent, { exact: false }).waitFor();
        const line = (await released.textContent()) ?? '';
        expect(line).toContain('قوات الأمن الإسرائيلية');
        expect(line).toContain(
          fill(ar.submissions.releases.line, { party: 'قوات الأمن الإسرائيلية', portions: '2' }),
        );
        await checkPage(page, 'submission-released-ar');
        // Its writer may still edit it: the same editor, over the version they read.
        await page.getByRole('link', { name: ar.submissions.edit }).click();
        await page.getByRole('heading', { name: ar.submissions.edit, level: 1 }).waitFor();
        expect(await field(page, ar.reports.field.title).inputValue()).toBe(TITLE);
        await checkPage(page, 'submission-edit-ar');
        expect(again.errors).toEqual([]);
      } finally {
        await again.close();
      }

      // 6. The ledger: one exchange, PASF to ISF, through the coordinator.
      const exchanges = await db
        .selectFrom('information_exchanges')
        .selectAll()
        .where('source_type', '=', 'submission')
        .execute();
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]).toMatchObject({ from_party: 'PASF', to_party: 'ISF', through_party: 'USSC' });
    });
  },
);
