// Browser tests of the accounts page (admin.html), each person signed in through the sign-in page in
// a context of their own: the administrator adds an account and sees its password once, the new
// account signs in, a reset replaces its password, and once disabled it is refused. Registered by
// run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signInOn } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const NAME = 'clerk-new';
const REGION = '130626';
// 20 characters of the page's alphabet, which leaves out look-alikes (0 O o 1 l I i)
const PASSWORD = /：([a-hjkmnp-zA-HJ-NP-Z2-9]{20})（/;

/** Registers the accounts page's tests; admin is { name, password } of a national administrator. */
export function adminTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, admin }) {
  describe('the accounts page', () => {
    let browser;
    let page; // the administrator's
    let user; // the new account's
    let password;
    const problems = [];
    const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `${name}.png`) });
    const row = () => page.locator(`#accounts tr[data-account="${NAME}"]`);
    const adminReady = async (p) => {
      await p.waitForFunction(() => window.landwatchAdmin && window.landwatchAdmin.ready, null, { timeout: stepTimeout });
      await p.evaluate(() => window.landwatchAdmin.ready);
    };
    const shownPassword = async () => {
      await page.waitForSelector('#admin-message:not([hidden])', { timeout: stepTimeout });
      const text = await page.textContent('#admin-message');
      const got = PASSWORD.exec(text)?.[1];
      assert.ok(got, `a generated password is shown: ${text}`);
      assert.match(text, /仅显示这一次/, 'with the note that it is shown once');
      return got;
    };

    before(async () => {
      assert.ok(admin?.name, 'ADMIN_NAME names an administrator');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      await browser?.close();
    });

    test('an administrator finds the accounts page in the bar and adds an account', async () => {
      ({ page } = await signedInPage(browser, { baseURL, account: admin, timeout: stepTimeout, label: 'admin', problems }));
      await mapReady(page, stepTimeout);
      assert.ok(await page.isVisible('#link-stats'), 'the statistics are in the administrator\'s bar too');
      await page.click('#link-admin');
      await page.waitForURL((u) => u.pathname.endsWith('/admin.html'), { timeout: stepTimeout });
      await adminReady(page);
      assert.equal(await page.locator(`#accounts tr[data-account="${admin.name}"] button`).count(), 0,
        'the administrator cannot disable or reset their own account here');
      await page.fill('#admin-add input[name="name"]', NAME);
      await page.selectOption('#admin-add select[name="role"]', 'clerk');
      await page.fill('#admin-add input[name="region_code"]', REGION);
      await page.click('#admin-add button[type="submit"]');
      password = await shownPassword();
      await row().waitFor({ timeout: stepTimeout });
      const cells = await row().locator('td').allTextContents();
      assert.deepEqual(cells.slice(0, 4), [NAME, '录入员', REGION, '启用'], 'the new account is listed');
      await shot(page, '19-accounts-password');
      await page.reload();
      await adminReady(page);
      assert.ok(await page.isHidden('#admin-message'), 'after a reload no password is shown');
      assert.ok(!(await page.textContent('body')).includes(password), 'the password is nowhere on the page');
    });

    test('the new account signs in with it, and with the new one after a reset', async () => {
      ({ page: user } = await signedInPage(browser, {
        baseURL, path: '/admin.html', account: { name: NAME, password }, timeout: stepTimeout, label: 'new account', problems,
      }));
      await adminReady(user);
      assert.match(await user.textContent('#admin-message'), /只有管理员可以管理账户/, 'a clerk is told the page is for administrators');
      assert.ok(await user.isHidden('#admin-add'), 'and has no form');

      await row().locator('.admin-reset').click();
      const reset = await shownPassword();
      assert.notEqual(reset, password, 'the reset made a new password');
      password = reset;
      // A new password ends the account's sessions. The server then refuses every request that
      // carries the ended session's cookie with 401, the pages and the sign-in page included, so no
      // page can send the browser to sign in: the person must clear the cookie, as here.
      await user.context().clearCookies();
      await user.reload();
      await user.waitForURL((u) => u.pathname.endsWith('/signin.html'), { timeout: stepTimeout });
      await signInOn(user, NAME, password, stepTimeout);
      await adminReady(user);
      assert.equal(await user.$eval('#who', (el) => el.dataset.user), NAME, 'the new password signs in');
    });

    test('a disabled account is refused at the sign-in', async () => {
      await row().locator('.admin-toggle').click();
      await eventually(async () => /已停用/.test(await row().locator('.admin-state').textContent()), stepTimeout, 'the account shown disabled');
      assert.equal(await row().locator('.admin-toggle').textContent(), '启用', 'and offered to be enabled again');
      await shot(page, '19b-accounts-disabled');
      await user.context().clearCookies(); // disabling ends the account's sessions (see above)
      await user.reload();
      await user.waitForURL((u) => u.pathname.endsWith('/signin.html'), { timeout: stepTimeout });
      await user.fill('#signin-name', NAME);
      await user.fill('#signin-password', password);
      await user.click('#signin-submit');
      await user.waitForSelector('#signin-error:not([hidden])', { timeout: stepTimeout });
      assert.match(await user.textContent('#signin-error'), /用户名或密码错误/);
      assert.ok(new URL(user.url()).pathname.endsWith('/signin.html'), 'and stays on the sign-in page');
    });

    test('the accounts page had no page or console errors', () => {
      assert.deepEqual(problems, []);
    });
  });
}
