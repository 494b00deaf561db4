// Browser tests of the import page (import.html), my account (account.html) and the administrator's
// accounts and audit log pages, each person signed in through the sign-in page in a browser context
// of their own: a clerk of the county checks a small CSV with one bad row in a dry run, imports it,
// changes their own password and signs in with it, and makes, uses and revokes a bearer token; the
// administrator moves a clerk to another region and finds the change in the audit log. Registered by
// run.mjs, after the others: the clerk's password is changed (and restored) here.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signInOn } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const HEADER = '行政区,电子监管号,项目名称,项目位置,面积(公顷),土地来源,土地用途,供地方式,土地使用年限,行业分类,土地级别,成交价格(万元),土地使用权人,'
  + '约定容积率下限,约定容积率上限,约定交地时间,约定开工时间,约定竣工时间,实际开工时间,实际竣工时间,批准单位,合同签订日期,分期支付约定,备注';
const row = (number, name, area) => `定兴县,${number},${name},定兴县兴达街东侧,${area},新增建设用地,其他普通商品住房用地,挂牌出让,70,房地产业,十二级,2600.0000,`
  + '河北导入测试有限公司,1.00,2.50,2026年03月01日,2026年09月01日,2028年09月01日,,,定兴县人民政府,2026年01月05日,1|2026年02月04日|2600.0000,无';
// Line 3 (the header is line 1) has an area that is no number.
const CSV = [HEADER, row('1306262026B09901', '导入测试商住项目', '1.25'), row('1306262026B09902', '导入测试坏行', '不知道')].join('\n') + '\n';
const NEW_PASSWORD = 'a new password for the clerk 2026';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Waits for a page's start hook (window[name].ready). */
async function pageReady(p, name, timeout) {
  await p.waitForFunction((n) => window[n] && window[n].ready, name, { timeout });
  await p.evaluate((n) => window[n].ready, name);
}

