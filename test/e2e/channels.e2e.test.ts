import type { Page } from 'playwright-core';
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

const e2e = serveBrowserTests();

const openPage = () => openPageOf(e2e);

/** Long enough for a live event to reach the other browsers and their fetch to come back. */
const LIVE = { timeout: 20_000 };

const navLink = (page: Page, navigation: string, name: string) =>
  page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });

/** A message in the conversation, found by a piece of its text. */
const message = (page: Page, text: string) =>
  page
    .getByRole('list', { name: /^(Messages|الرسائل|הודעות)$/ })
    .getByRole('listitem')
    .filter({ hasText: text });

async function say(page: Page, composeLabel: string, sendLabel: string, text: string) {
  await page.getByRole('textbox', { name: composeLabel }).fill(text);
  await page.getByRole('button', { name: sendLabel, exact: true }).click();
  await message(page, text).waitFor();
}

async function openChannel(page: Page, navigation: string, channels: string, name: string) {
  await navLink(page, navigation, channels).click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

async function apiAs(username: string) {
  const cookie = await e2e.t.login(username);
  return (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    payload === undefined
      ? e2e.t.app.inject({ method, url, headers: { cookie } })
      : e2e.t.app.inject({ method, url, headers: { cookie }, payload });
}

async function userIds(): Promise<Map<string, string>> {
  const call = await apiAs('coord.duty');
  const users = (await call('GET', '/api/directory/users')).json() as { id: string; username: string }[];
  return new Map(users.map((user) => [user.username, user.id]));
}

/** A movement request from ISF Hebron, submitted through the API: its thread opens with the duty coordinator. */
async function raiseMovementOverApi(): Promise<string> {
  const isfApi = await apiAs('isf.hebron');
  const districts = (await isfApi('GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  const response = await isfApi('POST', '/api/requests', {
    type: 'movement',
    priority: 'routine',
    districtId: districts.find((district) => district.code === 'HEBRON')?.id,
    fields: {
      unit: 'Battalion 50',
      personnel: 12,
      routeFrom: 'Kiryat Arba',
      routeTo: 'Tel Rumeida',
      windowStart: '2026-12-02T08:00:00+02:00',
      windowEnd: '2026-12-02T09:00:00+02:00',
    },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { id: string }).id;
}

const ENGLISH = 'Crowd gathering at Bab al-Zawiya. Both sides hold positions; report in 10 minutes.';
// Arabic, with a Hebrew place name (Kiryat Arba) and an English unit code.
const ARABIC = 'وحدة PASF-DCL-7 متمركزة قرب קריית ארבע منذ الساعة 14:00';
// Hebrew, with an English unit code.
const HEBREW = 'כוח ISF-12 נשאר בעמדה ליד מערת המכפלה';
const URGENT = 'URGENT: all units hold at current positions until further notice.';

describe.runIf(chromiumPath)('channels and crisis rooms in real browsers', BROWSER_JOURNEY, () => {
  it('coord.duty opens a crisis room for Hebron with isf.hebron and pasf.hebron; they talk in three languages live; an urgent message waits for acknowledgement; the room closes read-only for everyone', async () => {
    const coord = await openPage();
    const pasf = await openPage();
    const isf = await openPage();
    try {
      // The coordinator opens the room and invites both Hebron desks.
      await signIn(coord.page, 'coord.duty');
      await navLink(coord.page, en.shell.navigation, en.nav.channels).click();
      await coord.page.getByRole('heading', { name: en.channels.title, level: 1 }).waitFor();
      await coord.page.getByRole('button', { name: en.channels.crisis.open }).click();
      const dialog = coord.page.getByRole('dialog');
      await dialog.getByRole('button', { name: en.channels.crisis.submit }).click();
      await dialog.getByText(en.channels.crisis.nameRequired).waitFor();
      await dialog.getByLabel(en.channels.crisis.name).fill('Hebron crisis room');
      const invite = dialog.getByLabel(en.channels.crisis.members, { exact: true });
      for (const username of ['isf.hebron', 'pasf.hebron']) {
        await invite.fill(username);
        await coord.page.getByRole('option', { name: new RegExp(username.replace('.', '\\.')) }).click();
      }
      // The picker's list closes when the focus leaves it.
      await dialog.getByLabel(en.channels.crisis.name).click();
      await coord.page.getByRole('listbox').waitFor({ state: 'hidden' });
      await checkPage(coord.page, 'channels-crisis-open-en');
      await dialog.getByRole('button', { name: en.channels.crisis.submit }).click();
      await coord.page.getByRole('heading', { name: 'Hebron crisis room', level: 1 }).waitFor();
      const members = coord.page.getByRole('region', { name: /3 members/ });
      for (const name of ['Maj. Sarah Mitchell', 'Capt. Noa Levi', 'Capt. Ahmad Khatib']) {
        await members.getByText(name).waitFor();
      }
      await checkPage(coord.page, 'channel-crisis-empty-en');

      // PASF Hebron, in Arabic, and ISF Hebron, in Hebrew, find the room among their channels.
      await signIn(pasf.page, 'pasf.hebron');
      await chooseLanguage(pasf.page, en.language.menu, 'العربية');
      await navLink(pasf.page, ar.shell.navigation, ar.nav.channels).click();
      await pasf.page.getByRole('link', { name: 'Hebron crisis room' }).waitFor();
      expect(await htmlDirection(pasf.page)).toBe('rtl');
      await checkPage(pasf.page, 'channels-list-ar');
      await pasf.page.getByRole('link', { name: 'Hebron crisis room' }).click();
      await pasf.page.getByRole('heading', { name: 'Hebron crisis room', level: 1 }).waitFor();

      await signIn(isf.page, 'isf.hebron');
      await chooseLanguage(isf.page, en.language.menu, 'עברית');
      await openChannel(isf.page, he.shell.navigation, he.nav.channels, 'Hebron crisis room');
      expect(await htmlDirection(isf.page)).toBe('rtl');
      // The coordinator's page shows both officers online as they connect: pushed, not polled every 30 s.
      for (const name of ['Capt. Noa Levi', 'Capt. Ahmad Khatib'])
        await members
          .getByRole('listitem')
          .filter({ hasText: name })
          .getByText(en.channels.members.online, { exact: true })
          .waitFor({ timeout: 10_000 });

      // Three languages; each message reaches the other two pages without a reload.
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, ENGLISH);
      await message(pasf.page, ENGLISH).waitFor(LIVE);
      await message(isf.page, ENGLISH).waitFor(LIVE);

      const composer = pasf.page.getByRole('textbox', { name: ar.channels.compose.label });
      expect(await composer.getAttribute('dir')).toBe('auto');
      await say(pasf.page, ar.channels.compose.label, ar.channels.compose.send, ARABIC);
      await message(coord.page, ARABIC).waitFor(LIVE);
      await message(isf.page, ARABIC).waitFor(LIVE);

      await say(isf.page, he.channels.compose.label, he.channels.compose.send, HEBREW);
      await message(coord.page, HEBREW).waitFor(LIVE);
      await message(pasf.page, HEBREW).waitFor(LIVE);

      // Each body takes its own direction, isolated from the page's.
      for (const page of [coord.page, pasf.page, isf.page]) {
        const bodies = message(page, ARABIC).locator('[dir="auto"]').filter({ hasText: ARABIC });
        expect(await bodies.count()).toBe(1);
        const direction = await bodies.evaluate((element) => ({
          dir: element.getAttribute('dir'),
          direction: getComputedStyle(element).direction,
          isolation: getComputedStyle(element).unicodeBidi,
        }));
        expect(direction).toEqual({ dir: 'auto', direction: 'rtl', isolation: 'isolate' });
        const english = message(page, ENGLISH).locator('[dir="auto"]').filter({ hasText: ENGLISH });
        expect(await english.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
      }
      // In sequence order on every page, once each.
      for (const page of [coord.page, pasf.page, isf.page]) {
        const texts = await page
          .getByRole('list', { name: /^(Messages|الرسائل|הודעות)$/ })
          .getByRole('listitem')
          .allTextContents();
        expect(texts).toHaveLength(3);
        expect(texts[0]).toContain(ENGLISH);
        expect(texts[1]).toContain(ARABIC);
        expect(texts[2]).toContain(HEBREW);
      }
      await checkPage(pasf.page, 'channel-mixed-direction-ar');
      await checkPage(isf.page, 'channel-mixed-direction-he');
      await checkPage(coord.page, 'channel-three-languages-en');

      // ISF corrects her message; the coordinator deletes one sent by mistake. Both follow live.
      const own = message(isf.page, HEBREW);
      await own.getByRole('button', { name: he.channels.edit.action }).click();
      const edited = `${HEBREW} — עד 16:00`;
      await isf.page.getByRole('textbox', { name: he.channels.edit.label }).fill(edited);
      await own.getByRole('button', { name: he.channels.edit.save }).click();
      await message(coord.page, edited).getByText(en.channels.edited).waitFor(LIVE);
      await message(pasf.page, edited).getByText(ar.channels.edited).waitFor(LIVE);

      // ISF attaches a note to her message; the others see it, named as written, and download it.
      const chooser = isf.page.waitForEvent('filechooser');
      await own.getByRole('button', { name: he.channels.attach.action }).click();
      await (await chooser).setFiles({
        name: 'מיקום-הכוח.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('ISF-12 at the Cave of the Patriarchs until 16:00\n'),
      });
      const file = message(coord.page, edited).getByRole('link', { name: 'מיקום-הכוח.txt' });
      await file.waitFor(LIVE);
      const download = await coord.page.request.get((await file.getAttribute('href')) as string);
      expect(await download.text()).toContain('ISF-12');

      const mistake = 'Wrong room, please ignore.';
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, mistake);
      await message(pasf.page, mistake).waitFor(LIVE);
      await message(coord.page, mistake).getByRole('button', { name: en.channels.delete.action }).click();
      await coord.page.getByRole('dialog').getByRole('button', { name: en.channels.delete.confirm }).click();
      await message(coord.page, en.channels.deleted).waitFor();
      await message(pasf.page, ar.channels.deleted).waitFor(LIVE);
      expect(await message(pasf.page, mistake).count()).toBe(0);
      await checkPage(isf.page, 'channel-edited-deleted-he');

      // The coordinator answers PASF's message; the reply quotes it.
      await message(coord.page, ARABIC).getByRole('button', { name: 'Reply to Capt. Ahmad Khatib' }).click();
      const answer = 'Noted, thank you. Hold there.';
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, answer);
      const quoted = message(pasf.page, answer);
      await quoted.waitFor(LIVE);
      await quoted.getByText(ar.channels.inReplyTo.replace('{{name}}', 'Capt. Ahmad Khatib')).waitFor();
      expect(await quoted.textContent()).toContain('PASF-DCL-7');

      // A message marked above what the Hebron officers are cleared for (C) reaches only those who may read it.
      const secret = 'Source reports movement near the Cave of the Patriarchs.';
      await coord.page.getByLabel(en.channels.compose.marking).selectOption('(S)');
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, secret);
      expect(await message(coord.page, secret).textContent()).toContain('(S)');
      const after = 'Next update at 15:00.';
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, after);
      for (const other of [pasf.page, isf.page]) {
        await message(other, after).waitFor(LIVE);
        expect(await message(other, secret).count()).toBe(0);
      }

      // An urgent message: the sender sees who has not acknowledged it yet.
      await coord.page.getByLabel(en.channels.compose.urgent).check();
      await say(coord.page, en.channels.compose.label, en.channels.compose.send, URGENT);
      const urgentForCoord = message(coord.page, URGENT);
      const tally = urgentForCoord.getByTestId('acknowledgements');
      await tally.getByText(en.channels.ack.pending).waitFor();
      expect(await tally.textContent()).toMatch(/Not yet acknowledged by:.*Capt\. Noa Levi/);
      expect(await tally.textContent()).toMatch(/Not yet acknowledged by:.*Capt\. Ahmad Khatib/);
      const urgentForPasf = message(pasf.page, URGENT);
      await urgentForPasf.getByRole('button', { name: ar.channels.ack.action }).waitFor(LIVE);
      await message(isf.page, URGENT).getByRole('button', { name: he.channels.ack.action }).waitFor(LIVE);
      await checkPage(pasf.page, 'channel-urgent-ar');

      // Nobody acknowledges within the re-alert interval: both recipients are alerted again.
      e2e.t.clock.advance(301_000);
      const pasfApi = await apiAs('pasf.hebron');
      await expect
        .poll(
          async () =>
            ((await pasfApi('GET', '/api/notifications')).json().items as { kind: string }[]).filter(
              (alert) => alert.kind === 'message.realerted',
            ).length,
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      // In the page too: PASF's open room says it is still waiting.
      await pasf.page
        .getByText(ar.channels.realert.replace('{{channel}}', 'Hebron crisis room'))
        .first()
        .waitFor(LIVE);
      await checkPage(pasf.page, 'channel-urgent-realerted-ar');

      // PASF acknowledges; the sender sees who has and who still has not.
      await urgentForPasf.getByRole('button', { name: ar.channels.ack.action }).click();
      await urgentForPasf.getByText(ar.channels.ack.done).waitFor();
      await expect
        .poll(async () => (await tally.textContent()) ?? '', LIVE)
        .toMatch(/Acknowledged by:.*Capt\. Ahmad Khatib.*Not yet acknowledged by:.*Capt\. Noa Levi/);
      await checkPage(coord.page, 'channel-urgent-acknowledgements-en');

      // The coordinator adds someone, and removes them again.
      await coord.page.getByRole('combobox', { name: en.channels.members.add }).fill('coord.gbr');
      await coord.page.getByRole('option', { name: /coord\.gbr/ }).click();
      await coord.page.getByRole('button', { name: en.channels.members.addAction, exact: true }).click();
      await coord.page
        .getByRole('region', { name: /4 members/ })
        .getByText('Lt Col James Whitfield')
        .waitFor();
      await coord.page.getByRole('button', { name: 'Remove Lt Col James Whitfield' }).click();
      const three = coord.page.getByRole('region', { name: /3 members/ });
      await three.waitFor();
      expect(await three.getByRole('listitem').filter({ hasText: 'Lt Col James Whitfield' }).count()).toBe(0);

      // The coordinator closes the room: read-only for all three, at once.
      await coord.page.getByRole('button', { name: en.channels.close.action }).click();
      await coord.page.getByRole('dialog').getByRole('button', { name: en.channels.close.confirm }).click();
      await coord.page.getByText(en.channels.readOnly).waitFor();
      await pasf.page.getByText(ar.channels.readOnly).waitFor(LIVE);
      await isf.page.getByText(he.channels.readOnly).waitFor(LIVE);
      for (const [page, label] of [
        [coord.page, en.channels.compose.label],
        [pasf.page, ar.channels.compose.label],
        [isf.page, he.channels.compose.label],
      ] as const) {
        expect(await page.getByRole('textbox', { name: label }).count()).toBe(0);
      }
      expect(
        await message(isf.page, URGENT).getByRole('button', { name: he.channels.ack.action }).count(),
      ).toBe(0);
      await checkPage(coord.page, 'channel-closed-en');
      await checkPage(pasf.page, 'channel-closed-ar');
      // On a 360-pixel phone, in Arabic, the room fits without sideways scrolling.
      // (Loaded afresh, as on a phone: the text areas' hidden measuring copy keeps the desktop's width.)
      await pasf.page.setViewportSize({ width: 360, height: 740 });
      await pasf.page.reload();
      await pasf.page.getByText(ar.channels.readOnly).waitFor();
      expect(
        await pasf.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await screenshot(pasf.page, 'channel-phone-ar');
      await screenshot(isf.page, 'channel-closed-he');

      expect(coord.errors).toEqual([]);
      expect(pasf.errors).toEqual([]);
      expect(isf.errors).toEqual([]);
    } finally {
      await coord.close();
      await pasf.close();
      await isf.close();
    }
  }, 240_000);

  it('the list counts unread messages and mentions; desktop notifications come on from a button; a message written offline is shown as queued and delivered once when the link returns', async () => {
    const ids = await userIds();
    const coordApi = await apiAs('coord.duty');
    const created = await coordApi('POST', '/api/channels', {
      kind: 'crisis',
      name: 'Hebron night watch',
      // Someone still reading in English (the first journey left the Hebron desks in Arabic and Hebrew).
      memberIds: [ids.get('coord.gbr')],
    });
    expect(created.statusCode).toBe(201);
    const channelId = (created.json() as { id: string }).id;
    const post = (body: string, urgent = false) =>
      coordApi('POST', `/api/channels/${channelId}/messages`, {
        body,
        urgent,
        idempotencyKey: crypto.randomUUID(),
      });

    const gbr = await openPage();
    try {
      // The browser's Notification API, recorded: asked only from the button, never on load.
      await gbr.page.addInitScript(() => {
        const shown: { title: string; body?: string }[] = [];
        class RecordedNotification {
          static permission: NotificationPermission = 'default';
          static asked = 0;
          static async requestPermission() {
            RecordedNotification.asked += 1;
            RecordedNotification.permission = 'granted';
            return RecordedNotification.permission;
          }
          onclick: (() => void) | null = null;
          constructor(title: string, options?: { body?: string }) {
            shown.push({ title, body: options?.body });
          }
        }
        Object.assign(window, { Notification: RecordedNotification, shownNotifications: shown });
      });
      const shown = () =>
        gbr.page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);
      const asked = () =>
        gbr.page.evaluate(
          () => (window as unknown as { Notification: { asked: number } }).Notification.asked,
        );

      await signIn(gbr.page, 'coord.gbr');
      await navLink(gbr.page, en.shell.navigation, en.nav.channels).click();
      const row = gbr.page
        .getByRole('listitem')
        .filter({ has: gbr.page.getByRole('link', { name: 'Hebron night watch' }) });
      await row.waitFor();
      expect(await row.textContent()).not.toMatch(/unread|mention/);
      // A message mentioning them arrives while the list is open: the counts follow without a reload.
      expect((await post('@coord.gbr please confirm the night watch roster')).statusCode).toBe(201);
      await row.getByText('1 unread', { exact: true }).waitFor(LIVE);
      await row.getByText('1 mention', { exact: true }).waitFor();
      expect(await asked()).toBe(0);
      await checkPage(gbr.page, 'channels-unread-en');
      await gbr.page.getByRole('button', { name: en.channels.desktop.enable }).click();
      await gbr.page.getByText(en.channels.desktop.on).waitFor();
      expect(await asked()).toBe(1);

      await openChannel(gbr.page, en.shell.navigation, en.nav.channels, 'Hebron night watch');
      await message(gbr.page, 'please confirm the night watch roster')
        .getByText(en.channels.mentionsYou)
        .waitFor();
      // An urgent message arrives: a desktop notification says where, not what.
      expect((await post('Roster change: report to the DCO at 22:00.', true)).statusCode).toBe(201);
      await message(gbr.page, 'Roster change').waitFor(LIVE);
      await expect
        .poll(shown, LIVE)
        .toEqual([{ title: en.channels.desktop.urgent, body: 'Hebron night watch' }]);

      await gbr.page.context().setOffline(true);
      const texts = ['Checkpoint 300 quiet, no movement.', 'Patrol back at the DCO, all accounted for.'];
      const queue = gbr.page.getByRole('list', { name: en.channels.queued.title });
      for (const text of texts) {
        await gbr.page.getByRole('textbox', { name: en.channels.compose.label }).fill(text);
        await gbr.page.getByRole('button', { name: en.channels.compose.send, exact: true }).click();
        await queue.getByText(text).waitFor(LIVE);
        expect(await message(gbr.page, text).count()).toBe(0);
      }
      await screenshot(gbr.page, 'channel-queued-offline-en');

      // The link returns: both go, once each, in the order written.
      await gbr.page.context().setOffline(false);
      for (const text of texts) await message(gbr.page, text).waitFor({ timeout: 30_000 });
      await queue.waitFor({ state: 'detached' });
      for (const text of texts) expect(await message(gbr.page, text).count()).toBe(1);
      const page = (await coordApi('GET', `/api/channels/${channelId}/messages`)).json() as {
        items: { body: string }[];
      };
      expect(page.items.map((item) => item.body).filter((body) => texts.includes(body))).toEqual(texts);
      await checkPage(gbr.page, 'channel-queued-delivered-en');

      // Everything shown was read: the list counts nothing unread any more.
      await navLink(gbr.page, en.shell.navigation, en.nav.channels).click();
      await row.waitFor();
      await expect.poll(async () => (await row.textContent()) ?? '', LIVE).not.toMatch(/unread|mention/);
      expect(gbr.errors).toEqual([]);
    } finally {
      await gbr.close();
    }
  }, 120_000);

  it('coord.duty opens the standing channels and hotlines from the list and reads the outcome, corrects a message and reads its earlier version in Arabic, then leaves the channel and it drops out of the list; the thread of a request leads to it', async () => {
    const ids = await userIds();
    const coordApi = await apiAs('coord.duty');
    const created = await coordApi('POST', '/api/channels', {
      kind: 'crisis',
      name: 'Jenin liaison check',
      memberIds: [ids.get('coord.gbr')],
    });
    expect(created.statusCode).toBe(201);
    const channelId = (created.json() as { id: string }).id;
    const first = 'Liaison meeting at the Salem DCO at 09:00.';
    const posted = await coordApi('POST', `/api/channels/${channelId}/messages`, {
      body: first,
      urgent: false,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(posted.statusCode).toBe(201);
    const seq = (posted.json() as { seq: number }).seq;

    const coord = await openPage();
    try {
      // The channels the directory calls for, opened from the list; the page says what was done.
      await signIn(coord.page, 'coord.duty');
      await navLink(coord.page, en.shell.navigation, en.nav.channels).click();
      await coord.page.getByRole('heading', { name: en.channels.title, level: 1 }).waitFor();
      await coord.page.getByRole('button', { name: en.channels.directory.standing }).click();
      const standing = coord.page.getByRole('status').filter({ hasText: en.channels.directory.standingDone });
      await standing.waitFor();
      expect(await standing.textContent()).toMatch(/\d+ channels? opened\. \d+ members? added\./);
      await coord.page.getByRole('button', { name: en.channels.directory.hotlines }).click();
      const hotlines = coord.page.getByRole('status').filter({ hasText: en.channels.directory.hotlinesDone });
      await hotlines.waitFor();
      expect(await hotlines.textContent()).toMatch(/\d+ channels? opened\. \d+ members? added\./);
      // The list follows: the coordinator is on every hotline.
      await coord.page
        .getByRole('link', { name: /^Hotline: / })
        .first()
        .waitFor();
      // One channel per working group of the directory (the duty officer is in none of them).
      await coord.page.getByRole('button', { name: en.channels.directory.workingGroups }).click();
      const groups = coord.page
        .getByRole('status')
        .filter({ hasText: en.channels.directory.workingGroupsDone });
      await groups.waitFor();
      expect(await groups.textContent()).toContain('4 channels opened.');
      await checkPage(coord.page, 'channels-directory-opened-en');

      // Narrowed to one kind, the list shows only channels of that kind, and the address keeps the choice.
      await coord.page.getByLabel(en.channels.filter.label).selectOption({ label: en.channels.kind.hotline });
      await coord.page.waitForURL(/[?&]kind=hotline/);
      const rows = coord.page.locator('main ul > li');
      await expect
        .poll(() => rows.count())
        .toBe(await rows.filter({ hasText: en.channels.kind.hotline }).count());
      expect(await rows.filter({ hasText: /Hotline: / }).count()).toBeGreaterThan(0);
      await coord.page.getByLabel(en.channels.filter.label).selectOption({ label: en.channels.filter.all });
      await coord.page.waitForURL((url) => !url.search.includes('kind='));

      // Again, in Arabic: everything is already open, and the page says so in Arabic's zero form.
      await chooseLanguage(coord.page, en.language.menu, 'العربية');
      expect(await htmlDirection(coord.page)).toBe('rtl');
      await coord.page.getByRole('button', { name: ar.channels.directory.hotlines }).click();
      await coord.page
        .getByRole('status')
        .filter({ hasText: ar.channels.directory.hotlinesDone })
        .getByText(`${ar.channels.directory.created_zero} ${ar.channels.directory.membersAdded_zero}`)
        .waitFor();
      await checkPage(coord.page, 'channels-directory-again-ar');

      // The coordinator corrects their message, in Arabic, and reads what it said before.
      await openChannel(coord.page, ar.shell.navigation, ar.nav.channels, 'Jenin liaison check');
      const own = coord.page.locator(`li[data-seq="${seq}"]`);
      await own.getByRole('button', { name: ar.channels.edit.action }).click();
      const corrected = 'اجتماع الارتباط في Salem DCO عند الساعة 10:00 بدلًا من 09:00.';
      await coord.page.getByRole('textbox', { name: ar.channels.edit.label }).fill(corrected);
      await own.getByRole('button', { name: ar.channels.edit.save }).click();
      await message(coord.page, corrected).waitFor();
      await own.getByRole('button', { name: new RegExp(`^${ar.channels.edited}`) }).click();
      const history = coord.page.getByRole('dialog', { name: ar.channels.history.title });
      const versions = history.getByRole('listitem');
      await expect.poll(() => versions.count()).toBe(2);
      expect(await versions.nth(0).textContent()).toContain(ar.channels.history.current);
      expect(await versions.nth(0).textContent()).toContain(corrected);
      expect(await versions.nth(1).textContent()).toContain(ar.channels.history.earlier);
      expect(await versions.nth(1).textContent()).toContain(first);
      // Each version in its own direction, whatever the page's.
      const before = history.locator('[dir="auto"]').filter({ hasText: first });
      expect(await before.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
      const after = history.locator('[dir="auto"]').filter({ hasText: corrected });
      expect(await after.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      await checkPage(coord.page, 'channel-message-history-ar');
      await coord.page.keyboard.press('Escape');
      await history.waitFor({ state: 'detached' });

      // The coordinator leaves the channel: asked first, then back at the list, which no longer has it.
      await coord.page.getByRole('button', { name: ar.channels.leave.action }).click();
      const confirm = coord.page.getByRole('dialog', { name: ar.channels.leave.title });
      await confirm.waitFor();
      await checkPage(coord.page, 'channel-leave-ar');
      await confirm.getByRole('button', { name: ar.channels.leave.confirm }).click();
      await coord.page.getByRole('heading', { name: ar.channels.title, level: 1 }).waitFor();
      expect(new URL(coord.page.url()).pathname).toBe('/channels');
      await coord.page
        .getByRole('link', { name: /^Hotline: / })
        .first()
        .waitFor();
      await expect
        .poll(() => coord.page.getByRole('link', { name: 'Jenin liaison check' }).count(), LIVE)
        .toBe(0);
      const list = (await coordApi('GET', '/api/channels')).json() as { id: string }[];
      expect(list.map((channel) => channel.id)).not.toContain(channelId);

      // A request's thread leads to its request.
      const requestId = await raiseMovementOverApi();
      const threads = (await coordApi('GET', '/api/channels')).json() as {
        name: string;
        requestId: string | null;
      }[];
      const thread = threads.find((channel) => channel.requestId === requestId);
      expect(thread).toBeDefined();
      await openChannel(coord.page, ar.shell.navigation, ar.nav.channels, thread?.name ?? '');
      const toRequest = coord.page.getByRole('link', { name: ar.channels.openRequest });
      expect(await toRequest.getAttribute('href')).toBe(`/requests/${requestId}`);
      await checkPage(coord.page, 'channel-request-thread-ar');
      await toRequest.click();
      await coord.page.waitForURL(`**/requests/${requestId}`);
      expect(coord.errors).toEqual([]);
    } finally {
      await coord.close();
    }
  }, 120_000);
});
