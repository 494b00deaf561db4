// Browser tests of the review panel (审核) as its people use it, each signed in through the sign-in
// page in a context of their own: a reviewer of the province returns a changed supply with a reason,
// the county's clerk sees why and fixes it, the reviewer approves the fix. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { withToken } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const REASON = '宗地面积与出让合同不符，请核对后重新提交';

/**
 * Registers the review tests. reviewer and clerk are { name, password } of accounts whose regions
 * cover fixture.parcels[1]; admin names the holder of the test's token (TOKEN), who makes the first
 * change.
 */
export function reviewTests({ baseURL, screenshots, chromiumPath, fixture, stepTimeout = 30_000, reviewer, clerk, admin }) {
  describe('the review of a changed supply', () => {
    let browser;
    let original; // the project name of the supply before the test changes it
    let reviewing; // the reviewer's map page
    let fixing; // the clerk's map page
    const problems = [];
    const e = fixture.parcels[1]?.e_number;
    const url = () => `${baseURL}/api/v1/supplies/${encodeURIComponent(e)}`;
    const read = async () => (await fetch(url(), { headers: withToken({ Accept: 'application/json' }) })).json();
    const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `${name}.png`) });
    const rowOf = (p) => p.locator(`#review-submitted .review-actions[data-enumber="${e}"]`);
    const submittedItem = (p) => p.locator('#review-submitted li', { has: p.locator(`.review-actions[data-enumber="${e}"]`) });
    const returnedItem = (p) => p.locator('#review-returned li', { has: p.locator(`button[data-enumber="${e}"]`) });

    /** Renames the supply through the API as the test's administrator (a change: submitted again). */
    async function renameAsAdmin(name) {
      const tag = (await fetch(url(), { headers: withToken({ Accept: 'application/json' }) })).headers.get('ETag');
      const res = await fetch(url(), {
        method: 'PATCH', headers: withToken({ 'Content-Type': 'application/json', 'If-Match': tag }),
        body: JSON.stringify({ project_name: name }),
      });
      assert.equal(res.status, 200, `renaming ${e}: ${await res.text()}`);
    }

    /**
     * Renames the supply from the clerk's page, with the session's CSRF token: the map has no edit
     * form, so the clerk's fix goes through the API as the clerk's tools would send it.
     */
    function renameAsClerk(name) {
      return fixing.evaluate(async ([api, to]) => {
        const tag = (await fetch(api, { headers: { Accept: 'application/json' } })).headers.get('ETag');
        const res = await fetch(api, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'If-Match': tag, 'X-CSRF-Token': window.landwatch.session.csrf_token },
          body: JSON.stringify({ project_name: to }),
        });
        return res.status;
      }, [`/api/v1/supplies/${encodeURIComponent(e)}`, name]);
    }

    /** Opens the review panel of page p afresh (closed first, so that it loads again). */
    async function openReview(p) {
      if (await p.isVisible('#panel-review')) await p.click('#panel-review button[data-close]');
      await p.click('#btn-review');
      await p.waitForSelector('#panel-review:not([hidden])', { timeout: stepTimeout });
    }

    before(async () => {
      assert.ok(e, 'the fixture names a second parcel');
      assert.ok(reviewer?.name && clerk?.name, 'REVIEWER_NAME and CLERK_NAME name the accounts');
      original = (await read()).project_name;
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(async () => {
      if (original != null && (await read()).project_name !== original) await renameAsAdmin(original);
      await browser?.close();
    });

    test('a reviewer of the province returns a changed supply, and only with a reason', async () => {
      await renameAsAdmin(`${original}（补充）`);
      assert.equal((await read()).review_status, 'submitted', 'a changed record waits for review');
      ({ page: reviewing } = await signedInPage(browser, {
        baseURL, account: reviewer, timeout: stepTimeout, label: 'reviewer', problems,
        // the decision on a version changed meanwhile is refused (412) on purpose, in the last step
        expected: [(text, where) => /status of 412/.test(text) && /\/api\/v1\/supplies\/\d+\/review$/.test(where)],
      }));
      await mapReady(reviewing, stepTimeout);
      assert.ok(await reviewing.isVisible('#btn-review'), 'the bar offers the review panel to a reviewer');
      assert.ok(!(await reviewing.isVisible('#link-admin')), 'but not the accounts page');
      await openReview(reviewing);
      const row = rowOf(reviewing);
      await row.waitFor({ timeout: stepTimeout });
      const text = await submittedItem(reviewing).textContent();
      assert.ok(text.includes(`${original}（补充）`), `the item names the project: ${text}`);
      assert.ok(text.includes(`提交人 ${admin}`), 'and who submitted it');
      assert.ok(await reviewing.isHidden('#review-returned-section'), 'a reviewer has no list of returned records to fix');

      await row.locator('.review-return').click();
      await row.locator('.review-confirm').click();
      const message = await row.locator('.review-reason').evaluate((el) => el.validationMessage);
      assert.equal(message, '请写明退回原因', 'a return without a reason is refused on the page');
      assert.equal((await read()).review_status, 'submitted', 'and nothing was sent');
      await row.locator('.review-reason').fill(REASON);
      await shot(reviewing, '18-review-return');
      await row.locator('.review-reason').press('Enter');
      await row.waitFor({ state: 'detached', timeout: stepTimeout });
      const s = await read();
      assert.equal(s.review_status, 'returned');
      assert.equal(s.review_reason, REASON);
      assert.equal(s.reviewed_by, reviewer.name);
    });

    test("the county's clerk sees it returned with the reason, opens it and fixes it", async () => {
      ({ page: fixing } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'clerk', problems }));
      await mapReady(fixing, stepTimeout);
      assert.ok(!(await fixing.isVisible('#link-admin')), 'a clerk is not offered the accounts page');
      await openReview(fixing);
      const item = returnedItem(fixing);
      await item.waitFor({ timeout: stepTimeout });
      const text = await item.textContent();
      assert.ok(text.includes(`退回原因：${REASON}`), `the item says why it was returned: ${text}`);
      assert.ok(text.includes(`审核人 ${reviewer.name}`), 'and by whom');
      assert.ok(await fixing.isHidden('#review-submitted-section'), 'a clerk decides on nothing');
      assert.equal(await item.locator('.review-approve').count(), 0, 'and has no approve button');
      await fixing.click('#btn-lang');
      assert.match(await item.textContent(), /Reason: /, 'the list follows the switch to English');
      assert.match(await fixing.textContent('#review-returned-section h3'), /Returned, to fix/);
      await fixing.click('#btn-lang');

      await item.locator(`button[data-enumber="${e}"]`).click();
      await eventually(async () => (await fixing.$eval('#details-enumber', (el) => el.textContent.trim()).catch(() => '')) === e,
        stepTimeout, `the details panel showing ${e}`);
      const note = await fixing.textContent('#details-review-note');
      assert.ok(note.includes(REASON) && note.includes(reviewer.name), `the details say why and by whom: ${note}`);
      await shot(fixing, '18b-review-returned-to-clerk');

      assert.equal(await renameAsClerk(original), 200, 'the clerk changes the supply');
      const s = await read();
      assert.equal(s.review_status, 'submitted', 'a fixed record waits for review again');
      assert.equal(s.updated_by, clerk.name);
      await openReview(fixing);
      await eventually(async () => (await returnedItem(fixing).count()) === 0, stepTimeout, 'the fixed supply leaving the returned list');
    });

    test('the reviewer sees who fixed it and why it came back, and approves the version seen', async () => {
      await openReview(reviewing);
      const row = rowOf(reviewing);
      await row.waitFor({ timeout: stepTimeout });
      const text = await submittedItem(reviewing).textContent();
      assert.ok(text.includes(`提交人 ${clerk.name}`), `the item names the clerk who fixed it: ${text}`);
      assert.ok(text.includes(`上次退回原因：${REASON}`), 'and the reason it was returned for');
      await shot(reviewing, '18c-review-resubmitted');

      const seen = (await read()).version;
      assert.equal(await renameAsClerk(`${original}（再改）`), 200, 'the clerk changes it once more');
      await row.locator('.review-approve').click();
      await row.locator('.review-approve-confirm').click(); // approval asks for confirmation
      await row.locator('.review-error').waitFor({ timeout: stepTimeout });
      assert.match(await row.locator('.review-error').textContent(), /已被修改/, 'a decision on the version seen before the change is refused');
      assert.equal((await read()).review_status, 'submitted', 'and nothing was approved');
      assert.ok((await read()).version > seen);
      assert.ok((await submittedItem(reviewing).textContent()).includes(`${original}（再改）`), 'the list shows the record as it is now');
      assert.equal(await renameAsClerk(original), 200, 'the clerk takes the change back');
      await openReview(reviewing);
      await row.locator('.review-approve').click();
      await row.locator('.review-approve-confirm').click();
      await row.waitFor({ state: 'detached', timeout: stepTimeout });
      const s = await read();
      assert.equal(s.review_status, 'approved', 'the supply is approved');
      assert.equal(s.reviewed_by, reviewer.name);
      assert.equal(s.project_name, original);
    });

    test('the review had no page or console errors', () => {
      assert.deepEqual(problems, []);
    });
  });
}
