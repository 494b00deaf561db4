// Browser test of the statistics dashboard (stats.html): the province's reviewer finds it in the
// map's bar, its charts are drawn (SVG marks, not an empty box), a figure of a table and a bar of a
// chart each open the list of exactly the records behind them, and the links to the printed
// quarterly report and 通报 are of the region and period shown. Registered by run.mjs.
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
      for (const id of ['chart-method', 'chart-land_use', 'chart-housing', 'chart-region', 'chart-month']) {
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

    test('a bar of a chart, clicked with the mouse, opens exactly the records behind it', async () => {
      // The by-method chart is a pie; the land use chart's bars are the marks with an axis that
      // tells which item each one is. ECharts draws them as SVG paths filled with the series'
      // colour (the axes and split lines are unfilled strokes); a bar's category is the band of the
      // x axis its centre falls in (the grid's left and right margins are those of statscharts.js).
      await page.locator('#chart-land_use').scrollIntoViewIfNeeded();
      const chart = await page.$eval('#chart-land_use', (el) => {
        const box = el.getBoundingClientRect();
        const bars = [...el.querySelectorAll('svg path')]
          .filter((p) => !['none', 'transparent', null].includes(p.getAttribute('fill')) && !p.closest('defs'))
          .map((p) => { const r = p.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width, height: r.height }; })
          .filter((r) => r.width > 1 && r.height > 1);
        return { left: box.x + 60, width: box.width - 60 - 12, bars };
      });
      const stats = await page.evaluate(async () => (await fetch('/api/v1/statistics?group=land_use')).json());
      assert.ok(chart.bars.length > 0 && chart.bars.length <= stats.items.length, `the chart has ${chart.bars.length} bars for ${stats.items.length} uses`);
      const bar = chart.bars.reduce((a, b) => (b.height > a.height ? b : a));
      const item = stats.items[Math.floor((bar.x - chart.left) / (chart.width / stats.items.length))];
      assert.ok(item?.count > 0, 'the tallest bar is of a use with supplies');
      // the records of the earlier figure are put away, so only this click can show them again
      await page.evaluate(() => {
        document.querySelector('#stats-records').hidden = true;
        document.querySelector('#records').replaceChildren();
      });
      await page.mouse.click(bar.x, bar.y);
      await recordsShown(item.count);
      const title = await page.textContent('#stats-records-title');
      assert.ok(title.startsWith(`${item.name}：`), `the list is of ${item.name}: ${title}`);
      const listed = await page.evaluate(async (url) => (await fetch(`${url}&limit=100`)).json(), item.url);
      assert.equal(listed.total, item.count, 'the API lists as many records as the bar counts');
      const shown = await page.$$eval('#records tbody tr[data-number]', (rows) => rows.map((r) => r.dataset.number));
      assert.deepEqual(shown.sort(), listed.items.map((x) => x.e_number).sort(), 'the page lists the records the API gives for the bar');
    });

    test('the printed quarterly report and 通报 are of the region and period shown', async () => {
      const now = new Date();
      const period = `${now.getFullYear()}${['Q1', 'H1', 'Q1-3', ''][Math.floor(now.getMonth() / 3)]}`;
      const want = (p) => `?region=130000&period=${encodeURIComponent(p)}`;
      assert.equal(await page.getAttribute('#link-report', 'href'), `print/report.html${want(period)}`, 'without a period, the report of this quarter');
      assert.equal(await page.textContent('#stats-period'), '统计期：全部年份（逐月趋势为最近十二个月）', 'while the figures are of all years');
      assert.match(await page.textContent('#stats-print-period'), /^打印的报告期 /, 'the printed period is told apart from the page\'s');
      await page.fill('#stats-filters input[name=from]', '2018-01-01');
      await page.fill('#stats-filters input[name=to]', '2018-06-30');
      await page.click('#stats-filters button[type=submit]');
      await page.waitForFunction(() => document.querySelector('#link-report').getAttribute('href').endsWith('period=2018H1'), null, { timeout: stepTimeout });
      assert.equal(await page.getAttribute('#link-bulletin', 'href'), `print/bulletin.html${want('2018H1')}`);
      assert.equal(await page.textContent('#stats-period'), '统计期：2018-01-01 至 2018-06-30');
      for (const [link, where, heading] of [['#link-report', 'h1', '2018年上半年'], ['#link-bulletin', '#doc-number', '（130000） · 2018-01-01 至 2018-06-30']]) {
        await page.click(link);
        await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: stepTimeout });
        assert.equal(await page.getAttribute('body', 'data-ready'), 'true', `${link} opens: ${await page.textContent('body')}`);
        const said = await page.textContent(where);
        assert.ok(said.includes(heading), `${link} is of ${heading}: ${said}`);
        await page.goBack();
        await page.waitForFunction(() => window.landwatchStats && window.landwatchStats.ready, null, { timeout: stepTimeout });
        await page.evaluate(() => window.landwatchStats.ready);
      }
    });
  });
}
