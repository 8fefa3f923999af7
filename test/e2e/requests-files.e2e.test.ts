import { readFile } from 'node:fs/promises';
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

const e2e = serveBrowserTests();

const openPage = () => openPageOf(e2e);

/** A form field by its whole label, with or without the asterisk of a required field. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

const statusBadge = (page: Page, label: string) =>
  page.locator('.mantine-Badge-root', { hasText: new RegExp(`^${label}$`) }).first();

/** Long enough for a live event to refresh another browser's page. */
const LIVE = { timeout: 20_000 };

// Files made in memory: a PDF the server's sniffer recognises, a note, and a program dressed as a picture.
const PDF_NAME = 'דוח סיור.pdf';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NOTE_NAME = 'internal-assessment.txt';
const NOTE = Buffer.from('הערכה פנימית: המשפחה מוכרת לנו.\n');
const FAKE_PNG = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

/** A safe-return draft of ISF Hebron, raised through the API with its contact still empty; its id. */
async function draftOverApi(): Promise<string> {
  const cookie = await e2e.t.login('isf.hebron');
  const districts = (
    await e2e.t.app.inject({ method: 'GET', url: '/api/directory/districts', headers: { cookie } })
  ).json() as { id: string; code: string }[];
  const response = await e2e.t.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: { cookie },
    payload: {
      type: 'safe-return',
      districtId: districts.find((district) => district.code === 'HEBRON')?.id,
      draft: true,
      fields: {
        who: 'Two Israeli hikers, Avi and Tamar',
        description: 'Entered Hebron by mistake on foot',
        lastKnownLocation: 'Wadi al-Tuffah, Hebron (وادي التفاح)',
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { id: string }).id;
}

/** Picks a file for the thread's file input (Mantine keeps the real input hidden behind its button). */
const chooseFile = (page: Page, name: string, mimeType: string, buffer: Buffer) =>
  page.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });

