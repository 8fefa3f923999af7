import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import en from '../../src/web/locales/en.json';
import { screenshot, seriousAccessibilityViolations, watchForPageErrors } from './browser';
import type { E2E } from './e2e-server';
import { DEMO_PASSWORD } from './test-app';

/** Steps the browser tests share: a fresh browser context, signing in, switching language, checking a page. */
export async function openPage(e2e: E2E) {
  const context = await e2e.newContext();
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  return { page, errors, close: () => context.close() };
}

export async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel(en.login.username).fill(username);
  await page.getByLabel(en.login.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel(en.login.password, { exact: true }).press('Enter');
  await page.getByRole('heading', { name: en.home.title }).waitFor();
}

export async function chooseLanguage(page: Page, currentMenuName: string, nativeName: string) {
  await page.getByRole('button', { name: currentMenuName, exact: true }).click();
  await page.getByRole('menuitemradio', { name: nativeName }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

/** Checked at every page the tests visit: axe finds nothing serious, and a screenshot is kept. */
export async function checkPage(page: Page, name: string) {
  // Let notifications and dialogs finish their transitions first: a toast still fading in is half
  // transparent, and axe would measure the contrast of a colour nobody reads.
  await page.waitForTimeout(400);
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('.mantine-Notification-root')].every((element) => {
          for (let at: Element | null = element; at; at = at.parentElement)
            if (Number.parseFloat(getComputedStyle(at).opacity) < 1) return false;
          return true;
        }),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

export const htmlDirection = (page: Page) => page.evaluate(() => document.documentElement.dir);
