// Browser tests of the map's context, each person in a browser context of their own, signed in
// through the sign-in page: a basemap from a local tile server (and nothing fetched from anywhere
// else), county outlines after a boundaries import, the region picker 河北省 › 保定市 › 定兴县 with
// the filter kept in the address, a reload that restores view and filter, a notice when a filter
// empties the map, a search whose many matches come in pages, and labels at high zoom. Registered
// by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { decodePNG } from './png.mjs';
import { withToken } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

// A far corner of the demo county's prefecture where the seeded city has no parcel.
const EMPTY_VIEW = '#map=13/39.05/115.3';

/**
 * Made-up boundaries (NOT the real ones): a square around the demo county 定兴县 wide enough to hold
 * every parcel the tests draw there, and a township inside it. No boundary of 唐县 is loaded, so a
 * neighbour's drawing is still checked against its province's extent only.
 */
const BOUNDARIES = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { region_code: '130626', name: '定兴县' }, geometry: { type: 'Polygon', coordinates: [[[115.3, 38.9], [116.3, 38.9], [116.3, 39.6], [115.3, 39.6], [115.3, 38.9]]] } },
    { type: 'Feature', properties: { region_code: '130626100', name: '定兴镇' }, geometry: { type: 'Polygon', coordinates: [[[115.70, 39.20], [115.86, 39.20], [115.86, 39.32], [115.70, 39.32], [115.70, 39.20]]] } },
  ],
};

/** The colour at the centre of the map (the middle pixel of a 3×3 screenshot there). */
async function centreColour(p) {
  const box = await p.locator('#map').boundingBox();
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + box.height / 2);
  const img = decodePNG(await p.screenshot({ clip: { x: x - 1, y: y - 1, width: 3, height: 3 } }));
  const i = 4 * 4; // the middle pixel of 3×3
  return [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]];
}

/**
 * Registers the context tests. admin and clerk are { name, password }; basemap is
 * { baseURL, origin, colour } of a landwatch whose LANDWATCH_BASEMAP is a local tile server.
 */
