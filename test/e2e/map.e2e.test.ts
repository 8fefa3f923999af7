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

const navLink = (page: Page, navigation: string, name: string) =>
  page.getByRole('navigation', { name: navigation }).getByRole('link', { name, exact: true });

/** The list of places beside the map: what a reader who cannot use the map reads instead. */
const placesList = (page: Page, name: string) => page.getByRole('navigation', { name, exact: true });

/** A safe return at Fawwar camp, raised by ISF Hebron through the API; its reference. */
async function raiseAtFawwar(): Promise<string> {
  const cookie = await e2e.t.login('isf.hebron');
  const districts = (
    await e2e.t.app.inject({
      method: 'GET',
      url: '/api/directory/districts?kind=refugee-camp',
      headers: { cookie },
    })
  ).json() as { id: string; code: string }[];
  const response = await e2e.t.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: { cookie },
    payload: {
      type: 'safe-return',
      districtId: districts.find((district) => district.code === 'CAMP-FAWWAR')?.id,
      fields: {
        who: 'One Israeli civilian, 23',
        description: 'Silver Skoda, Israeli plates',
        lastKnownLocation: 'Fawwar camp entrance (مدخل مخيم الفوار)',
      },
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { reference: string }).reference;
}

/** Types a name into the map's search and waits for the place to be the one listed under its kind. */
async function findPlace(page: Page, labels: typeof en, query: string, shown: string) {
  const search = page.getByLabel(labels.map.search);
  await search.fill(query);
  const list = placesList(page, labels.map.placesList);
  const place = list.getByRole('button', { name: shown, exact: true });
  await place.waitFor();
  return place;
}

describe.runIf(chromiumPath)('the map, in real browsers', BROWSER_JOURNEY, () => {
  it('draws the demo gazetteer in English, Arabic and Hebrew with MapLibre, and finds a camp and a crossing by name in each language', async () => {
    const reference = await raiseAtFawwar();
    const { page, errors, close } = await openPage();
    try {
      await signIn(page, 'isf.hebron');
      await navLink(page, en.shell.navigation, en.nav.map).click();
      await page.getByRole('heading', { name: en.map.title, level: 1 }).waitFor();
      // MapLibre loads lazily, draws on a WebGL canvas, and says so when its style is loaded.
      await page.locator('section[data-state="ready"] canvas').waitFor({ timeout: 30_000 });
      expect(await page.locator('section[data-state="ready"]').getAttribute('aria-label')).toBe(
        en.map.canvasLabel,
      );
      // Labels in the reader's language are HTML beside the canvas: no glyph server is needed.
      await page.getByText('Hebron', { exact: true }).first().waitFor();

      // The reader's open request, at its camp, with a link to it.
      const requests = page.getByRole('region', { name: en.map.requestsTitle });
      await requests.getByRole('link', { name: reference }).waitFor();
      await checkPage(page, 'map-overview-en');

      // Every place is in the list too; the kinds filter narrows both.
      const list = placesList(page, en.map.placesList);
      await list.getByRole('heading', { name: en.places.kinds.refugeeCamp }).waitFor();
      await page.getByRole('checkbox', { name: new RegExp(`^${en.places.kinds.refugeeCamp}`) }).uncheck();
      await list.getByRole('heading', { name: en.places.kinds.refugeeCamp }).waitFor({ state: 'detached' });
      await page.getByRole('checkbox', { name: new RegExp(`^${en.places.kinds.refugeeCamp}`) }).check();

      await findPlace(page, en, 'Deheishe', 'Dheisheh Camp');
      const allenby = await findPlace(page, en, 'King Hussein Bridge', 'Allenby Bridge');
      await allenby.click();
      await page.getByRole('heading', { name: 'Allenby Bridge', level: 2 }).waitFor();
      await page.getByLabel(en.map.search).fill('');
      await checkPage(page, 'map-en-allenby');

      await chooseLanguage(page, en.language.menu, 'العربية');
      await page.getByRole('heading', { name: ar.map.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');
      await findPlace(page, ar as typeof en, 'الدهيشة', 'مخيم الدهيشة');
      const bridge = await findPlace(page, ar as typeof en, 'جسر الملك حسين', 'جسر الملك حسين');
      await bridge.click();
      await page.getByRole('heading', { name: 'جسر الملك حسين', level: 2 }).waitFor();
      await findPlace(page, ar as typeof en, 'النصيرات', 'مخيم النصيرات');
      await page.getByLabel(ar.map.search).fill('');
      await checkPage(page, 'map-ar-king-hussein-bridge');

      await chooseLanguage(page, ar.language.menu, 'עברית');
      await page.getByRole('heading', { name: he.map.title, level: 1 }).waitFor();
      expect(await htmlDirection(page)).toBe('rtl');
      await findPlace(page, he as typeof en, 'בדהיישה', 'מחנה הפליטים דהיישה');
      const erez = await findPlace(page, he as typeof en, 'מעבר ארז', 'מעבר ארז');
      await erez.click();
      await page.getByRole('heading', { name: 'מעבר ארז', level: 2 }).waitFor();
      await findPlace(page, he as typeof en, 'גשר אלנבי', 'גשר אלנבי');
      await page.getByLabel(he.map.search).fill('');
      await checkPage(page, 'map-he-erez');

      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets an officer pick the place of a request from a list searchable in any language, grouped by kind', async () => {
    const { page, errors, close } = await openPage();
    try {
      // isf.hebron now reads Hebrew (the journey above saved it); the supervisor reads English.
      await signIn(page, 'isf.supervisor');
      await page.goto('/requests/new?type=safe-return');
      const picker = page.getByRole('combobox', { name: new RegExp(`^${en.requests.district}`) });
      await picker.fill('Fawwar');
      await page.getByRole('option', { name: /^Fawwar Camp/ }).waitFor();
      await picker.fill('الفوار');
      await page.getByRole('option', { name: /^Fawwar Camp/ }).click();
      expect(await picker.inputValue()).toMatch(/^Fawwar Camp/);
      await checkPage(page, 'map-place-picker-en');

      // Or on the map: it opens on the chosen place, and a click on a marker picks it.
      await page.getByRole('button', { name: en.places.pickOnMap }).click();
      const dialog = page.getByRole('dialog', { name: en.places.pickOnMap });
      const canvas = dialog.locator('section[data-state="ready"] canvas');
      await canvas.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1_000); // the map eases to the chosen place
      await checkPage(page, 'map-place-picker-map-en');
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the map has no size');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await dialog.waitFor({ state: 'detached' });
      expect(await picker.inputValue()).toMatch(/^Fawwar Camp/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
