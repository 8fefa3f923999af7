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
const names = (en: string) => ({ en, ar: 'منطقة اختبار', he: 'אזור בדיקה' });

/** Writes a SECRET//NOFORN handover note on coord.duty's desk through the signed-in page's session, and reads it. */
async function secretNoteOf(page: Page): Promise<string> {
  const people = (await (await page.request.get('/api/directory/users')).json()) as {
    username: string;
    deskIds: string[];
  }[];
  const deskId = people.find((person) => person.username === 'coord.duty')?.deskIds[0];
  const response = await page.request.post(`/api/directory/desks/${deskId}/handover-notes`, {
    data: { body: 'Source reporting, not for release', marking: { classification: 'SECRET//NOFORN' } },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  expect((await page.request.get(`/api/directory/handover-notes/${id}`)).status()).toBe(200);
  return id;
}

describe.runIf(chromiumPath)('the audit log in a real browser', BROWSER_JOURNEY, () => {
  it('shows an administrator who changed what, with the chain, and filters by what happened', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'admin');
      const created = await page.request.post('/api/directory/districts', {
        data: { code: 'AUDIT-E2E', names: names('Audit Valley') },
      });
      expect(created.status()).toBe(201);

      await page.getByRole('link', { name: en.nav.audit }).click();
      await page.getByRole('heading', { name: en.audit.title, level: 1 }).waitFor();
      const row = page
        .getByRole('row')
        .filter({ hasText: en.audit.actions.districtCreated })
        .filter({ hasText: 'AUDIT-E2E' });
      await row.waitFor();
      expect(await row.textContent()).toContain('admin');
      await checkPage(page, 'audit-en');

      await row.getByRole('button').click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText(en.audit.prevHash).waitFor();
      expect(await drawer.getByText(/^[0-9a-f]{64}$/).count()).toBeGreaterThanOrEqual(2);
      await checkPage(page, 'audit-entry-en');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      await page.getByRole('combobox', { name: en.audit.filterAction }).click();
      await page.getByRole('option', { name: en.audit.actions.signedIn, exact: true }).click();
      await page.getByRole('row').filter({ hasText: en.audit.actions.signedIn }).first().waitFor();
      expect(await page.getByRole('row').filter({ hasText: en.audit.actions.districtCreated }).count()).toBe(
        0,
      );
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets a GBR coordinator, in Arabic, sign and download a checkpoint, and hides what NOFORN keeps from them', async () => {
    const usa = await openPage();
    const gbr = await openPage();
    try {
      await signIn(usa.page, 'coord.duty');
      const secretId = await secretNoteOf(usa.page);
      await usa.page.goto('/audit');
      const aboutSecret = (page: Page) => page.getByRole('row').filter({ hasText: secretId.slice(0, 8) });
      await aboutSecret(usa.page).first().waitFor();

      const { page, errors } = gbr;
      await signIn(page, 'coord.gbr');
      await chooseLanguage(page, en.language.menu, 'العربية');
      await page.getByRole('link', { name: ar.nav.audit }).click();
      await page.getByRole('heading', { name: ar.audit.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');
      await page.getByRole('row').filter({ hasText: ar.audit.actions.signedIn }).first().waitFor();
      expect(await aboutSecret(page).count()).toBe(0);

      await page.getByRole('button', { name: ar.audit.signNow }).click();
      const listed = page.locator('#audit-checkpoints').getByRole('row');
      await listed.nth(1).waitFor();
      const download = await page.request.get('/api/audit/checkpoints/latest');
      expect(download.headers()['content-disposition']).toMatch(
        /^attachment; filename="concord-audit-checkpoint-.+\.json"$/,
      );
      expect(await page.getByRole('link', { name: ar.audit.download }).getAttribute('href')).toBe(
        '/api/audit/checkpoints/latest',
      );
      await checkPage(page, 'audit-ar');
      expect(errors).toEqual([]);
      expect(usa.errors).toEqual([]);
    } finally {
      await usa.close();
      await gbr.close();
    }
  });

  it('gives a party officer no audit page, but the checkpoint to keep on the home page', async () => {
    const admin = await openPage();
    await signIn(admin.page, 'admin');
    const signed = await admin.page.request.post('/api/audit/checkpoints');
    expect(signed.status()).toBe(201);
    const { seq } = (await signed.json()) as { seq: number };
    await admin.close();

    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'isf.hebron');
      expect(await page.getByRole('link', { name: en.nav.audit }).count()).toBe(0);
      await page.goto('/audit');
      await page.getByRole('heading', { name: en.notFound.title }).waitFor();

      await page.goto('/');
      await chooseLanguage(page, en.language.menu, 'עברית');
      const section = page.getByRole('region', { name: he.audit.checkpointTitle });
      await section.waitFor();
      await section.getByRole('link', { name: he.audit.download }).waitFor();
      expect(await section.textContent()).toContain(String(seq));
      await checkPage(page, 'home-checkpoint-he');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
