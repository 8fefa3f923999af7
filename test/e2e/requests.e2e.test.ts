import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isoToZonedInput } from '../../src/core/zoned-time';
import ar from '../../src/web/locales/ar.json';
import en from '../../src/web/locales/en.json';
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

/** A form field by its whole label, with or without the asterisk of a required field. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

/** Long enough for the inbox's refresh to bring what the other browser did, without a reload. */
const LIVE = { timeout: 20_000 };

/** A minute ago on the server's clock, on the deployment's (Jerusalem), as the datetime-local input takes it. */
const handoverTime = (now: Date) =>
  isoToZonedInput(new Date(now.getTime() - 60_000).toISOString(), 'Asia/Jerusalem');

const statusBadge = (page: Page, label: string) =>
  page.locator('.mantine-Badge-root', { hasText: new RegExp(`^${label}$`) }).first();

/** The link in the side navigation (the home page links to the requests too). */
const navLink = (page: Page, navigation: string, name: string) =>
  page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });

/** A critical movement request from ISF Hebron, raised through the API; its reference. */
async function raiseMovementOverApi(): Promise<string> {
  const cookie = await e2e.t.login('isf.hebron');
  const get = (url: string) => e2e.t.app.inject({ method: 'GET', url, headers: { cookie } });
  const districts = (await get('/api/directory/districts')).json() as { id: string; code: string }[];
  const response = await e2e.t.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: { cookie },
    payload: {
      type: 'movement',
      priority: 'critical',
      districtId: districts.find((district) => district.code === 'HEBRON')?.id,
      fields: {
        unit: 'Battalion 50',
        personnel: 40,
        routeFrom: 'Kiryat Arba',
        routeTo: 'Cave of the Patriarchs',
        windowStart: '2026-12-01T08:00:00+02:00',
        windowEnd: '2026-12-01T10:00:00+02:00',
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { reference: string }).reference;
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.runIf(chromiumPath)(
  'coordination requests between two desks in real browsers',
  BROWSER_JOURNEY,
  () => {
    it('isf.hebron asks for a safe return in English; pasf.hebron, in Arabic, sees it arrive, acknowledges, approves with a handover point, starts and completes; coord.duty sees the whole history', async () => {
      const isf = await openPage();
      const pasf = await openPage();
      try {
        // PASF Hebron's officer keeps the inbox open, in Arabic.
        await signIn(pasf.page, 'pasf.hebron');
        await chooseLanguage(pasf.page, en.language.menu, 'العربية');
        await navLink(pasf.page, ar.shell.navigation, ar.nav.requests).click();
        await pasf.page.getByRole('heading', { name: ar.requests.title, level: 1 }).waitFor();
        expect(await htmlDirection(pasf.page)).toBe('rtl');
        await checkPage(pasf.page, 'requests-inbox-empty-ar');

        // ISF Hebron raises a safe return; an empty submission first shows what is missing, field by field.
        await signIn(isf.page, 'isf.hebron');
        await navLink(isf.page, en.shell.navigation, en.nav.requests).click();
        await isf.page.getByRole('link', { name: en.requests.new }).click();
        await isf.page.getByRole('heading', { name: en.requests.chooseType }).waitFor();
        await checkPage(isf.page, 'requests-types-en');
        await isf.page.getByRole('link', { name: 'Safe return' }).click();
        await isf.page.getByRole('heading', { name: 'Safe return', level: 2 }).waitFor();
        await isf.page.getByRole('button', { name: en.requests.form.submit }).click();
        const who = field(isf.page, 'Who');
        await isf.page.getByText(en.requests.form.required).first().waitFor();
        expect(await who.getAttribute('aria-invalid')).toBe('true');
        expect(
          await isf.page
            .getByRole('combobox', { name: new RegExp(`^${en.requests.district}`) })
            .getAttribute('aria-invalid'),
        ).toBe('true');
        await checkPage(isf.page, 'requests-form-errors-en');

        await who.fill('Two Israeli civilians, Yossi (34) and Dana (31)');
        await field(isf.page, 'Description').fill(
          'White Kia Picanto, Israeli plates 12-345-67; took a wrong turn',
        );
        await field(isf.page, 'Last known location').fill('Bab al-Zawiya, Hebron (باب الزاوية)');
        await field(isf.page, 'Contact').fill('+972 50 555 0101');
        // The place picker finds a place by any of its names; Hebron is a governorate.
        await isf.page.getByRole('combobox', { name: new RegExp(`^${en.requests.district}`) }).fill('Hebron');
        await isf.page.getByRole('option', { name: 'Hebron', exact: true }).click();
        expect(await isf.page.getByLabel(en.requests.priority.critical).isChecked()).toBe(true);
        await isf.page.getByRole('button', { name: en.requests.form.submit }).click();
        const title = isf.page.getByRole('heading', { level: 1 });
        await title.filter({ hasText: 'Safe return' }).waitFor();
        const reference = ((await title.textContent()) ?? '').split('·')[0]?.trim() ?? '';
        expect(reference).not.toBe('');
        await statusBadge(isf.page, en.requests.status.submitted).waitFor();
        expect(await isf.page.getByRole('note').count()).toBe(2); // the marking, top and bottom
        await checkPage(isf.page, 'request-submitted-en');
        const requestUrl = isf.page.url();

        // It appears in PASF's inbox without a reload, counting down, and the bell has it.
        const arrival = pasf.page.getByRole('link', { name: reference, exact: true });
        await arrival.waitFor(LIVE);
        const row = pasf.page.getByRole('listitem').filter({ has: arrival });
        expect(await row.textContent()).toContain('إعادة آمنة');
        expect(await row.textContent()).toContain(ar.requests.priority.critical);
        expect(await row.textContent()).toContain('Two Israeli civilians');
        await pasf.page.getByRole('status').filter({ hasText: reference }).first().waitFor(LIVE);
        await checkPage(pasf.page, 'requests-inbox-arrived-ar');
        await pasf.page.getByRole('button', { name: /^الإشعارات/ }).click();
        await pasf.page
          .getByRole('dialog')
          .getByRole('link', { name: new RegExp(reference) })
          .first()
          .waitFor();
        await checkPage(pasf.page, 'notifications-ar');
        await pasf.page.keyboard.press('Escape');

        // PASF acknowledges, then approves with the handover point, starts and completes.
        await arrival.click();
        await pasf.page.getByRole('heading', { name: ar.requests.yourActions }).waitFor();
        expect(await pasf.page.getByText('Bab al-Zawiya, Hebron (باب الزاوية)').getAttribute('dir')).toBe(
          'auto',
        );
        await checkPage(pasf.page, 'request-received-ar');
        await pasf.page.getByRole('button', { name: ar.requests.actions.acknowledge }).click();
        await statusBadge(pasf.page, ar.requests.status.acknowledged).waitFor();

        await pasf.page.getByRole('button', { name: ar.requests.actions.approveWithConditions }).click();
        const dialog = pasf.page.getByRole('dialog');
        await dialog.getByRole('button', { name: ar.requests.actions.approveWithConditions }).click();
        await dialog.getByText(ar.requests.conditionsRequired).waitFor();
        const handover = 'التسليم عند حاجز ترقوميا (Tarqumiya) الساعة 22:00';
        await field(dialog, ar.requests.conditions).fill(handover);
        await checkPage(pasf.page, 'request-conditions-ar');
        await dialog.getByRole('button', { name: ar.requests.actions.approveWithConditions }).click();
        await dialog.waitFor({ state: 'detached' });
        await statusBadge(pasf.page, ar.requests.status.approvedWithConditions).waitFor();

        // An internal note stays with PASF.
        await field(pasf.page, ar.requests.addComment).fill('الفريق في الطريق إلى باب الزاوية');
        await pasf.page.getByLabel(ar.requests.internalToggle).check();
        await pasf.page.getByRole('button', { name: ar.requests.postInternal }).click();
        // Exactly the badge: the thread's file picker has an "internal file" toggle that says more.
        await pasf.page.getByText(ar.requests.internalBadge, { exact: true }).waitFor();

        // A shared message goes to the request's channel: ISF reads it live; PASF follows the thread in Channels.
        const shared = 'وصلنا إلى باب الزاوية (Bab al-Zawiya)';
        await field(pasf.page, ar.requests.addComment).fill(shared);
        await pasf.page.getByRole('button', { name: ar.requests.post }).click();
        await isf.page.getByText(shared).waitFor(LIVE);
        await pasf.page.getByRole('link', { name: ar.requests.openThread }).click();
        await pasf.page.waitForURL(/\/channels\//);
        await pasf.page.getByText(ar.channels.kind.request).waitFor();
        await pasf.page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · `) }).waitFor();
        await pasf.page.getByText(shared).waitFor();
        expect(await pasf.page.getByText('الفريق في الطريق').count()).toBe(0);
        await checkPage(pasf.page, 'request-thread-channel-ar');
        await pasf.page.goBack();
        await pasf.page.getByRole('heading', { name: ar.requests.yourActions }).waitFor();

        // A safe return goes step by step: located, secured, on the way, handed over at a crossing.
        for (const [action, status] of [
          [ar.requests.actions.locate, ar.requests.status.located],
          [ar.requests.actions.secure, ar.requests.status.secured],
          [ar.requests.actions.depart, ar.requests.status.enRoute],
        ] as const) {
          await pasf.page.getByRole('button', { name: action, exact: true }).click();
          await statusBadge(pasf.page, status).waitFor();
        }
        await pasf.page.getByRole('button', { name: ar.requests.actions.handOver }).click();
        const handing = pasf.page.getByRole('dialog');
        await handing.getByRole('button', { name: ar.requests.actions.handOver }).click();
        await handing.getByText(ar.requests.handover.required).first().waitFor();
        await field(handing, ar.requests.handover.place).selectOption({
          label: 'مكتب التنسيق والارتباط في الخليل',
        });
        // The server's clock stands still in tests: ten minutes pass before the handover is recorded.
        e2e.t.clock.advance(10 * 60_000);
        await field(handing, ar.requests.handover.at).fill(handoverTime(e2e.t.clock.now()));
        await field(handing, ar.requests.handover.receivedBy).fill('النقيب نوعا ليفي، ارتباط الجيش');
        await field(handing, ar.requests.handover.condition).fill('بخير، دون إصابات');
        await checkPage(pasf.page, 'request-handover-ar');
        await handing.getByRole('button', { name: ar.requests.actions.handOver }).click();
        await handing.waitFor({ state: 'detached' });
        await statusBadge(pasf.page, ar.requests.status.completed).waitFor();
        await pasf.page.getByText('مكتب التنسيق والارتباط في الخليل').first().waitFor();
        expect(await pasf.page.getByRole('heading', { name: ar.requests.yourActions }).count()).toBe(0);
        await checkPage(pasf.page, 'request-completed-ar');

        // ISF's open page follows without a reload: completed, with PASF's conditions, without its note.
        await statusBadge(isf.page, en.requests.status.completed).waitFor(LIVE);
        await isf.page.getByText(handover).first().waitFor();
        // ISF reads where, when and to whom its people were handed over.
        await isf.page.getByText('Hebron District Coordination and Liaison Office').waitFor();
        await isf.page.getByText('النقيب نوعا ليفي، ارتباط الجيش').waitFor();
        expect(await isf.page.getByText('الفريق في الطريق').count()).toBe(0);
        await checkPage(isf.page, 'request-completed-en');

        // On a 360-pixel phone, in Arabic, the request fits without sideways scrolling.
        await pasf.page.setViewportSize({ width: 360, height: 740 });
        await pasf.page.waitForTimeout(300);
        expect(await noSidewaysScroll(pasf.page)).toBeLessThanOrEqual(0);
        await screenshot(pasf.page, 'request-phone-ar');

        // A movement ISF raises meanwhile heads PASF's home page, among the requests needing the desk.
        await pasf.page.setViewportSize({ width: 1280, height: 800 });
        const movement = await raiseMovementOverApi();
        await navLink(pasf.page, ar.shell.navigation, ar.nav.home).click();
        await pasf.page
          .getByRole('region', { name: ar.home.requestsTitle })
          .getByRole('link', { name: movement, exact: true })
          .waitFor();
        await checkPage(pasf.page, 'home-requests-ar');

        expect(isf.errors).toEqual([]);
        expect(pasf.errors).toEqual([]);

        // The coordinator's duty officer sees every step: who, from which desk, and the conditions.
        const coord = await openPage();
        try {
          await signIn(coord.page, 'coord.duty');
          await coord.page.goto(requestUrl);
          await coord.page.getByRole('heading', { name: en.requests.timeline }).waitFor();
          const history = coord.page.getByRole('region', { name: en.requests.timeline });
          for (const step of [
            en.requests.done.acknowledge,
            en.requests.done.approveWithConditions,
            en.requests.done.locate,
            en.requests.done.secure,
            en.requests.done.depart,
            en.requests.done.handOver,
          ]) {
            await history.getByText(step, { exact: true }).waitFor();
          }
          const text = (await history.textContent()) ?? '';
          expect(text).toContain('Capt. Noa Levi');
          expect(text).toContain('Capt. Ahmad Khatib');
          expect(text).toContain('PASF desk Hebron (DCL)');
          expect(text).toContain(handover);
          expect(await coord.page.getByText('الفريق في الطريق').count()).toBe(0);
          await checkPage(coord.page, 'request-coordinator-en');

          // Every open request, for the coordinator first: the movement among them.
          await navLink(coord.page, en.shell.navigation, en.nav.requests).click();
          expect(
            await coord.page.getByRole('tab', { name: en.requests.allOpen }).getAttribute('aria-selected'),
          ).toBe('true');
          await coord.page.getByRole('link', { name: movement, exact: true }).waitFor();
          await coord.page.getByLabel(en.requests.breachedOnly).check();
          await coord.page.getByText(en.requests.none).waitFor();

          // Nobody acknowledges it within its 10 minutes: it turns up among the breached, marked red.
          e2e.t.clock.advance(11 * 60_000);
          const breached = coord.page.getByRole('listitem').filter({
            has: coord.page.getByRole('link', { name: movement, exact: true }),
          });
          await breached.waitFor(LIVE);
          await checkPage(coord.page, 'requests-breached-coordinator-en');
          await breached.getByRole('link', { name: movement, exact: true }).click();
          await coord.page
            .getByText(
              en.requests.breachedMilestone.replace('{{milestone}}', en.requests.milestone.acknowledge),
            )
            .waitFor();
          // The server's clock was moved, not this browser's: the page trusts the server that it is missed.
          await coord.page
            .getByText(
              en.requests.countdown.missed.replace('{{milestone}}', en.requests.milestone.acknowledge),
            )
            .first()
            .waitFor();
          await checkPage(coord.page, 'request-breached-coordinator-en');
          expect(coord.errors).toEqual([]);
        } finally {
          await coord.close();
        }
      } finally {
        await isf.close();
        await pasf.close();
      }
    }, 240_000);

    it("shows an administrator without a coordinating role, the coordinator's or a party's, no New request, in English and in Arabic, as the server would refuse it", async () => {
      // A party's administrator: a member of a party, who may not raise its requests (the server answers 403).
      await e2e.t.app.services.identity.createUser({
        username: 'isf.admin',
        displayName: 'ISF administrator',
        password: DEMO_PASSWORD,
        roles: ['administrator'],
        language: 'en',
        nationality: 'ISR',
        clearance: 'U',
        partyCode: 'ISF',
      });
      for (const username of ['admin', 'isf.admin']) {
        const admin = await openPage();
        try {
          await signIn(admin.page, username);
          const requestsPage = async (heading: string) => {
            await admin.page.goto('/requests');
            await admin.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
            await admin.page.getByRole('tablist').waitFor();
          };
          await requestsPage(en.requests.title);
          expect(await admin.page.getByRole('link', { name: en.requests.new }).count()).toBe(0);
          expect(await admin.page.getByRole('button', { name: en.requests.new }).count()).toBe(0);
          await checkPage(admin.page, `requests-${username}-en`);

          await chooseLanguage(admin.page, en.language.menu, 'العربية');
          await requestsPage(ar.requests.title);
          expect(await htmlDirection(admin.page)).toBe('rtl');
          expect(await admin.page.getByRole('link', { name: ar.requests.new }).count()).toBe(0);
          expect(await admin.page.getByRole('button', { name: ar.requests.new }).count()).toBe(0);
          await checkPage(admin.page, `requests-${username}-ar`);

          // Its address answers as the server does: not theirs.
          await admin.page.goto('/requests/new');
          await admin.page.getByRole('heading', { name: ar.notFound.title }).waitFor();
          expect(admin.errors).toEqual([]);
        } finally {
          await admin.close();
        }
      }
    }, 180_000);
  },
);
