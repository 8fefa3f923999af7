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

/** The text of the messages a field points to with aria-describedby (its description and error). */
const describedText = (field: Locator) =>
  field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** A form field by its whole label, with or without the asterisk of a required field. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

const districtRegion = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe.runIf(chromiumPath)('directory, desks and administration in a real browser', BROWSER_JOURNEY, () => {
  it('isf.hebron finds Hebron in three languages, sees the counterpart on duty, and writes a CONFIDENTIAL handover note that PASF does not see', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'isf.hebron');
      await page.getByRole('link', { name: en.nav.directory }).click();
      await page.getByRole('heading', { name: en.directory.title, level: 1 }).waitFor();

      const search = page.getByLabel(en.directory.search);
      for (const query of ['Hebron', 'الخليل', 'חברון', 'al-khalil']) {
        await search.fill(query);
        await districtRegion(page, 'Jenin').waitFor({ state: 'detached' });
        await districtRegion(page, 'Hebron').waitFor();
      }
      const hebron = districtRegion(page, 'Hebron');
      const ownDesk = hebron.getByRole('article', { name: 'ISF desk Hebron (DCO)' });
      const counterpart = hebron.getByRole('article', { name: 'PASF desk Hebron (DCL)' });
      expect(await ownDesk.textContent()).toContain(en.directory.yourDesk);
      expect(await ownDesk.textContent()).toContain('Capt. Noa Levi');
      const counterpartText = await counterpart.textContent();
      expect(counterpartText).toContain(en.directory.yourCounterpart);
      expect(counterpartText).toContain(en.directory.onDutyNow);
      expect(counterpartText).toContain('Capt. Ahmad Khatib');
      // Hebron's areas are shown under it.
      expect(await hebron.textContent()).toContain('Hebron H2');
      await checkPage(page, 'directory-en');

      await ownDesk.getByRole('link', { name: 'ISF desk Hebron (DCO)' }).click();
      await page.getByRole('heading', { name: 'ISF desk Hebron (DCO)', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'PASF desk Hebron (DCL)' }).count()).toBeGreaterThan(0);

      const note = 'Checkpoint 300 closes at 22:00 tonight; PASF Hebron was told by phone.';
      await page.getByRole('textbox', { name: en.desk.noteBody }).fill(note);
      await page.getByLabel(en.marking.level).selectOption({ label: 'Confidential' });
      const preview = page.locator('[aria-live="polite"]').getByRole('note');
      expect(await preview.textContent()).toContain('CONFIDENTIAL');
      await page.getByRole('button', { name: en.desk.saveNote }).click();

      const written = page.getByRole('article').filter({ hasText: note });
      await written.waitFor();
      expect(await written.getByRole('note').textContent()).toContain('CONFIDENTIAL');
      expect(await written.textContent()).toContain('Capt. Noa Levi');
      expect(await written.getByRole('button', { name: en.common.delete }).count()).toBe(1);
      await checkPage(page, 'desk-en');
      const deskUrl = page.url();
      expect(errors).toEqual([]);

      // The counterpart's officer opens the same desk page: the note is not for PASF.
      const other = await openPage();
      try {
        await signIn(other.page, 'pasf.hebron');
        await chooseLanguage(other.page, en.language.menu, 'עברית');
        await other.page.goto(deskUrl);
        await other.page.getByRole('heading', { name: he.desk.notes }).waitFor();
        await other.page.getByRole('heading', { name: he.desk.shifts }).waitFor();
        expect(await htmlDirection(other.page)).toBe('rtl');
        expect(await other.page.getByText(note).count()).toBe(0);
        expect(await other.page.getByText('Checkpoint 300').count()).toBe(0);
        // Not on this desk: no form to write on it.
        expect(await other.page.getByRole('textbox', { name: he.desk.noteBody }).count()).toBe(0);
        await checkPage(other.page, 'desk-he');
        expect(other.errors).toEqual([]);
      } finally {
        await other.close();
      }
    } finally {
      await close();
    }
  }, 120_000);

  it('shows the directory right to left in Arabic, and a non-administrator has no administration', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'coord.duty');
      await chooseLanguage(page, en.language.menu, 'العربية');
      expect(await page.getByRole('link', { name: ar.nav.admin }).count()).toBe(0);
      await page.getByRole('link', { name: ar.nav.directory }).click();
      await page.getByRole('heading', { name: ar.directory.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');

      await page.getByLabel(ar.directory.search).fill('חברון');
      const hebron = districtRegion(page, 'الخليل');
      await hebron.waitFor();
      expect(
        await hebron.getByRole('article', { name: 'مكتب المناوبة الفلسطيني – الخليل' }).textContent(),
      ).toContain('Capt. Ahmad Khatib');
      await page.getByLabel(ar.directory.search).fill('');
      await page.getByRole('region', { name: ar.directory.wideDesks }).waitFor();
      await checkPage(page, 'directory-ar');

      // On a 360-pixel phone the directory fits without sideways scrolling.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByLabel(ar.directory.search).fill('الخليل');
      await districtRegion(page, 'جنين').waitFor({ state: 'detached' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'directory-phone-ar');
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto('/admin/users');
      await page.getByRole('heading', { name: ar.notFound.title }).waitFor();
      expect(await page.getByRole('heading', { name: ar.admin.users.title }).count()).toBe(0);
      expect(await page.getByRole('link', { name: ar.nav.admin }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('lets an administrator, in Arabic, add a district with paired desks, staff one, see the pairing, and disable and enable an account', async () => {
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'admin');
      await chooseLanguage(page, en.language.menu, 'العربية');
      await page.getByRole('link', { name: ar.nav.admin }).click();
      await page.getByRole('heading', { name: ar.admin.users.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');
      await checkPage(page, 'admin-users-ar');

      // A district, first with a code that is taken: the server's answer shows at the code field.
      const adminNav = page.getByRole('navigation', { name: ar.admin.title });
      await adminNav.getByRole('link', { name: ar.admin.districts.title }).click();
      await page.getByRole('heading', { name: ar.admin.districts.title, level: 1 }).waitFor();
      await page.getByRole('button', { name: ar.admin.districts.add }).click();
      const dialog = page.getByRole('dialog');
      await field(dialog, ar.admin.code).fill('HEBRON');
      await field(dialog, ar.names.en).fill('Beit Ummar');
      await field(dialog, ar.names.ar).fill('بيت أمر');
      await field(dialog, ar.names.he).fill('בית אומר');
      await dialog.getByLabel(ar.admin.districts.status).fill('Areas A, B and C');
      await dialog.getByRole('button', { name: ar.common.save }).click();
      const code = field(dialog, ar.admin.code);
      await dialog.getByText(ar.errors.code_taken).waitFor();
      expect(await code.getAttribute('aria-invalid')).toBe('true');
      expect(await describedText(code)).toContain(ar.errors.code_taken);
      await checkPage(page, 'admin-district-error-ar');
      await code.fill('BEIT-UMMAR');
      await dialog.getByRole('button', { name: ar.common.save }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('rowheader', { name: 'بيت أمر' }).waitFor();
      await checkPage(page, 'admin-districts-ar');

      // Two desks for it, the PASF one paired with the ISF one.
      await adminNav.getByRole('link', { name: ar.admin.desks.title }).click();
      await page.getByRole('heading', { name: ar.admin.desks.title, level: 1 }).waitFor();
      const addDesk = async (desk: {
        code: string;
        names: [string, string, string];
        party: string;
        counterpart?: string;
      }) => {
        await page.getByRole('button', { name: ar.admin.desks.add }).click();
        await field(dialog, ar.admin.code).fill(desk.code);
        await field(dialog, ar.names.en).fill(desk.names[0]);
        await field(dialog, ar.names.ar).fill(desk.names[1]);
        await field(dialog, ar.names.he).fill(desk.names[2]);
        await field(dialog, ar.directory.party).selectOption({ label: desk.party });
        await field(dialog, ar.directory.district).selectOption({ label: 'بيت أمر' });
        if (desk.counterpart) {
          await field(dialog, ar.directory.counterpart).selectOption({ label: desk.counterpart });
        }
        await dialog.getByLabel(ar.admin.desks.phone).fill('+972 2 555 0100');
        await dialog.getByRole('button', { name: ar.common.save }).click();
        await dialog.waitFor({ state: 'detached' });
      };
      await addDesk({
        code: 'ISF-BEIT-UMMAR',
        names: ['ISF desk Beit Ummar', 'مكتب المناوبة الإسرائيلي – بيت أمر', 'חמ"ל בית אומר'],
        party: 'قوات الأمن الإسرائيلية',
      });
      await addDesk({
        code: 'PASF-BEIT-UMMAR',
        names: ['PASF desk Beit Ummar', 'مكتب المناوبة الفلسطيني – بيت أمر', 'חמ"ל פלסטיני בית אומר'],
        party: 'قوات الأمن التابعة للسلطة الفلسطينية',
        counterpart: 'مكتب المناوبة الإسرائيلي – بيت أمر',
      });
      const pasfRow = page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'مكتب المناوبة الفلسطيني – بيت أمر' }) });
      expect(await pasfRow.textContent()).toContain('مكتب المناوبة الإسرائيلي – بيت أمر');
      await checkPage(page, 'admin-desks-ar');

      // Staff the ISF desk with an ISF officer who had none.
      await adminNav.getByRole('link', { name: ar.admin.users.title }).click();
      await page.getByLabel(ar.admin.users.search).fill('dana');
      await page.getByRole('button', { name: 'تعديل Supt. Dana Cohen' }).click();
      await field(dialog, ar.directory.desks).click();
      await page.getByRole('option', { name: 'مكتب المناوبة الإسرائيلي – بيت أمر' }).click();
      await dialog.getByRole('button', { name: ar.common.save }).click();
      await dialog.waitFor({ state: 'detached' });

      // The directory shows the new district with both desks side by side, and who staffs them.
      await page.getByRole('link', { name: ar.nav.directory }).click();
      await page.getByLabel(ar.directory.search).fill('بيت أمر');
      const district = districtRegion(page, 'بيت أمر');
      await district.waitFor();
      await district.getByRole('article', { name: 'مكتب المناوبة الإسرائيلي – بيت أمر' }).waitFor();
      await district.getByRole('article', { name: 'مكتب المناوبة الفلسطيني – بيت أمر' }).waitFor();
      expect(
        await district
          .getByRole('link', { name: /\+972 2 555 0100/ })
          .first()
          .getAttribute('href'),
      ).toBe('tel:+97225550100');
      await page.getByLabel(ar.directory.search).fill('Dana');
      const dana = page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Supt. Dana Cohen' }) });
      expect(await dana.textContent()).toContain('مكتب المناوبة الإسرائيلي – بيت أمر');
      await dana.getByRole('link', { name: 'مكتب المناوبة الإسرائيلي – بيت أمر' }).click();
      await page.getByRole('heading', { name: 'مكتب المناوبة الإسرائيلي – بيت أمر', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'مكتب المناوبة الفلسطيني – بيت أمر' }).waitFor();
      await checkPage(page, 'desk-ar');

      // Disable an account, after a confirmation; it can no longer sign in. Then enable it again.
      await page.getByRole('link', { name: ar.nav.admin }).click();
      await page.getByLabel(ar.admin.users.search).fill('dana');
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Supt. Dana Cohen' }) });
      await row.getByRole('button', { name: 'تعطيل حساب Supt. Dana Cohen' }).click();
      await dialog.getByRole('button', { name: ar.admin.users.disable, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText(ar.admin.users.disabled, { exact: true }).waitFor();
      const refused = await e2e.t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'isf.police', password: DEMO_PASSWORD },
      });
      expect(refused.statusCode).toBe(401);

      await row.getByRole('button', { name: 'تفعيل حساب Supt. Dana Cohen' }).click();
      await dialog.getByRole('button', { name: ar.admin.users.enable, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText(ar.admin.users.active, { exact: true }).waitFor();
      await e2e.t.login('isf.police');

      // The other sections, in Arabic and then in English.
      const sections = [
        ['units', ar.admin.units.title, 'مكتب التنسيق والارتباط الإسرائيلي – الخليل'],
        ['groups', ar.admin.groups.title, 'مجموعة عمل شرطة المرور'],
        ['parties', ar.admin.parties.title, 'قوات الأمن الإسرائيلية'],
      ] as const;
      for (const [path, title, sample] of sections) {
        await adminNav.getByRole('link', { name: title }).click();
        await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        await page.getByText(sample, { exact: true }).first().waitFor();
        await checkPage(page, `admin-${path}-ar`);
      }
      await chooseLanguage(page, ar.language.menu, 'English');
      await page.getByRole('heading', { name: en.admin.parties.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('ltr');
      await checkPage(page, 'admin-parties-en');
      await page
        .getByRole('navigation', { name: en.admin.title })
        .getByRole('link', { name: en.admin.units.title })
        .click();
      await page.getByRole('button', { name: 'Add a unit under DCO Hebron' }).click();
      await page.getByRole('dialog').waitFor();
      await checkPage(page, 'admin-unit-form-en');
      await page.getByRole('button', { name: en.common.cancel }).click();
      await page
        .getByRole('navigation', { name: en.admin.title })
        .getByRole('link', { name: en.admin.users.title })
        .click();
      await page.getByRole('rowheader', { name: 'Capt. Noa Levi' }).waitFor();
      await checkPage(page, 'admin-users-en');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
