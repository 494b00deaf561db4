// Browser test of the printable quarterly analysis report (print/report.html): the province's
// reviewer opens the report of a year with supplies, and its charts are drawn (SVG marks, not empty
// boxes) beside the Chinese text of the main changes and the tables. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions, signedInPage } from './harness.mjs';

/** Registers the report's tests; reviewer is { name, password } of a province's reviewer (Hebei). */
export function reportTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, reviewer }) {
  describe('the printed quarterly report', () => {
    let browser;
    const problems = [];

    before(async () => {
      assert.ok(reviewer?.name, 'REVIEWER_NAME names a reviewer');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      await browser?.close();
    });

    test('the report of a year with supplies prints its charts and text in Chinese', async () => {
      const { page } = await signedInPage(browser, { baseURL, account: reviewer, timeout: stepTimeout, label: 'report', problems });
      // the year of the province's busiest month: its report has figures to draw
      const year = await page.evaluate(async () => {
        const r = await fetch('/api/v1/statistics?group=month&region=130000', { credentials: 'same-origin' });
        const items = (await r.json()).items || [];
        items.sort((a, b) => b.count - a.count);
        return items[0]?.key.slice(0, 4);
      });
      assert.ok(year, 'the province has approved supplies');
      await page.goto(`${baseURL}/print/report.html?region=130000&period=${year}`);
      await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: stepTimeout });
      assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', `${await page.textContent('#doc')} ${problems.join('; ')}`);
      for (const id of ['chart-method', 'chart-land_use', 'chart-month']) {
        await page.waitForFunction((el) => {
          const svg = document.querySelector(`#${el} svg`);
          return svg && svg.getBoundingClientRect().width > 100 && svg.querySelectorAll('path').length > 2;
        }, id, { timeout: stepTimeout });
      }
      assert.match(await page.textContent('h1'), /河北省\d{4}年全年土地市场分析报告/);
      assert.match(await page.textContent('#report-text'), /共供应国有建设用地\d+宗.*按土地用途/s);
      assert.match(await page.textContent('#report-state'), /截止日期：\d{4}-01-1\d/);
      assert.ok(await page.locator('#table-method tbody tr').count() > 1, 'the method table has rows');
      const words = await page.$$eval('#chart-method svg text, #chart-land_use svg text, #chart-month svg text', (ts) => ts.map((x) => x.textContent));
      assert.ok(words.includes('本期') && words.includes('宗数'), `the charts' axes and legend in Chinese: ${words.join(' ')}`);
      assert.ok(!words.some((w) => /^stats\./.test(w)), `no untranslated key in the charts: ${words.filter((w) => /^stats\./.test(w))}`);
      await page.screenshot({ path: path.join(screenshots, 'report.png'), fullPage: true });
    });
  });
}