describe.runIf(chromiumPath)('files and links between requests in real browsers', BROWSER_JOURNEY, () => {
  it('isf.hebron, in Hebrew, completes a draft and attaches a PDF and an internal note; pasf.hebron, in Arabic, downloads the PDF only; coord.duty raises an RFI to PASF for Jenin and links it', async () => {
    const id = await draftOverApi();
    const isf = await openPage();
    const pasf = await openPage();
    const coord = await openPage();
    try {
      // ISF finishes its draft in Hebrew, right to left, in the type's own form.
      await signIn(isf.page, 'isf.hebron');
      await chooseLanguage(isf.page, en.language.menu, 'עברית');
      expect(await htmlDirection(isf.page)).toBe('rtl');
      await isf.page.goto(`/requests/${id}`);
      await isf.page.getByRole('button', { name: he.requests.draft.edit }).click();
      const contact = field(isf.page, 'איש קשר');
      expect(await field(isf.page, 'מי').inputValue()).toBe('Two Israeli hikers, Avi and Tamar');
      await contact.fill('+972 50 555 0199');
      await checkPage(isf.page, 'request-draft-edit-he');
      await isf.page.getByRole('button', { name: he.requests.draft.save }).click();
      await isf.page.getByText('+972 50 555 0199').waitFor();
      await isf.page.getByRole('button', { name: he.requests.actions.submit, exact: true }).click();
      await statusBadge(isf.page, he.requests.status.submitted).waitFor();
      const reference = ((await isf.page.getByRole('heading', { level: 1 }).textContent()) ?? '')
        .split('·')[0]
        ?.trim() as string;

      // A program named photo.png passes the browser's look at its name; the server reads the bytes and refuses, in Hebrew.
      await chooseFile(isf.page, 'photo.png', 'image/png', FAKE_PNG);
      await isf.page.getByRole('button', { name: he.requests.files.upload, exact: true }).click();
      await isf.page.getByText(he.errors.attachment_type_not_allowed).waitFor();
      // A name the browser already knows is not allowed never leaves the page.
      await chooseFile(isf.page, 'setup.exe', 'application/x-msdownload', FAKE_PNG);
      await isf.page.getByText(he.requests.files.typeNotAllowed).waitFor();
      expect(
        await isf.page.getByRole('button', { name: he.requests.files.upload, exact: true }).isDisabled(),
      ).toBe(true);

      // The PDF for both parties, the note for ISF only.
      await chooseFile(isf.page, PDF_NAME, 'application/pdf', PDF);
      await isf.page.getByRole('button', { name: he.requests.files.upload, exact: true }).click();
      const pdfLink = (page: Page) => page.getByRole('link', { name: PDF_NAME });
      await pdfLink(isf.page).waitFor();
      await chooseFile(isf.page, NOTE_NAME, 'text/plain', NOTE);
      await isf.page.getByLabel(he.requests.files.internalToggle).check();
      await isf.page.getByRole('button', { name: he.requests.files.uploadInternal }).click();
      const noteRow = isf.page.getByRole('listitem').filter({ hasText: NOTE_NAME });
      await noteRow.getByText(he.requests.internalBadge).waitFor();
      expect(await noteRow.textContent()).toContain(he.requests.files.kind.txt);
      expect(await pdfLink(isf.page).locator('bdi').getAttribute('dir')).toBe('auto');
      await checkPage(isf.page, 'request-files-he');

      // PASF, in Arabic, sees the PDF with its kind and downloads it under its exact name; the note is not there.
      await signIn(pasf.page, 'pasf.hebron');
      await chooseLanguage(pasf.page, en.language.menu, 'العربية');
      await pasf.page.goto(`/requests/${id}`);
      await pdfLink(pasf.page).waitFor();
      const pdfRow = pasf.page.getByRole('listitem').filter({ has: pdfLink(pasf.page) });
      expect(await pdfRow.textContent()).toContain(ar.requests.files.kind.pdf);
      expect(await pasf.page.getByText(NOTE_NAME).count()).toBe(0);
      const [download] = await Promise.all([pasf.page.waitForEvent('download'), pdfLink(pasf.page).click()]);
      expect(download.suggestedFilename()).toBe(PDF_NAME);
      expect(await readFile(await download.path())).toEqual(PDF);
      await checkPage(pasf.page, 'request-files-ar');

      // The coordinator's duty officer, in English, asks PASF for information about Jenin.
      await signIn(coord.page, 'coord.duty');
      await coord.page.goto('/requests');
      await coord.page.getByRole('link', { name: en.requests.new }).click();
      await coord.page.getByRole('link', { name: 'Request for information' }).click();
      await coord.page.getByRole('button', { name: en.requests.form.submit }).click();
      expect(await field(coord.page, en.requests.form.toParty).getAttribute('aria-invalid')).toBe('true');
      await field(coord.page, 'Question').fill('Is the Jenin checkpoint open for ambulances tonight?');
      await field(coord.page, 'Category').selectOption({ label: 'Civil' });
      await field(coord.page, en.requests.form.toParty).selectOption({
        label: 'Palestinian Authority Security Forces',
      });
      // The place picker finds a place as it is typed; Jenin is a governorate.
      await coord.page.getByRole('combobox', { name: new RegExp(`^${en.requests.district}`) }).fill('Jenin');
      await coord.page.getByRole('option', { name: 'Jenin', exact: true }).click();
      await checkPage(coord.page, 'request-coordinator-new-en');
      await coord.page.getByRole('button', { name: en.requests.form.submit }).click();
      const title = coord.page.getByRole('heading', { level: 1 });
      await title.filter({ hasText: 'Request for information' }).waitFor();
      const rfi = ((await title.textContent()) ?? '').split('·')[0]?.trim() as string;
      const overview = await coord.page.locator('dl').first().textContent();
      expect(overview).toContain('Palestinian Authority Security Forces');
      expect(overview).toContain('PASF desk Jenin (DCL)');

      // It links the RFI to ISF's request, found by typing its reference.
      const related = coord.page.getByRole('region', { name: en.requests.links.title });
      await related.getByText(en.requests.links.none).waitFor();
      await field(related, en.requests.links.choose).fill(reference);
      await coord.page.getByRole('option', { name: new RegExp(reference) }).click();
      await related.getByRole('button', { name: en.requests.links.link }).click();
      const linked = related.getByRole('listitem').filter({ hasText: reference });
      await linked.getByRole('link', { name: reference, exact: true }).waitFor();
      expect(await linked.textContent()).toContain('Safe return');
      expect(await linked.textContent()).toContain(en.requests.status.submitted);
      await checkPage(coord.page, 'request-linked-coordinator-en');

      // PASF's open page of the first request shows the link too, without a reload (links go both ways).
      await pasf.page
        .getByRole('region', { name: ar.requests.links.title })
        .getByRole('link', { name: rfi, exact: true })
        .waitFor(LIVE);

      expect(isf.errors).toEqual([]);
      expect(pasf.errors).toEqual([]);
      expect(coord.errors).toEqual([]);
    } finally {
      await isf.close();
      await pasf.close();
      await coord.close();
    }
  }, 120_000);
});