export function contextTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, admin, clerk, basemap }) {
  describe('context on the map: basemap, outlines, region picker, shared views, paged search', () => {
    let browser;
    const problems = [];
    const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `60-context-${name}.png`) });
    const open = (account, { base = baseURL, where = '/', label } = {}) =>
      signedInPage(browser, { baseURL: base, path: where, account, timeout: stepTimeout, label, problems });

    before(async () => {
      assert.ok(admin?.name && clerk?.name, 'ADMIN_NAME and CLERK_NAME name the accounts');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });
    after(async () => {
      await browser?.close();
    });

    test('the basemap of LANDWATCH_BASEMAP draws from the local tile server, and nothing comes from elsewhere', { skip: !basemap?.baseURL }, async () => {
      const { context, page } = await open(admin, { base: basemap.baseURL, where: `/${EMPTY_VIEW}`, label: 'basemap' });
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.reload();
      await mapReady(page, stepTimeout);
      await page.evaluate(() => window.landwatch.idle());
      const want = [1, 3, 5].map((i) => parseInt(basemap.colour.slice(i, i + 2), 16));
      await eventually(async () => {
        const got = await centreColour(page);
        return got.every((v, i) => Math.abs(v - want[i]) <= 12) || `the map shows rgb(${got}) where no parcel is, not the basemap's rgb(${want})`;
      }, stepTimeout, 'the basemap drawn');
      await shot(page, 'basemap');
      const own = new URL(basemap.baseURL).origin;
      const tiles = requests.filter((u) => u.startsWith(`${basemap.origin}/tiles/`));
      assert.ok(tiles.length > 0, 'basemap tiles were fetched from the local tile server');
      const elsewhere = requests.filter((u) => !/^(data|blob):/.test(u) && ![own, basemap.origin].includes(new URL(u).origin));
      assert.deepEqual(elsewhere, [], 'no request leaves landwatch and its basemap');
      await context.close();
    });

    test('after a boundaries import the county and township outlines are drawn', async () => {
      const res = await fetch(`${baseURL}/api/v1/boundaries`, {
        method: 'POST', headers: withToken({ 'Content-Type': 'application/geo+json' }), body: JSON.stringify(BOUNDARIES),
      });
      const report = await res.text();
      assert.equal(res.status, 200, `importing boundaries: ${report}`);
      assert.equal(JSON.parse(report).accepted, 2, report);
      const { context, page } = await open(admin, { where: '/#map=11.5/39.26/115.78', label: 'outlines' });
      await mapReady(page, stepTimeout);
      const drawn = (layer) => page.evaluate((id) => window.landwatch.map.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties.code), layer);
      await eventually(async () => (await drawn('boundary-township')).includes('130626100') || 'no township outline', stepTimeout, 'the township outline');
      await page.evaluate(() => window.landwatch.map.jumpTo({ zoom: 9, center: [115.8, 39.25] }));
      await eventually(async () => (await drawn('boundary-county')).includes('130626') || 'no county outline', stepTimeout, 'the county outline');
      await page.evaluate(() => window.landwatch.idle());
      await shot(page, 'outlines');
      await context.close();
    });

    test('the picker 河北省 › 保定市 › 定兴县 filters the map, the address carries it, and an empty filter says so', async () => {
      const { context, page } = await open(clerk, { label: 'picker' });
      await mapReady(page, stepTimeout);
      await page.click('#btn-filters');
      await page.waitForSelector('#panel-filters:not([hidden])', { timeout: stepTimeout });
      const pick = async (level, code) => {
        await page.waitForSelector(`#region-${level} option[value="${code}"]`, { state: 'attached', timeout: stepTimeout });
        await page.selectOption(`#region-${level}`, code);
      };
      await pick('province', '130000');
      await pick('prefecture', '130600');
      await page.waitForSelector('#region-county option[value="130626"]:has-text("定兴县")', { state: 'attached', timeout: stepTimeout });
      await pick('county', '130626');
      await eventually(async () => new URL(page.url()).searchParams.get('region') === '130626' || page.url(), stepTimeout, 'the region in the address');
      assert.equal(await page.inputValue('#filter-region'), '130626');
      assert.ok((await page.evaluate(() => window.landwatch.tiles.urls)).every((u) => u.includes('region=130626')), 'the tiles are filtered');
      assert.ok(await page.isHidden('#map-empty'), 'the county has supplies: no notice');
      await page.evaluate(() => window.landwatch.idle());
      await shot(page, 'picker');

      // no contract of the county was signed in 1990–1991: the map empties and says so
      await page.fill('#filter-from', '1990');
      await page.fill('#filter-to', '1991');
      await page.press('#filter-to', 'Enter');
      await eventually(async () => new URL(page.url()).searchParams.get('to_year') === '1991' || page.url(), stepTimeout, 'the years in the address');
      await page.waitForSelector('#map-empty:not([hidden])', { timeout: stepTimeout });
      assert.match(await page.textContent('#map-empty'), /没有符合筛选条件的供地/);
      await shot(page, 'empty');
      await page.click('#map-empty button');
      await page.waitForSelector('#map-empty', { state: 'hidden', timeout: stepTimeout });
      await eventually(async () => (await page.inputValue('#region-province')) === '' || 'the picker still shows a province', stepTimeout, 'the picker reset');
      const left = new URL(page.url()).searchParams;
      assert.ok(!left.has('region') && !left.has('to_year'), `the reset filter leaves the address: ${page.url()}`);
      await context.close();
    });

    test('a reload restores the view and the filter, as a shared link does', async () => {
      const { context, page } = await open(clerk, { where: '/?region=130626&stage=delivered,under_construction#map=14.5/39.2601/115.7801', label: 'reload' });
      await mapReady(page, stepTimeout);
      const state = () => page.evaluate(() => {
        const { map } = window.landwatch;
        return { zoom: map.getZoom(), lng: map.getCenter().lng, lat: map.getCenter().lat, urls: window.landwatch.tiles.urls };
      });
      const check = async (when) => {
        const s = await state();
        assert.ok(Math.abs(s.zoom - 14.5) < 0.01 && Math.abs(s.lng - 115.7801) < 1e-3 && Math.abs(s.lat - 39.2601) < 1e-3, `${when}: view ${JSON.stringify(s)}`);
        assert.ok(s.urls.every((u) => u.includes('region=130626') && u.includes('stage=delivered%2Cunder_construction')), `${when}: tiles ${s.urls}`);
        assert.equal(await page.inputValue('#filter-region'), '130626', when);
        await eventually(async () => (await page.inputValue('#region-county')) === '130626' || 'the picker does not show 定兴县', stepTimeout, `${when}: the picker`);
        const checked = await page.$$eval('#filter-stages input:checked', (els) => els.map((e) => e.value));
        assert.deepEqual(checked.sort(), ['delivered', 'under_construction'], when);
      };
      await check('the shared link');
      await page.reload();
      await mapReady(page, stepTimeout);
      await check('after a reload');
      await page.click('#btn-filters');
      await page.evaluate(() => window.landwatch.idle());
      await shot(page, 'reload');
      await context.close();
    });

    test('a search matching many shows every match, a page at a time', async () => {
      const { context, page } = await open(clerk, { label: 'search' });
      await mapReady(page, stepTimeout);
      await page.fill('#search-input', '有限公司');
      await page.press('#search-input', 'Enter');
      await page.waitForSelector('#search-results .search-pager', { timeout: stepTimeout });
      const range = () => page.textContent('#search-results .search-range');
      const numbers = () => page.$$eval('#search-results button.item', (els) => els.map((e) => e.dataset.enumber));
      assert.match(await range(), /^第 1–10 条，共 \d+ 条$/);
      const total = Number((await range()).match(/共 (\d+) 条/)[1]);
      assert.ok(total > 10, `${total} matches`);
      const first = await numbers();
      assert.ok(await page.isDisabled('#search-results .search-prev'));
      await page.click('#search-results .search-next');
      await eventually(async () => /^第 11–20 条/.test(await range()) || range(), stepTimeout, 'the second page');
      const second = await numbers();
      assert.equal(second.length, 10);
      assert.deepEqual(second.filter((e) => first.includes(e)), [], 'the second page shows other supplies');
      await shot(page, 'search');
      await page.click('#search-results .search-prev');
      await eventually(async () => /^第 1–10 条/.test(await range()) || range(), stepTimeout, 'back on the first page');
      assert.deepEqual(await numbers(), first);
      await context.close();
    });

    test('at high zoom the parcels carry their e-supervision numbers, drawn without a glyph server', async () => {
      const { context, page } = await open(clerk, { where: '/#map=17/39.26/115.78', label: 'labels' });
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await mapReady(page, stepTimeout);
      const labels = () => page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['parcel-labels'] }).map((f) => f.properties.e_number));
      await eventually(async () => {
        const drawn = await labels();
        return drawn.some((e) => /^130626\d{4}[A-Z]/.test(e)) || `labels drawn: ${JSON.stringify(drawn.slice(0, 5))}`;
      }, stepTimeout, 'the labels');
      await page.evaluate(() => window.landwatch.map.setZoom(14));
      await page.evaluate(() => window.landwatch.idle());
      assert.deepEqual(await labels(), [], 'no labels below zoom 16');
      assert.deepEqual(requests.filter((u) => /glyphs|\.pbf\b|fonts?\//.test(u)), [], 'no glyphs are fetched');
      await page.evaluate(() => window.landwatch.map.setZoom(17.5));
      await page.evaluate(() => window.landwatch.idle());
      await shot(page, 'labels');
      await context.close();
    });

    test('no page errors or console errors on the context pages', () => {
      assert.deepEqual(problems, []);
    });
  });
}
