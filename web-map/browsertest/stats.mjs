// Browser test of the statistics dashboard (stats.html): the province's reviewer finds it in the
// map's bar, its four charts are drawn (SVG marks, not an empty box), and a figure of a table opens
// the list of exactly the records behind it. Registered by run.mjs.
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
  });
}
