// Browser tests of the pages on a phone (390 × 844, touch) and the public pages on a desk: the map's
// bar folds into a menu that reaches the search and the tools; the public supply results are cards
// that a method filter narrows (kept in the address) and that open each result's page; the idle
// land pages; and no answer to the public pages carries a coordinate. Each person has a browser
// context of their own; the public pages are read without signing in. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signInOn } from './signin.mjs';
import { eventually, launchOptions, mapReady, watchErrors } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
// A coordinate, a box or a geometry as a JSON key: none may reach the public.
const COORDINATE_KEYS = /"(coordinates|bbox|lon|lng|lat|longitude|latitude|geometry|geom|x|y)"\s*:/;

/** Registers the phone and public-page tests; admin is { name, password } of an administrator. */
export function phoneTests({ baseURL, screenshots, chromiumPath, fixture, stepTimeout = 30_000, admin }) {
  describe('on a phone: the map\'s menu and the public pages (also on a desk)', () => {
    let browser;
    const problems = [];
    const checked = []; // the public pages' JSON answers looked at for coordinates
    const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `80-phone-${name}.png`) });
    const publicReady = async (p) => {
      await p.waitForFunction(() => window.landwatchPublic && window.landwatchPublic.ready, null, { timeout: stepTimeout });
      await p.evaluate(() => window.landwatchPublic.ready);
    };
    const fitsWidth = (p) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth
      || `the page is ${document.documentElement.scrollWidth} px wide in ${window.innerWidth}`);

    /** A page in a context of its own, not signed in, whose JSON answers are checked for coordinates. */
    async function publicPage(options, label) {
      const context = await browser.newContext(options);
      const p = await context.newPage();
      watchErrors(p, label, problems);
      p.on('response', async (res) => {
        if (!/json/.test(res.headers()['content-type'] || '')) return;
        const body = await res.text().catch(() => '');
        checked.push(res.url());
        if (COORDINATE_KEYS.test(body)) problems.push(`${label}: ${res.url()} answers a coordinate: ${body.slice(0, 200)}`);
      });
      return { context, p };
    }

    before(async () => {
      browser = await chromium.launch(launchOptions(chromiumPath));
    });
    after(async () => {
      await browser?.close();
    });

    test('on a phone the map\'s toolbar is a menu that opens and reaches the search and the tools', async () => {
      const context = await browser.newContext(PHONE);
      const p = await context.newPage();
      watchErrors(p, 'phone map', problems);
      try {
        await p.goto(`${baseURL}/`);
        await p.waitForURL((u) => u.pathname.endsWith('/signin.html'), { timeout: stepTimeout });
        await signInOn(p, admin.name, admin.password, stepTimeout);
        await mapReady(p, stepTimeout);
        assert.ok(await p.isVisible('#btn-menu'), 'the bar shows the menu button');
        for (const id of ['#search-input', '#btn-filters', '#btn-worklist', '#btn-signout']) {
          assert.ok(!(await p.isVisible(id)), `${id} is folded away`);
        }
        await eventually(() => fitsWidth(p), stepTimeout, 'the closed bar fitting the width');
        await shot(p, 'map');

        await p.tap('#btn-menu');
        assert.equal(await p.getAttribute('#btn-menu', 'aria-expanded'), 'true');
        for (const id of ['#search-input', '#btn-filters', '#btn-box', '#btn-worklist', '#btn-legend', '#link-field', '#link-admin', '#btn-lang', '#btn-signout']) {
          assert.ok(await p.isVisible(id), `the menu shows ${id}`);
          const box = await p.locator(id).boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.height >= 36, `${id} lies within the width and is big enough to tap: ${JSON.stringify(box)}`);
        }
        await eventually(() => fitsWidth(p), stepTimeout, 'the open menu fitting the width');
        await shot(p, 'menu');

        // the search from the menu: the number found opens the details sheet and the menu gives way
        const number = fixture.parcels.at(-1).e_number;
        await p.fill('#search-input', number);
        await p.press('#search-input', 'Enter');
        await eventually(async () => (await p.$eval('#details-enumber', (el) => el.textContent.trim()).catch(() => '')) === number,
          stepTimeout, `the details sheet showing ${number}`);
        assert.equal(await p.getAttribute('#btn-menu', 'aria-expanded'), 'false', 'the menu closed for the details');
        assert.ok(!(await p.isVisible('#search-input')));
        const sheet = await p.locator('#panel-details').boundingBox();
        assert.ok(sheet.x <= 1 && sheet.width >= 388 && sheet.y > 300, `the details are a bottom sheet: ${JSON.stringify(sheet)}`);
        await shot(p, 'menu-search');

        // a tool from the menu: the filters open as a sheet, the legend on demand
        await p.tap('#btn-menu');
        await p.tap('#btn-filters');
        await p.waitForSelector('#panel-filters:not([hidden])', { timeout: stepTimeout });
        assert.equal(await p.getAttribute('#btn-menu', 'aria-expanded'), 'false');
        assert.ok(!(await p.isVisible('#legend')), 'the legend waits to be asked for');
        await p.tap('#btn-menu');
        await p.tap('#btn-legend');
        assert.ok(await p.isVisible('#legend'), 'the legend shows once asked for');
        await eventually(() => fitsWidth(p), stepTimeout, 'the page fitting the width with the filters open');
        await shot(p, 'filters');
      } finally {
        await context.close();
      }
    });

    test('on a phone the public supply results are cards, a method filter narrows them and the address keeps it', async () => {
      const { context, p } = await publicPage(PHONE, 'phone public');
      try {
        await p.goto(`${baseURL}/public.html`);
        await publicReady(p);
        const total = async () => Number((await p.textContent('#supplies-count')).match(/共 (\d+) 条/)?.[1] ?? NaN);
        const all = await total();
        assert.ok(all > 1, `supply results are listed: ${all}`);
        assert.ok(await p.locator('#supplies .card').count() > 0, 'as cards');
        assert.match(await p.textContent('#supplies .card'), /供地方式/, 'each card names its fields in Chinese');
        const one = await p.locator('#supplies .card').first().boundingBox();
        assert.ok(one.width >= 340 && one.x + one.width <= 390, `a card takes the phone's width: ${JSON.stringify(one)}`);
        await eventually(() => fitsWidth(p), stepTimeout, 'the list fitting the width');
        await shot(p, 'public-list');

        const method = (await p.textContent('#supplies .card [data-field="method"]')).trim();
        const code = await p.$eval('#filter-method', (s, name) => [...s.options].find((o) => o.textContent === name)?.value, method);
        assert.ok(code, `the method picker offers ${method}`);
        await p.selectOption('#filter-method', code);
        await p.waitForURL((u) => u.searchParams.get('method') === code, { timeout: stepTimeout });
        await eventually(async () => (await total()) < all || `still ${await total()} of ${all}`, stepTimeout, 'the method narrowing the list');
        const methods = await p.$$eval('#supplies .card [data-field="method"]', (dd) => dd.map((d) => d.textContent.trim()));
        assert.ok(methods.length > 0 && methods.every((m) => m === method), `every card is ${method}: ${methods}`);
        const narrowed = await total();
        await shot(p, 'public-filtered');

        await p.reload();
        await publicReady(p);
        assert.equal(await p.inputValue('#filter-method'), code, 'the address keeps the filter');
        assert.equal(await total(), narrowed);

        const first = p.locator('#supplies .card').first();
        const number = await first.getAttribute('data-enumber');
        await first.locator('.card-title a').tap();
        await p.waitForURL((u) => u.pathname.endsWith('/public-supply.html') && u.searchParams.get('e') === number, { timeout: stepTimeout });
        await publicReady(p);
        assert.equal((await p.textContent('#supply tr[data-field="enumber"] td')).trim(), number, 'the page shows the e-supervision number');
        const labels = await p.$$eval('#supply th', (th) => th.map((x) => x.textContent.trim()));
        for (const label of ['行政区', '电子监管号', '项目名称', '项目位置', '面积（公顷）', '土地用途', '供地方式', '土地使用年限', '成交价格（万元）',
          '土地使用权人', '约定容积率下限', '约定交地时间', '约定开工时间', '约定竣工时间', '合同签订日期', '批准单位']) {
          assert.ok(labels.includes(label), `the page names ${label}: ${labels}`);
        }
        assert.equal((await p.textContent('#supply tr[data-field="method"] td')).trim(), method);
        await eventually(() => fitsWidth(p), stepTimeout, 'the result fitting the width');
        await shot(p, 'public-supply');
        await p.click('#supply-back');
        await p.waitForURL((u) => u.pathname.endsWith('/public.html') && u.searchParams.get('method') === code, { timeout: stepTimeout });
      } finally {
        await context.close();
      }
    });

    test('on a phone the idle land lists and pages', async () => {
      const { context, p } = await publicPage(PHONE, 'phone idle');
      try {
        const res = await p.request.get(`${baseURL}/public/idle-land?limit=1`);
        const { total } = await res.json();
        assert.ok(total >= 2, `the demo city has idle land to page through: ${total}`);
        const limit = Math.ceil(total / 2);
        await p.goto(`${baseURL}/public-idle.html?limit=${limit}`);
        await publicReady(p);
        const numbers = () => p.$$eval('#idle .card', (cards) => cards.map((c) => c.dataset.enumber));
        const firstPage = await numbers();
        assert.equal(firstPage.length, limit);
        assert.match(await p.textContent('#idle .card'), /闲置年数/);
        await eventually(() => fitsWidth(p), stepTimeout, 'the idle list fitting the width');
        await shot(p, 'idle');
        assert.doesNotMatch(await p.textContent('#idle-pager'), /null/, 'the first page has no link back, and no "null" in its place');
        await p.tap('#idle-pager [data-page="next"]');
        await p.waitForURL((u) => u.searchParams.get('cursor') === String(limit), { timeout: stepTimeout });
        await publicReady(p);
        const secondPage = await numbers();
        assert.equal(secondPage.length, total - limit);
        assert.ok(secondPage.every((n) => !firstPage.includes(n)), 'the next page lists others');
        assert.match(await p.textContent('#idle-pager'), /第 2 页/);
        await p.tap('#idle-pager [data-page="prev"]');
        await p.waitForURL((u) => !u.searchParams.get('cursor'), { timeout: stepTimeout });
        await publicReady(p);
        assert.deepEqual(await numbers(), firstPage);
      } finally {
        await context.close();
      }
    });

    test('on a desk the public pages show the same in a wider grid', async () => {
      const { context, p } = await publicPage(DESK, 'desk public');
      try {
        await p.goto(`${baseURL}/public.html`);
        await publicReady(p);
        const [a, b] = await p.$$eval('#supplies .card', (cards) => cards.slice(0, 2).map((c) => c.getBoundingClientRect().toJSON()));
        assert.ok(b && Math.abs(a.top - b.top) < 1, 'cards stand side by side');
        await shot(p, 'desk-public');
        await p.locator('#supplies .card-title a').first().click();
        await p.waitForURL((u) => u.pathname.endsWith('/public-supply.html'), { timeout: stepTimeout });
        await publicReady(p);
        assert.ok(await p.locator('#supply tr').count() >= 20, 'every published field');
        await shot(p, 'desk-supply');
        await p.goto(`${baseURL}/public-idle.html`);
        await publicReady(p);
        assert.ok(await p.locator('#idle .card').count() > 0);
        await shot(p, 'desk-idle');
      } finally {
        await context.close();
      }
    });

    test('on a phone and a desk no answer to the public pages carries a coordinate, and nothing failed', () => {
      assert.ok(checked.some((u) => /\/public\/supplies\?/.test(u)) && checked.some((u) => /\/public\/supplies\/\d/.test(u))
        && checked.some((u) => /\/public\/idle-land/.test(u)) && checked.some((u) => /\/public\/regions/.test(u)),
      `the public answers were looked at: ${checked}`);
      assert.deepEqual(problems, []);
    });
  });
}