/** Registers the tests; clerk and admin are { name, password }; neighbour names a clerk of another county. */
export function importTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, clerk, admin, neighbour }) {
  let browser;
  let dir;
  const problems = [];
  const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  /** A desktop screenshot, then one on a phone's screen, then back. */
  const shots = async (p, name) => {
    await shot(p, name);
    await p.setViewportSize(PHONE);
    await shot(p, `${name}-phone`);
    await p.setViewportSize(DESKTOP);
  };

  before(async () => {
    assert.ok(clerk?.name && admin?.name && neighbour, 'CLERK_NAME, ADMIN_NAME and NEIGHBOUR_NAME name the accounts');
    browser = await chromium.launch(launchOptions(chromiumPath));
    dir = mkdtempSync(path.join(tmpdir(), 'landwatch-import-'));
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('the import page', () => {
    let page;

    test('a clerk checks a CSV in a dry run and sees the bad row, the columns and the warnings', async () => {
      ({ page } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'clerk', problems }));
      await mapReady(page, stepTimeout);
      await page.click('#link-import');
      await page.waitForURL((u) => u.pathname.endsWith('/import.html'), { timeout: stepTimeout });
      await pageReady(page, 'landwatchImport', stepTimeout);
      const file = path.join(dir, '供地台账.csv');
      writeFileSync(file, CSV);
      await page.setInputFiles('#import-files', file);
      assert.ok(await page.isDisabled('#import-run'), 'nothing is imported before a dry run');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/imports', { timeout: stepTimeout }),
        page.click('#import-check'),
      ]);
      // The report, or the page's word on why there is none.
      await page.waitForSelector('#import-report:not([hidden]), #import-message[data-kind="error"]:not([hidden])', { timeout: stepTimeout });
      assert.ok(await page.isVisible('#import-report'), `the dry run is reported, not refused: ${await page.textContent('#import-message')}`);
      // The server told its steps as they went, a line each, and the page showed them.
      assert.equal(answer.headers()['content-type'], 'application/x-ndjson');
      const lines = (await answer.text()).trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines[0].progress, { step: 'supplies', done: 0, total: 1 }, 'the first line is the first step\'s start');
      assert.ok(lines.at(-1).report, 'the last line is the report');
      assert.equal(await page.getAttribute('#import-progress-box', 'data-step'), 'supplies', 'the page showed the step it heard');
      assert.match(await page.textContent('#import-report-title'), /试导入报告/);
      assert.match(await page.textContent('#import-message'), /1 条可导入，1 条未通过/);
      const bad = page.locator('#import-rejected tbody tr');
      assert.equal(await bad.count(), 1, 'one rejected record');
      const cells = await bad.first().locator('td').allTextContents();
      assert.equal(cells[1], '3', 'on line 3');
      assert.equal(cells[3], '面积（公顷）', 'its field, as the form names it');
      assert.equal(cells[4], '面积（公顷）应为正数，而不是 "不知道"', 'and the reason in Chinese, quoting the value');
      const columns = page.locator('#import-tables .import-columns');
      assert.equal(await columns.getAttribute('data-file'), '供地台账.csv');
      assert.ok((await columns.locator('tbody tr').allTextContents()).some((t) => t.includes('面积(公顷)') && t.includes('area_ha')),
        'the area column is recognised');
      assert.match(await columns.locator('.import-ignored').textContent(), /备注/, 'the unknown column is named as ignored');
      assert.match(await page.textContent('#import-warnings'), /备注/, 'and warned of');
      await page.fill('#import-filter', '没有这样的原因');
      assert.match(await page.textContent('#import-rejected'), /无/, 'a filter matching nothing empties the table');
      await page.fill('#import-filter', 'area');
      assert.equal(await bad.count(), 1, 'the filter finds the row by its field');
      await shots(page, '70-import-dry-run');
    });

    test('one click imports the checked file and says how many records went in', async () => {
      assert.ok(await page.isEnabled('#import-run'), 'the dry run passed, so the import is offered');
      await page.click('#import-run');
      await eventually(async () => /已导入 1 条记录/.test(await page.textContent('#import-message')), stepTimeout, 'the import done');
      assert.match(await page.textContent('#import-report-title'), /导入结果/);
      assert.equal(await page.textContent('#import-summary [data-count="accepted"] dd'), '1');
      assert.ok(await page.isDisabled('#import-run'), 'the same files are not imported twice by a second click');
      await shots(page, '70-import-done');
      const got = await page.evaluate(() => fetch('/api/v1/supplies/1306262026B09901', { headers: { Accept: 'application/json' } }).then((r) => r.status));
      assert.equal(got, 200, 'the good row is a supply now');
    });

    test('the import page had no page or console errors', () => {
      assert.deepEqual(problems, []);
    });
  });

  describe('my account', () => {
    let page;
    let secret;
    const tokenRow = () => page.locator('#tokens tr[data-token="QGIS 笔记本"]');

    test('a clerk changes their own password and signs in with the new one', async () => {
      // The wrong current password is refused (400), as it must be.
      const expected = [(text, url) => /status of 400/.test(text) && /\/api\/v1\/session\/password$/.test(url)];
      ({ page } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'clerk account', problems, expected }));
      await mapReady(page, stepTimeout);
      await page.click('#link-account');
      await page.waitForURL((u) => u.pathname.endsWith('/account.html'), { timeout: stepTimeout });
      await pageReady(page, 'landwatchAccount', stepTimeout);
      await page.fill('#password-form input[name="current_password"]', 'not the password at all');
      await page.fill('#password-form input[name="new_password"]', NEW_PASSWORD);
      await page.fill('#password-form input[name="again"]', NEW_PASSWORD);
      await page.click('#password-form button[type="submit"]');
      await eventually(async () => /当前密码不正确/.test(await page.textContent('#password-message')), stepTimeout, 'a wrong current password refused');
      await page.fill('#password-form input[name="current_password"]', clerk.password);
      await page.click('#password-form button[type="submit"]');
      await eventually(async () => /密码已修改/.test(await page.textContent('#password-message')), stepTimeout, 'the password changed');
      await shots(page, '75-account-password');

      const { page: other } = await signedInPage(browser, {
        baseURL, path: '/account.html', account: { name: clerk.name, password: NEW_PASSWORD }, timeout: stepTimeout, label: 'clerk new password', problems,
      });
      await pageReady(other, 'landwatchAccount', stepTimeout);
      assert.equal(await other.$eval('#who', (el) => el.dataset.user), clerk.name, 'the new password signs in');
      await other.context().clearCookies();
      await other.goto(`${baseURL}/signin.html`);
      await other.fill('#signin-name', clerk.name);
      await other.fill('#signin-password', clerk.password);
      await other.click('#signin-submit');
      await other.waitForSelector('#signin-error:not([hidden])', { timeout: stepTimeout });
      assert.match(await other.textContent('#signin-error'), /用户名或密码错误/, 'the old one does not');
      await other.context().close();
    });

    test('a token is made with a label, shown once, used, listed with its last use and revoked', async () => {
      await page.fill('#token-form input[name="name"]', 'QGIS 笔记本');
      await page.click('#token-form button[type="submit"]');
      await page.waitForSelector('#token-message:not([hidden])', { timeout: stepTimeout });
      const text = await page.textContent('#token-message');
      secret = /：([A-Za-z0-9_-]{40,})（/.exec(text)?.[1];
      assert.ok(secret, `the secret is shown: ${text}`);
      assert.match(text, /仅显示这一次/);
      await tokenRow().waitFor({ timeout: stepTimeout });
      assert.equal(await tokenRow().locator('.token-used').textContent(), '从未使用');
      const status = await page.evaluate((s) => fetch('/api/v1/session', { credentials: 'omit', headers: { Authorization: `Bearer ${s}` } }).then((r) => r.status), secret);
      assert.equal(status, 200, 'the token works');
      await page.reload();
      await pageReady(page, 'landwatchAccount', stepTimeout);
      assert.ok(!(await page.textContent('body')).includes(secret), 'after a reload the secret is nowhere on the page');
      assert.match(await tokenRow().locator('.token-used').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'its last use is shown');
      await shots(page, '75-account-tokens');
      await tokenRow().locator('.token-revoke').click();
      await eventually(async () => /已撤销/.test(await tokenRow().locator('.token-state').textContent()), stepTimeout, 'the token shown revoked');
      const after = await page.evaluate((s) => fetch('/api/v1/session', { credentials: 'omit', headers: { Authorization: `Bearer ${s}` } }).then((r) => r.status), secret);
      assert.equal(after, 401, 'and refused');
    });

    test('the clerk restores the password the other tests sign in with', async () => {
      await page.fill('#password-form input[name="current_password"]', NEW_PASSWORD);
      await page.fill('#password-form input[name="new_password"]', clerk.password);
      await page.fill('#password-form input[name="again"]', clerk.password);
      await page.click('#password-form button[type="submit"]');
      await eventually(async () => /密码已修改/.test(await page.textContent('#password-message')), stepTimeout, 'the password restored');
    });

    test('an administrator moves a clerk to another region and finds it in the audit log', async () => {
      // a move to a region there is not, refused on purpose below
      const expected = [(text, url) => /status of 4\d\d/.test(text) && /\/api\/v1\/accounts\/[^/]+$/.test(url)];
      const { page: adm } = await signedInPage(browser, { baseURL, path: '/admin.html', account: admin, timeout: stepTimeout, label: 'admin', problems, expected });
      await pageReady(adm, 'landwatchAdmin', stepTimeout);
      const move = async (region) => {
        const r = adm.locator(`#accounts tr[data-account="${neighbour}"]`);
        await r.locator('.admin-region').fill(region);
        await r.locator('.admin-save').click();
        await eventually(async () => (await r.locator('td').nth(2).textContent()) === region, stepTimeout, `${neighbour} shown in ${region}`);
      };
      await move('130626');
      assert.match(await adm.textContent('#admin-message'), new RegExp(`${neighbour} 已改为录入员，行政区 130626`));
      await shots(adm, '75-account-region');
      const row = adm.locator(`#accounts tr[data-account="${neighbour}"]`);
      await row.locator('.admin-region').fill('999999');
      await row.locator('.admin-save').click();
      await eventually(async () => (await adm.getAttribute('#admin-message', 'data-kind')) === 'error', stepTimeout, 'the move to no region refused');
      await adm.click('#link-audit');
      await adm.waitForURL((u) => u.pathname.endsWith('/audit.html'), { timeout: stepTimeout });
      await pageReady(adm, 'landwatchAudit', stepTimeout);
      await adm.fill('#audit-filters input[name="actor"]', admin.name);
      await adm.selectOption('#audit-filters select[name="action"]', 'permission_change');
      await adm.click('#audit-filters button[type="submit"]');
      // The unfiltered list already holds the entry: wait for the filtered
      // one to replace it before reading its rows.
      await eventually(async () => {
        const actions = await adm.$$eval('#audit tbody tr', (rows) => rows.map((r) => r.dataset.action));
        return (actions.length > 0 && actions.every((a) => a === 'permission_change')) || `the list shows ${actions}`;
      }, stepTimeout, 'only the action asked for');
      const entry = adm.locator(`#audit tr[data-target="account/${neighbour}"]`).first();
      await entry.waitFor({ timeout: stepTimeout });
      assert.match(await entry.textContent(), /权限变更/);
      assert.match(await entry.locator('.audit-detail').textContent(), /"region_code":"130626"/, 'the entry says the new region');
      const refused = adm.locator(`#audit tr[data-target="/api/v1/accounts/${neighbour}"]`).first();
      await refused.waitFor({ timeout: stepTimeout });
      assert.match(await refused.textContent(), /权限变更（被拒绝，4\d\d）/, 'the refused move says it was refused');
      await shots(adm, '75-account-audit');
      await adm.goto(`${baseURL}/admin.html`);
      await pageReady(adm, 'landwatchAdmin', stepTimeout);
      await move('130627'); // back to its county, for whatever runs next
    });

    test('my account and the audit log had no page or console errors', () => {
      assert.deepEqual(problems, []);
    });
  });
}
