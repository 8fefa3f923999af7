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

/**
 * Issue 15 in real browsers: a four-eyes answer (the PASF desk drafts in
 * Arabic, its supervisor approves an edited answer in English, the ISF desk
 * reads only the approved answer); the coordinator's safe-return figures on
 * the home page in three languages; an incident's crisis room opened in one
 * step, the room and the request linked to each other. axe on every page.
 */

const e2e = serveBrowserTests();
const openPage = () => openPageOf(e2e);

const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
const statusBadge = (page: Page, label: string) =>
  page.locator('.mantine-Badge-root', { hasText: new RegExp(`^${label}$`) }).first();

const DRAFTED = 'الطريق مفتوح حتى منتصف الليل';
const EDITED = 'الطريق مفتوح حتى الساعة 23:00 بمرافقة الشرطة';

/** A request raised over the API as `username`; its id and reference. */
async function raise(username: string, body: Record<string, unknown>) {
  const cookie = await e2e.t.login(username);
  const districts = (
    await e2e.t.app.inject({ method: 'GET', url: '/api/directory/districts', headers: { cookie } })
  ).json() as { id: string; code: string }[];
  const response = await e2e.t.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: { cookie },
    payload: { districtId: districts.find((district) => district.code === 'HEBRON')?.id, ...body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; reference: string };
}

describe.runIf(chromiumPath)(
  'four-eyes answers, safe-return figures and crisis rooms, in real browsers',
  BROWSER_JOURNEY,
  () => {
    it('the desk drafts in Arabic, a supervisor approves an edited answer in English, ISF reads only that', async () => {
      const rfi = await raise('isf.hebron', {
        type: 'rfi',
        fields: { question: 'Is the road to Bani Naim open tonight?', category: 'security' },
      });
      const url = `/requests/${rfi.id}`;

      const desk = await openPage();
      try {
        const page = desk.page;
        await signIn(page, 'pasf.hebron');
        await chooseLanguage(page, en.language.menu, 'العربية');
        expect(await htmlDirection(page)).toBe('rtl');
        await page.goto(url);
        await page.getByRole('button', { name: ar.requests.actions.acknowledge }).click();
        await statusBadge(page, ar.requests.status.acknowledged).waitFor();
        // No direct answer: the desk drafts it for a supervisor.
        expect(
          await page.getByRole('button', { name: ar.requests.actions.approve, exact: true }).count(),
        ).toBe(0);
        await page.getByRole('button', { name: ar.requests.actions.draftAnswer }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('radio', { name: ar.requests.actions.approveWithConditions }).check();
        await field(dialog, ar.requests.conditions).fill(DRAFTED);
        await checkPage(page, 'answer-draft-ar');
        await dialog.getByRole('button', { name: ar.requests.actions.draftAnswer }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByText(ar.requests.answer.title).waitFor();
        await page.getByText(DRAFTED).first().waitFor();
        await checkPage(page, 'answer-waiting-ar');
        expect(desk.errors).toEqual([]);
      } finally {
        await desk.close();
      }

      const requester = await openPage();
      try {
        const page = requester.page;
        await signIn(page, 'isf.hebron');
        await chooseLanguage(page, en.language.menu, 'עברית');
        await page.goto(url);
        await statusBadge(page, he.requests.status.acknowledged).waitFor();
        expect(await page.getByText(DRAFTED).count()).toBe(0);
        expect(await page.getByText(he.requests.answer.title).count()).toBe(0);

        const supervisor = await openPage();
        try {
          const sup = supervisor.page;
          await signIn(sup, 'pasf.supervisor');
          await sup.goto(url);
          await sup.getByText(DRAFTED).first().waitFor();
          await sup.getByRole('button', { name: en.requests.actions.approveAnswer }).click();
          const dialog = sup.getByRole('dialog');
          expect(await field(dialog, en.requests.conditions).inputValue()).toBe(DRAFTED);
          await field(dialog, en.requests.conditions).fill(EDITED);
          await checkPage(sup, 'answer-approve-en');
          await dialog.getByRole('button', { name: en.requests.actions.approveAnswer }).click();
          await dialog.waitFor({ state: 'detached' });
          await statusBadge(sup, en.requests.status.approvedWithConditions).waitFor();
          expect(supervisor.errors).toEqual([]);
        } finally {
          await supervisor.close();
        }

        // The requesting desk's open page follows: the approved answer, never the draft.
        await statusBadge(page, he.requests.status.approvedWithConditions).waitFor({ timeout: 20_000 });
        await page.getByText(EDITED).first().waitFor();
        expect(await page.getByText(DRAFTED).count()).toBe(0);
        expect(await page.getByText(he.requests.done.draftAnswer).count()).toBe(0);
        await checkPage(page, 'answer-approved-he');
        expect(requester.errors).toEqual([]);
      } finally {
        await requester.close();
      }
    });

    it("shows the coordinator this year's safe returns on the home page, in English, Arabic and Hebrew", async () => {
      const coord = await openPage();
      try {
        const page = coord.page;
        await signIn(page, 'coord.duty');
        for (const [words, name] of [
          [en, 'en'],
          [ar, 'ar'],
          [he, 'he'],
        ] as const) {
          if (name !== 'en')
            await chooseLanguage(
              page,
              name === 'ar' ? en.language.menu : ar.language.menu,
              name === 'ar' ? 'العربية' : 'עברית',
            );
          const panel = page.getByRole('region', { name: words.statistics.safeReturns.title });
          await panel.getByText(words.statistics.thisYear).waitFor();
          await panel.getByText(words.statistics.thisMonth).waitFor();
          await checkPage(page, `home-safe-returns-${name}`);
        }
        await chooseLanguage(page, he.language.menu, 'English');
        expect(coord.errors).toEqual([]);
      } finally {
        await coord.close();
      }
    });

    it('opens an incident crisis room in one step, and the room and the request link to each other', async () => {
      const incident = await raise('isf.hebron', {
        type: 'incident',
        fields: { location: 'Shuhada Street', severity: 'serious', description: 'Stones thrown at a patrol' },
      });
      const coord = await openPage();
      try {
        const page = coord.page;
        await signIn(page, 'coord.duty');
        await page.goto(`/requests/${incident.id}`);
        await page.getByRole('button', { name: en.requests.crisisRoom.open }).click();
        await page.waitForURL(/\/channels\//);
        await page.getByRole('heading', { level: 1, name: new RegExp(incident.reference) }).waitFor();
        const linked = page.getByRole('region', { name: en.requests.links.linkedRequests });
        await linked.getByRole('link', { name: incident.reference }).waitFor();
        await checkPage(page, 'crisis-room-from-incident-en');
        await linked.getByRole('link', { name: incident.reference }).click();
        const links = page.getByRole('region', { name: en.requests.links.title });
        await links
          .getByRole('listitem')
          .getByText(en.requests.links.kind.channel, { exact: true })
          .waitFor();
        expect(await page.getByRole('button', { name: en.requests.crisisRoom.open }).count()).toBe(0);
        await checkPage(page, 'incident-linked-room-en');
        expect(coord.errors).toEqual([]);
      } finally {
        await coord.close();
      }
    });
  },
);
