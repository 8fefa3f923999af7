import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Reciprocity } from '../../src/core/exchanges/schemas';
import type { RequestDetail } from '../../src/core/requests/schemas';
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

const DAY = 86_400_000;
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A call as `user`, signing in again when the clock the test moved has ended the session. */
async function call(user: string, method: 'GET' | 'POST', url: string, body?: Record<string, unknown>) {
  const response = await e2e.t.call(user, method, url, body);
  if (response.statusCode !== 401) return response;
  await e2e.t.signIn(user);
  return e2e.t.call(user, method, url, body);
}

async function act(user: string, id: string, body: Record<string, unknown>) {
  const response = await call(user, 'POST', `/api/requests/${id}/transitions`, body);
  expect(response.statusCode, response.body).toBe(200);
}

/** An RFI from `asker`'s Hebron desk, answered by `answerer`'s desk and approved by its supervisor, `daysAgo`. */
async function answeredRfi(asker: 'isf' | 'pasf', answerer: 'isf' | 'pasf', at: Date) {
  e2e.t.clock.set(at);
  const districts = (await call(`${asker}.hebron`, 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  const created = await call(`${asker}.hebron`, 'POST', '/api/requests', {
    type: 'rfi',
    districtId: districts.find((district) => district.code === 'HEBRON')?.id,
    fields: { question: 'Who owns the grey van seen at Bab al-Zawiya?', category: 'security' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as RequestDetail).id;
  await act(`${answerer}.hebron`, id, { action: 'acknowledge' });
  await act(`${answerer}.hebron`, id, {
    action: 'draft-answer',
    answer: 'approve',
    reason: 'It belongs to a rental company',
  });
  await act(`${answerer}.supervisor`, id, { action: 'approve-answer' });
}

/** Two answers from PASF to ISF (forty days apart: two months) and one from ISF to PASF, over the API. */
async function ledgerRecords() {
  await e2e.t.signInAll(['isf.hebron', 'isf.supervisor', 'pasf.hebron', 'pasf.supervisor']);
  const now = e2e.t.clock.now();
  await answeredRfi('isf', 'pasf', new Date(now.getTime() - 40 * DAY));
  await answeredRfi('isf', 'pasf', new Date(now.getTime() - 3 * DAY));
  await answeredRfi('pasf', 'isf', new Date(now.getTime() - 3 * DAY));
  e2e.t.clock.set(now);
}

async function openReciprocity(page: Page, navigation: string, nav: string, title: string) {
  await page
    .getByRole('navigation', { name: navigation })
    .getByRole('link', { name: nav, exact: true })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

describe.runIf(chromiumPath)('the reciprocity dashboard', BROWSER_JOURNEY, () => {
  it('shows each party what passed each way, per period, with its records, in Arabic, Hebrew on a phone and English', async () => {
    await ledgerRecords();
    const pasf = await openPage();
    const isf = await openPage();
    const coordinator = await openPage();
    try {
      // The PASF supervisor, in Arabic: PASF and ISF by default, the figures counted month by month.
      await signIn(pasf.page, 'pasf.supervisor');
      await chooseLanguage(pasf.page, en.language.menu, 'العربية');
      expect(await htmlDirection(pasf.page)).toBe('rtl');
      await openReciprocity(pasf.page, ar.shell.navigation, ar.nav.reciprocity, ar.reciprocity.title);
      expect(await pasf.page.getByLabel(ar.reciprocity.partyA).inputValue()).toBe('PASF');
      expect(await pasf.page.getByLabel(ar.reciprocity.partyB).inputValue()).toBe('ISF');
      // The same figures the API gives the same reader for the page's default range.
      const since = await pasf.page.getByLabel(ar.reciprocity.since).inputValue();
      const until = await pasf.page.getByLabel(ar.reciprocity.until).inputValue();
      const measures = (
        await call(
          'pasf.supervisor',
          'GET',
          `/api/reciprocity?partyA=PASF&partyB=ISF&since=${since}&until=${until}`,
        )
      ).json() as Reciprocity;
      expect(measures.total.aToB).toBeGreaterThanOrEqual(2);
      expect(measures.total.bToA).toBeGreaterThanOrEqual(1);
      expect(measures.periods.length).toBeGreaterThanOrEqual(2);
      const totals = pasf.page.locator('#reciprocity-totals');
      const index = new Intl.NumberFormat('ar', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: 'exceptZero',
      }).format(measures.total.asymmetry ?? 0);
      await totals.getByText(index, { exact: true }).waitFor();
      await totals
        .getByText(new Intl.NumberFormat('ar').format(measures.total.aToB), { exact: true })
        .waitFor();
      // The chart, and its equivalent in a table with a row per period.
      await pasf.page.locator('#reciprocity-periods .recharts-bar-rectangle path').first().waitFor();
      const table = pasf.page.getByRole('table', { name: /الطرف|PASF|ISF|البنود/ });
      await expect.poll(() => table.getByRole('row').count()).toBe(measures.periods.length + 1);
      await checkPage(pasf.page, 'reciprocity-ar');

      // The latest period's records, each way: the answers, linked to their requests.
      await table.getByRole('button').last().click();
      const dialog = pasf.page.getByRole('dialog');
      const answers = dialog.getByRole('link', { name: ar.reciprocity.kinds['rfi-answer'] });
      await answers.first().waitFor();
      expect(await answers.count()).toBeGreaterThanOrEqual(2);
      expect(await answers.first().getAttribute('href')).toMatch(/^\/requests\/[0-9a-f-]{36}$/);
      await checkPage(pasf.page, 'reciprocity-drilldown-ar');
      await answers.first().click();
      await pasf.page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);

      // The ISF supervisor, in Hebrew, on a 360-pixel phone: the page fits without sideways scrolling.
      await signIn(isf.page, 'isf.supervisor');
      await chooseLanguage(isf.page, en.language.menu, 'עברית');
      await openReciprocity(isf.page, he.shell.navigation, he.nav.reciprocity, he.reciprocity.title);
      expect(await isf.page.getByLabel(he.reciprocity.partyA).inputValue()).toBe('ISF');
      await isf.page.setViewportSize({ width: 360, height: 740 });
      await isf.page.reload();
      await isf.page.getByRole('heading', { name: he.reciprocity.title, level: 1 }).waitFor();
      await isf.page.locator('#reciprocity-periods .recharts-bar-rectangle path').first().waitFor();
      await expect.poll(() => noSidewaysScroll(isf.page), { timeout: 5_000 }).toBeLessThanOrEqual(0);
      await checkPage(isf.page, 'reciprocity-phone-he');

      // The coordinator, in English: the two parties by default.
      await signIn(coordinator.page, 'coord.gbr');
      await openReciprocity(coordinator.page, en.shell.navigation, en.nav.reciprocity, en.reciprocity.title);
      const pair = [
        await coordinator.page.getByLabel(en.reciprocity.partyA).inputValue(),
        await coordinator.page.getByLabel(en.reciprocity.partyB).inputValue(),
      ];
      expect(pair.sort()).toEqual(['ISF', 'PASF']);
      await coordinator.page.getByText(en.reciprocity.definitions.asymmetry).waitFor();
      await coordinator.page.locator('#reciprocity-periods').getByRole('table').waitFor();
      await checkPage(coordinator.page, 'reciprocity-en');
      // A pointer opens a period's records from its bar too.
      await coordinator.page.locator('#reciprocity-periods .recharts-bar-rectangle path').last().click();
      await coordinator.page
        .getByRole('dialog')
        .getByRole('link', { name: en.reciprocity.kinds['rfi-answer'] })
        .first()
        .waitFor();

      for (const { errors } of [pasf, isf, coordinator]) expect(errors).toEqual([]);
    } finally {
      await pasf.close();
      await isf.close();
      await coordinator.close();
    }
  });
});
