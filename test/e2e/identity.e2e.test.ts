import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import ar from '../../src/web/locales/ar.json';
import en from '../../src/web/locales/en.json';
import he from '../../src/web/locales/he.json';
import {
  BROWSER_JOURNEY,
  chromiumPath,
  screenshot,
  seriousAccessibilityViolations,
  watchForPageErrors,
} from '../support/browser';
import { serveBrowserTests } from '../support/e2e-server';
import { DEMO_PASSWORD } from '../support/test-app';

const e2e = serveBrowserTests();

async function openPage(options?: { width?: number; height?: number }) {
  const context = await e2e.newContext(options);
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  return { page, errors, close: () => context.close() };
}

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(en.login.username).fill(username);
  await page.getByLabel(en.login.password, { exact: true }).fill(password);
  await page.getByLabel(en.login.password, { exact: true }).press('Enter');
}

const htmlAttributes = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

async function chooseLanguage(page: Page, currentMenuName: string, nativeName: string) {
  await page.getByRole('button', { name: currentMenuName, exact: true }).click();
  await page.getByRole('menuitemradio', { name: nativeName }).click();
  // Let the menu finish its closing transition, so later checks (axe) see the settled page.
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

describe.runIf(chromiumPath)('sign-in, shell and language in a real browser', BROWSER_JOURNEY, () => {
  it('refuses a wrong password with a clear message, then signs in and shows the shell', async () => {
    const { page, errors, close } = await openPage();
    try {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      expect(await page.getByLabel(en.login.username).getAttribute('autocomplete')).toBe('username');
      expect(await page.getByLabel(en.login.password, { exact: true }).getAttribute('autocomplete')).toBe(
        'current-password',
      );
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'login-en');

      await signIn(page, 'isf.hebron', 'not-the-password-9');
      await page.getByText(en.errors.invalid_credentials).waitFor();
      await screenshot(page, 'login-wrong-password-en');
      expect(page.url()).toContain('/login');

      await page.getByLabel(en.login.password, { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: en.login.submit }).click();
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      await page.getByRole('button', { name: 'Account: Capt. Noa Levi' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('Israeli Security Forces');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'shell-home-en');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('switches to Arabic and Hebrew instantly, flips direction, and keeps the choice for the user', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'pasf.supervisor');
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'en', dir: 'ltr' });

      await chooseLanguage(page, en.language.menu, 'العربية');
      await page.getByRole('heading', { name: ar.home.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await page.getByRole('main').textContent()).toContain('قوات الأمن التابعة للسلطة الفلسطينية');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'shell-home-ar');

      // Saved on the account: a new browser signing in gets Arabic.
      const other = await openPage();
      try {
        await signIn(other.page, 'pasf.supervisor');
        await other.page.getByRole('heading', { name: ar.home.title }).waitFor();
        expect(await htmlAttributes(other.page)).toEqual({ lang: 'ar', dir: 'rtl' });
      } finally {
        await other.close();
      }

      await chooseLanguage(page, ar.language.menu, 'עברית');
      await page.getByRole('heading', { name: he.home.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'he', dir: 'rtl' });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'shell-home-he');

      await page.reload();
      await page.getByRole('heading', { name: he.home.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'he', dir: 'rtl' });

      await chooseLanguage(page, he.language.menu, 'English');
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'en', dir: 'ltr' });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers the language menu before sign-in, in Arabic right to left', async () => {
    const { page, close } = await openPage();
    try {
      await page.goto('/login');
      await chooseLanguage(page, en.language.menu, 'العربية');
      await page.getByRole('heading', { name: ar.login.title }).waitFor();
      expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'login-ar');
    } finally {
      await close();
    }
  });

  it('signs out: the session is gone and protected pages lead back to sign-in', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'coord.duty');
      await page.getByRole('button', { name: 'Account: Maj. Sarah Mitchell' }).click();
      await page.getByRole('menuitem', { name: en.shell.signOut }).click();
      await page.waitForURL(/\/login/);
      const status = await page.evaluate(async () => (await fetch('/api/me')).status);
      expect(status).toBe(401);
      await page.goto('/profile');
      await page.waitForURL(/\/login/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('enrols an authenticator app, then asks for its code at sign-in', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'pasf.hebron');
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      await page.goto('/profile');
      await page.getByRole('heading', { name: en.profile.title, level: 1 }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      const enrolment = page.waitForResponse('**/api/me/totp/enrolment');
      await page.getByRole('button', { name: en.totp.setUp }).click();
      const { secret } = await (await enrolment).json();
      await page.getByRole('img', { name: en.totp.qrAlt }).waitFor();
      // The key for manual entry is shown in groups of four characters.
      const shownKeys = await page.locator('code').allTextContents();
      expect(shownKeys.map((text) => text.replace(/\s/g, ''))).toContain(secret);
      await screenshot(page, 'totp-enrolment-en');

      const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
      await page.getByLabel(en.totp.codeLabel).fill(await codeAt(e2e.t.clock.now()));
      await page.getByRole('button', { name: en.totp.confirm, exact: true }).click();
      await page.getByText(en.totp.enabled).first().waitFor();

      await page.getByRole('button', { name: 'Account: Capt. Ahmad Khatib' }).click();
      await page.getByRole('menuitem', { name: en.shell.signOut }).click();
      await page.waitForURL(/\/login/);

      await signIn(page, 'pasf.hebron');
      const codeField = page.getByLabel(en.totp.codeLabel);
      await codeField.waitFor();
      expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'login-totp-step-en');
      e2e.t.clock.advance(30_000); // the enrolment code may not be used twice
      await codeField.fill(await codeAt(e2e.t.clock.now()));
      await page.getByRole('button', { name: en.login.verify }).click();
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fits a 360-pixel phone without sideways scrolling, and shows a not-found page', async () => {
    const { page, errors, close } = await openPage({ width: 360, height: 740 });
    try {
      await signIn(page, 'isf.supervisor');
      await page.getByRole('heading', { name: en.home.title }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'shell-home-phone-en');

      await page.goto('/no/such/page');
      await page.getByRole('heading', { name: en.notFound.title }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'not-found-phone-en');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
