// Browser tests of the clerk's page (clerk.html) as the county's clerk sees it, signed in through the
// sign-in page in a context of their own: a new supply whose two bad fields are refused beside
// themselves, saved without a number and issued one; the record in My work as submitted; returned
// by review (through the API) with a reason, corrected from My work and submitted again; and the
// same page on a phone. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signInOn, withToken } from './signin.mjs';
import { eventually, launchOptions, signedInPage, watchErrors } from './harness.mjs';

const REASON = '合同约定面积为 1.35 公顷，请核对';
// The API refuses the form's first attempt with 400, which the browser logs: that is the test.
const refusedCreate = (text, url) => /status of 400/.test(text) && /\/api\/v1\/supplies$/.test(url);

/** Registers the clerk's tests; clerk is { name, password } of a clerk of the demo county 130626. */
export function clerkTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, clerk }) {
  describe("the clerk's day: a new supply and My work", () => {
    let browser;
    let page;
    let number; // the issued e-supervision number
    const problems = [];
    const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    const ready = async (p) => {
      await p.waitForFunction(() => window.landwatchClerk && window.landwatchClerk.ready, null, { timeout: stepTimeout });
      await p.evaluate(() => window.landwatchClerk.ready);
    };
    const error = (field) => page.locator(`#cf-${field}-error`);
    const myWorkRow = (list) => page.locator(`#pane-mywork [data-list="${list}"] tr[data-number="${number}"]`);
    // Opens My work and waits for the lists that opening loads (not those of an earlier load).
    const openMyWork = async () => {
      const loads = Number(await page.getAttribute('#pane-mywork', 'data-loads'));
      await page.click('#tab-mywork');
      await page.waitForFunction((n) => Number(document.getElementById('pane-mywork').dataset.loads) > n, loads, { timeout: stepTimeout });
    };
    const saved = async () => {
      await page.waitForSelector('#cf-message[data-kind="ok"]:not([hidden])', { timeout: stepTimeout });
      return page.$eval('#cf-message', (el) => el.dataset.number);
    };

    before(async () => {
      assert.ok(clerk?.name, 'CLERK_NAME names a clerk of the demo county');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      await browser?.close();
    });

    test('the clerk opens the entry form from the map and sees both refusals beside their fields', async () => {
      ({ page } = await signedInPage(browser, {
        baseURL, account: clerk, timeout: stepTimeout, label: 'clerk', problems, expected: [refusedCreate],
      }));
      await page.waitForSelector('#link-clerk:not([hidden])', { timeout: stepTimeout });
      await page.click('#link-clerk');
      await page.waitForURL((u) => u.pathname.endsWith('/clerk.html'), { timeout: stepTimeout });
      await ready(page);
      assert.equal(await page.inputValue('#cf-region_code'), '130626', "the clerk's county is the number's");
      const methods = await page.locator('#cf-method option').allTextContents();
      assert.ok(methods.includes('23 挂牌出让') && methods.includes('1 划拨'), `methods picked by name: ${methods}`);
      assert.ok((await page.locator('#cf-land_use_code option').allTextContents()).includes('0601 工业用地'), 'land uses by name');
      await shot(page, '30-clerk-form');

      await page.selectOption('#cf-method', '23');
      await page.selectOption('#cf-land_use_code', '0601');
      await page.fill('#cf-contract_date', '2026-11-02');
      await page.dispatchEvent('#cf-contract_date', 'change');
      await eventually(async () => /录入期限：2026-11-11/.test(await page.textContent('#cf-deadline')) || await page.textContent('#cf-deadline'),
        stepTimeout, 'the deadline of entry, 7 working days after the contract');
      assert.match(await page.textContent('#cf-deadline'), /已超过录入期限/, 'and that it has passed');
      await page.fill('#cf-holder', '');
      await page.fill('#cf-project_name', '');
      await page.fill('#cf-area_ha', '0');
      await page.fill('#cf-price_wan', '960');
      await page.fill('#cf-agreed_delivery', '2026-12-01');
      await page.fill('#cf-agreed_start', '2027-03-01');
      await page.click('#cf-add-row');
      await page.click('#cf-add-row');
      await page.fill('.cf-row:nth-child(1) input[name="amount_wan"]', '480');
      await page.fill('.cf-row:nth-child(2) input[name="amount_wan"]', '480');
      await page.fill('.cf-row:nth-child(2) input[name="due_on"]', '2027-05-01');
      await page.click('#cf-save');
      await error('project_name').waitFor({ state: 'visible', timeout: stepTimeout });
      await error('area_ha').waitFor({ state: 'visible', timeout: stepTimeout });
      // In the page's language: the API's words put into Chinese.
      assert.equal(await error('area_ha').textContent(), '申报面积（公顷）为必填项', 'the area is refused as the API says, in Chinese');
      assert.equal(await error('project_name').textContent(), '项目名称（或土地使用权人）为必填项');
      assert.ok(await error('e_number').isHidden(), 'an empty number is not refused: landwatch issues it');
      assert.equal(await page.getAttribute('#cf-project_name', 'aria-invalid'), 'true');
      assert.match(await page.textContent('#cf-message'), /有 2 处需要修改/);
      await shot(page, '30-clerk-errors');
    });

    test('fixed and saved with the number left empty, it is issued the county\'s next number', async () => {
      await page.fill('#cf-project_name', '定兴县精密机械厂房项目');
      await page.fill('#cf-area_ha', '1.25');
      await page.click('#cf-save');
      number = await saved();
      assert.match(number, /^1306262026B\d{5}$/, 'county 130626, the contract year, B for a listing, a serial');
      assert.ok(await error('project_name').isHidden() && await error('area_ha').isHidden(), 'the refusals are gone');
      assert.equal(await page.inputValue('#cf-project_name'), '', 'the form is ready for the next record');
      await shot(page, '30-clerk-saved');
    });

    test('the record is in My work as submitted, and among the late entries', async () => {
      // A delivery recorded by the clerk a month after it happened (the events form is another page's).
      const status = await page.evaluate(async (n) => {
        const session = await (await fetch('/api/v1/session')).json();
        const res = await fetch(`/api/v1/supplies/${n}/events`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
          body: JSON.stringify({ kind: 'delivery', occurred_on: '2026-11-05' }),
        });
        return res.status;
      }, number);
      assert.equal(status, 201);
      await openMyWork();
      await myWorkRow('submitted').waitFor({ timeout: stepTimeout });
      const lag = await myWorkRow('late').locator('td').nth(3).textContent();
      assert.ok(Number(lag) > 7, `entered ${lag} working days after the contract`);
      assert.equal(await myWorkRow('returned').count(), 0);
      const event = await myWorkRow('lateEvents').locator('td').allTextContents();
      assert.equal(event[2], '交地', 'the late delivery is among the late entries');
      assert.ok(Number(event[4]) > 7, `entered ${event[4]} working days after it happened`);
      assert.match(page.url(), /#mywork$/, 'the tab is kept in the address');
      await shot(page, '30-clerk-mywork');
    });

    test('returned by review with a reason, the clerk corrects it from My work and it is submitted again', async () => {
      const res = await fetch(`${baseURL}/api/v1/supplies/${number}/review`, {
        method: 'POST', headers: withToken({ 'Content-Type': 'application/json' }), body: JSON.stringify({ decision: 'return', reason: REASON }),
      });
      assert.equal(res.status, 200, await res.text());
      const readSupply = async () => (await fetch(`${baseURL}/api/v1/supplies/${number}`, { headers: withToken({ Accept: 'application/json' }) })).json();
      const returned = (await readSupply()).version; // each event recorded raised it too
      await page.click('#tab-form');
      await openMyWork();
      await myWorkRow('returned').waitFor({ timeout: stepTimeout });
      assert.equal(await myWorkRow('returned').locator('.mw-reason').textContent(), REASON, 'with the reviewer\'s reason');
      assert.equal(await myWorkRow('submitted').count(), 0);
      await shot(page, '30-clerk-returned');

      await myWorkRow('returned').locator('.mw-edit').click();
      await page.waitForSelector('#pane-form:not([hidden]) #cf-editing:not([hidden])', { timeout: stepTimeout });
      assert.match(await page.textContent('#cf-editing'), new RegExp(number));
      assert.equal(await page.inputValue('#cf-project_name'), '定兴县精密机械厂房项目', 'the form holds the record');
      assert.equal(await page.inputValue('#cf-area_ha'), '1.25');
      assert.equal(await page.locator('.cf-row').count(), 2, 'with its instalments');
      await page.fill('#cf-area_ha', '1.35');
      await shot(page, '30-clerk-edit');
      await page.click('#cf-save');
      assert.equal(await saved(), number, 'the same record, corrected');
      await openMyWork();
      await myWorkRow('submitted').waitFor({ timeout: stepTimeout });
      assert.equal(await myWorkRow('returned').count(), 0, 'no longer returned');
      const sup = await readSupply();
      assert.equal(sup.review_status, 'submitted');
      assert.equal(sup.area_ha, 1.35);
      assert.equal(sup.version, returned + 1, 'one PATCH at the version the form was filled with');
    });

    test('on a phone the form and My work fit the screen', async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
      });
      try {
        const phone = await context.newPage();
        watchErrors(phone, 'clerk phone', problems);
        await phone.goto(`${baseURL}/clerk.html`);
        await phone.waitForURL((u) => u.pathname.endsWith('/signin.html'), { timeout: stepTimeout });
        await signInOn(phone, clerk.name, clerk.password, stepTimeout);
        await ready(phone);
        const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        assert.ok(await fits(), 'the form is no wider than the phone');
        await phone.screenshot({ path: path.join(screenshots, '30-clerk-phone-form.png') });
        await phone.click('#tab-mywork');
        await phone.waitForSelector(`#pane-mywork [data-list="submitted"] tr[data-number="${number}"]`, { timeout: stepTimeout });
        assert.ok(await fits(), 'My work is no wider than the phone');
        await phone.screenshot({ path: path.join(screenshots, '30-clerk-phone-mywork.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    test("the clerk's page had no page or console errors", () => {
      assert.deepEqual(problems, []);
    });
  });
}
