// Browser test of the printed 通报 (print/bulletin.html): the province's reviewer opens the
// bulletin of the year for its prefecture, the league and the criticised regions are filled from
// the API, and the page prints on A4 without its bar. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions, signedInPage } from './harness.mjs';

/** Registers the bulletin's tests; reviewer is { name, password } of a province's reviewer. */
export function bulletinTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, reviewer }) {
  describe('the printed bulletin', () => {
    let browser;
    const problems = [];

    before(async () => {
      assert.ok(reviewer?.name, 'REVIEWER_NAME names a reviewer');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      await browser?.close();
    });

    test('the bulletin of the year prints on A4 with its league', async () => {
      const { page } = await signedInPage(browser, { baseURL, account: reviewer, timeout: stepTimeout, label: 'bulletin', problems });
      const year = new Date().getFullYear();
      await page.goto(`${baseURL}/print/bulletin.html?period=${year}&region=130600`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: stepTimeout });
      assert.ok((await page.textContent('#doc-number')).startsWith(`${year}（130600）`));
      const text = await page.textContent('#doc');
      assert.ok(text.includes('通报批评') && text.includes('排名') && text.includes('130626'), text.slice(0, 300));
      assert.ok(await page.locator('#doc table').last().locator('tbody tr').count() > 1, 'the league lists the counties');
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.isHidden('.print-bar'), 'the print bar is not printed');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
      await page.emulateMedia({ media: 'screen' });
      await page.screenshot({ path: path.join(screenshots, 'bulletin.png'), fullPage: true });
      assert.deepEqual(problems, []);
    });
  });
}
