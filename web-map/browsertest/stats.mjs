// Browser test of the statistics dashboard (stats.html): the province's reviewer finds it in the
// map's bar, its four charts are drawn (SVG marks, not an empty box), and a figure of a table and a
// slice of the method chart each open the list of exactly the records behind them. Registered by
// run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions, mapReady, signedInPage } from './harness.mjs';

/** Registers the dashboard's tests; reviewer is { name, password } of a province's reviewer. */
export function statsTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, reviewer }) {
  describe('the statistics dashboard', () => {
    let browser;
    let page;
    const problems = [];
    const recordsTitle = () => page.textContent('#stats-records-title');
    const recordsShown = async (count) => {
      await page.waitForFunction((n) => {
        const title = document.querySelector('#stats-records-title')?.textContent || '';
        return !document.querySelector('#stats-records').hidden && title.includes(`${n} 宗`)
          && document.querySelectorAll('#records tbody tr[data-number]').length === Math.min(n, 100);
      }, count, { timeout: stepTimeout });
    };

    before(async () => {
      assert.ok(reviewer?.name, 'REVIEWER_NAME names a reviewer');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      await browser?.close();
    });

    test('the reviewer opens the dashboard from the bar and its charts are drawn', async () => {
      ({ page } = await signedInPage(browser, { baseURL, account: reviewer, timeout: stepTimeout, label: 'stats', problems }));
      await mapReady(page, stepTimeout);
      await page.click('#link-stats');
      await page.waitForURL((u) => u.pathname.endsWith('/stats.html'), { timeout: stepTimeout });
      await page.waitForFunction(() => window.landwatchStats && window.landwatchStats.ready, null, { timeout: stepTimeout });
      await page.evaluate(() => window.landwatchStats.ready);
      assert.ok(await page.isHidden('#stats-message'), `no error is shown: ${await page.textContent('#stats-message')} ${problems.join('; ')}`);
      for (const id of ['chart-method', 'chart-land_use', 'chart-region', 'chart-month']) {
        await page.waitForFunction((el) => {
          const svg = document.querySelector(`#${el} svg`);
          return svg && svg.getBoundingClientRect().width > 100 && svg.querySelectorAll('path').length > 2;
        }, id, { timeout: stepTimeout });
      }
      const rows = await page.locator('#table-method tbody tr[data-key]').count();
      assert.ok(rows > 0, 'the method table has rows');
      await page.screenshot({ path: path.join(screenshots, 'stats.png'), fullPage: true });
    });

    test('a figure of a table opens exactly its records', async () => {
      const link = page.locator('#table-land_use tbody tr[data-key] a.stats-link').first();
      const count = Number((await link.textContent()).replace(/[^0-9]/g, ''));
      assert.ok(count > 0, 'the figure counts supplies');
      await link.click();
      await recordsShown(count);
      const href = await link.getAttribute('href');
      assert.match(href, /^\/api\/v1\/supplies\?.*land_use=/, 'the figure links to the supply list of its use');
    });

    test('a slice of the method chart opens its records', async () => {
      const before = await recordsTitle();
      const box = await page.locator('#chart-method').boundingBox();
      // the ring of the pie lies between 35% and 68% of the radius: its top is one of the methods
      const r = (Math.min(box.width, box.height) / 2) * 0.5;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - r);
      await page.waitForFunction((prev) => document.querySelector('#stats-records-title').textContent !== prev, before, { timeout: stepTimeout });
      const title = await recordsTitle();
      const names = await page.locator('#table-method tbody tr[data-key] td:first-child').allTextContents();
      const name = names.find((n) => title.startsWith(n));
      assert.ok(name, `the records are of one method: ${title}`);
      const count = Number((await page.locator('#table-method tbody tr[data-key]', { hasText: name }).locator('a.stats-link').first().textContent()).replace(/[^0-9]/g, ''));
      await recordsShown(count);
      assert.deepEqual(problems, [], 'no page errors');
    });
  });
}
