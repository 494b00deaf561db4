// Browser tests of the inspector's and the reviewer's work, each person signed in through the
// sign-in page in a browser context of their own: the inspector of the demo county assigns a
// suspected-idle finding to a colleague by name, records the investigation notice, determines it
// and prints the determination; the reviewer of the province sees what changed in a supply (fields,
// boundary before and after), approves it after confirming, and approves a filtered list at once.
// Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { withToken } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const COUNTY = '130626';
const PHONE = { width: 390, height: 844 };

/** The API as the test's administrator (TOKEN): { status, body }. */
function apiAs(baseURL) {
  return async (method, url, body, headers = {}) => {
    const res = await fetch(`${baseURL}${url}`, {
      method,
      headers: withToken({ Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }),
      body: body == null ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, etag: res.headers.get('ETag') };
  };
}

/** Registers the tests. inspector and reviewer are { name, password }; assignee names another inspector of the county. */
export function inspectorTests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, inspector, assignee, reviewer }) {
  const api = apiAs(baseURL);
  const shot = (p, name) => p.screenshot({ path: path.join(screenshots, `${name}.png`) });

  describe("the inspector's day", () => {
    let browser;
    let page;
    let finding; // an open suspected-idle finding of the county
    const problems = [];
    const NOTICE = '定国土资调字〔2026〕第017号';
    const DECISION = '定国土资闲认字〔2026〕第005号';

    before(async () => {
      assert.ok(inspector?.name && assignee, 'FIELD_NAME and ASSIGNEE_NAME name the inspectors');
      const r = await api('GET', `/api/v1/findings?kind=suspected_idle&status=open&region=${COUNTY}&limit=100`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      finding = r.body.items.filter((f) => f.supply_id && !f.notice_no).at(-1);
      assert.ok(finding, 'the demo county has an open suspected-idle finding after the idle scan');
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(() => browser?.close());

    test('opens the finding from the work list, with its kind, status and grade', async () => {
      ({ page } = await signedInPage(browser, { baseURL, account: inspector, timeout: stepTimeout, label: 'inspector', problems }));
      await mapReady(page, stepTimeout);
      await page.evaluate((id) => window.landwatch.select(id), finding.supply_id);
      await page.evaluate(() => window.landwatch.idle());
      await page.click('#btn-worklist');
      const item = page.locator(`#worklist-findings button[data-finding="${finding.id}"]`);
      await item.waitFor({ timeout: stepTimeout });
      const text = await item.textContent();
      assert.ok(text.includes('疑似闲置') && text.includes('待处理'), `the item says kind and status: ${text}`);
      if (finding.grade) assert.ok(text.length > `疑似闲置 · 待处理`.length, 'and the grade');
      await item.click();
      await page.waitForSelector('#panel-finding:not([hidden]) #finding-id', { timeout: stepTimeout });
      assert.match(await page.textContent('#finding-id'), new RegExp(`#${finding.id}`));
      assert.equal((await page.textContent('#finding-facts dd[data-field="status"]')).trim(), '待处理');
      await shot(page, '50-inspector-finding');
    });

    test('assigns it to another inspector of the county picked by name', async () => {
      await page.click('#finding-body .act-assign');
      const pick = page.locator('#finding-assignee');
      await pick.waitFor({ timeout: stepTimeout });
      const names = await pick.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(names.includes(assignee) && names.includes(inspector.name), `the accounts offered by name: ${names}`);
      await page.click('#finding-body .finding-submit');
      assert.equal((await api('GET', `/api/v1/findings/${finding.id}`)).body.status, 'open', 'nothing is sent without a name and a reason');
      await pick.selectOption(assignee);
      await page.fill('#finding-reason', '请到现场核实开发情况');
      await shot(page, '50-inspector-assign');
      await page.click('#finding-body .finding-submit');
      await page.waitForSelector('#finding-body .finding-ok', { timeout: stepTimeout });
      const f = (await api('GET', `/api/v1/findings/${finding.id}`)).body;
      assert.equal(f.status, 'assigned');
      assert.equal(f.assignee, assignee);
      assert.equal((await page.textContent('#finding-facts dd[data-field="assignee"]')).trim(), assignee);
    });

    test('records the investigation notice with its number', async () => {
      await page.click('#finding-body .act-notice');
      await page.fill('#finding-document_no', NOTICE);
      await page.fill('#finding-reason', '超过约定动工日期满一年未动工');
      await page.click('#finding-body .finding-submit');
      await page.waitForSelector('#finding-body .print-notice', { timeout: stepTimeout });
      const f = (await api('GET', `/api/v1/findings/${finding.id}`)).body;
      assert.equal(f.notice_no, NOTICE);
      assert.equal(f.status, 'assigned', 'the notice leaves the status as it is');
      assert.ok((await page.textContent('#finding-facts')).includes(NOTICE));
      assert.equal(await page.locator('#finding-body .act-notice').count(), 0, 'a notice is recorded once');
    });

    test('determines it with the document number and date after marking it verified', async () => {
      await page.click('#finding-body .act-verify');
      await page.fill('#finding-reason', '现场核实：未动工');
      await page.click('#finding-body .finding-submit');
      await page.locator('#finding-body .act-determine').waitFor({ timeout: stepTimeout });
      await page.click('#finding-body .act-determine');
      await page.fill('#finding-document_no', DECISION);
      await page.fill('#finding-decided_on', '2026-11-30');
      await page.selectOption('#finding-cause', 'holder');
      await page.fill('#finding-reason', '使用权人原因，满一年未动工');
      await shot(page, '50-inspector-determine');
      await page.click('#finding-body .finding-submit');
      await page.waitForSelector('#finding-body .print-determination', { timeout: stepTimeout });
      const f = (await api('GET', `/api/v1/findings/${finding.id}`)).body;
      assert.equal(f.status, 'determined');
      const step = f.steps.find((s) => s.to === 'determined');
      assert.equal(step.document_no, DECISION);
      assert.equal(step.decided_on, '2026-11-30');
      assert.ok((await page.textContent('#finding-body .finding-steps')).includes(DECISION), 'the steps list the decision');
    });

    test('prints the determination on A4 with its document number', async () => {
      const href = await page.getAttribute('#finding-body .print-determination', 'href');
      const doc = await page.context().newPage();
      await doc.goto(`${baseURL}${href}`);
      await doc.waitForSelector('body[data-ready="true"]', { timeout: stepTimeout });
      assert.equal((await doc.textContent('#doc-number')).trim(), `文号：${DECISION}`);
      const text = await doc.textContent('#doc');
      assert.ok(text.includes('闲置土地认定书') && text.includes(finding.e_number) && text.includes('使用权人原因'), text.slice(0, 300));
      await doc.emulateMedia({ media: 'print' });
      assert.ok(await doc.isHidden('.print-bar'), 'the print bar is not printed');
      assert.ok(await doc.isVisible('#doc-number'));
      const pdf = await doc.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      // A4 is 595 × 842 points
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
      await shot(doc, '50-inspector-determination-print');
      await doc.emulateMedia({ media: 'screen' });

      await doc.goto(`${baseURL}/print/notice.html?finding=${finding.id}&lang=zh`);
      await doc.waitForSelector('body[data-ready="true"]', { timeout: stepTimeout });
      assert.equal((await doc.textContent('#doc-number')).trim(), `文号：${NOTICE}`);
      await doc.goto(`${baseURL}/print/supply.html?e=${encodeURIComponent(finding.e_number)}&lang=zh`);
      await doc.waitForSelector('body[data-ready="true"]', { timeout: stepTimeout });
      assert.ok((await doc.textContent('#doc-number')).includes(finding.e_number));
      assert.ok((await doc.textContent('#doc')).includes(DECISION), 'the sheet lists the determination among the events');
      await shot(doc, '50-inspector-supply-sheet');
      await doc.setViewportSize(PHONE);
      await shot(doc, '50-inspector-supply-sheet-phone');
      await doc.close();
    });

    test('the finding panel on a phone', async () => {
      await page.setViewportSize(PHONE);
      await page.evaluate((id) => window.landwatch.finding.show(id), finding.id);
      await page.waitForSelector('#panel-finding:not([hidden]) .print-determination', { timeout: stepTimeout });
      await shot(page, '50-inspector-finding-phone');
    });

    test("the inspector's day had no page or console errors", () => {
      assert.deepEqual(problems, []);
    });
  });

  describe("the reviewer's evidence", () => {
    let browser;
    let page;
    let changed; // the supply changed through the API: { id, e_number }
    let batch; // supplies renamed with TAG, for the bulk approval
    const problems = [];
    const TAG = `批量审核${Date.now() % 100000}`;

    /** Supplies of the county with parcels, approved first so that a change shows against them. */
    async function pickSupplies(n) {
      const r = await api('GET', `/api/v1/supplies?region=${COUNTY}&stage=completed&limit=200`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const out = r.body.items.filter((s) => !(s.flags || []).includes('geometry_missing')).slice(-n);
      assert.equal(out.length, n, `the county has ${n} completed supplies with parcels`);
      return out;
    }

    async function approve(s) {
      const cur = await api('GET', `/api/v1/supplies/${s.id}`);
      if (cur.body.review_status === 'approved') return;
      const r = await api('POST', `/api/v1/supplies/${s.id}/review`, { decision: 'approve' }, { 'If-Match': cur.etag });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }

    async function rename(s, name) {
      const cur = await api('GET', `/api/v1/supplies/${s.id}`);
      const r = await api('PATCH', `/api/v1/supplies/${s.id}`, { project_name: name }, { 'If-Match': cur.etag });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return cur.body;
    }

    before(async () => {
      assert.ok(reviewer?.name, 'REVIEWER_NAME names the reviewer');
      const picked = await pickSupplies(3);
      [changed, ...batch] = picked;
      for (const s of picked) await approve(s);
      // the change: a new project name and the boundary moved east by some 20 m
      const was = (await api('GET', `/api/v1/supplies/${changed.id}`)).body;
      await rename(changed, `${was.project_name}（变更）`);
      const geo = await (await fetch(`${baseURL}/api/v1/supplies/${changed.id}`, { headers: withToken({ Accept: 'application/geo+json' }) })).json();
      const shift = (c) => (typeof c[0] === 'number' ? [c[0] + 0.0002, c[1]] : c.map(shift));
      const moved = { type: 'FeatureCollection', features: geo.features.map((f) => ({ type: 'Feature', properties: {}, geometry: { ...f.geometry, coordinates: shift(f.geometry.coordinates) } })) };
      const r = await api('PUT', `/api/v1/supplies/${changed.id}/parcels`, JSON.stringify(moved), { 'Content-Type': 'application/geo+json', 'If-Match': '*' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      changed.was = was.project_name;
      for (const s of batch) await rename(s, `${s.project_name || ''}${TAG}`);
      browser = await chromium.launch(launchOptions(chromiumPath));
    });

    after(() => browser?.close());

    test('sees the fields that changed and the boundary before and after', async () => {
      ({ page } = await signedInPage(browser, { baseURL, account: reviewer, timeout: stepTimeout, label: 'reviewer', problems }));
      await mapReady(page, stepTimeout);
      await page.click('#btn-review');
      await page.fill('#review-filter', changed.e_number);
      await page.press('#review-filter', 'Enter');
      const item = page.locator('#review-submitted li', { has: page.locator(`.review-actions[data-enumber="${changed.e_number}"]`) });
      await item.waitFor({ timeout: stepTimeout });
      await item.locator('.review-evidence').click();
      const evidence = item.locator('.evidence');
      await evidence.locator('.evidence-diff').waitFor({ timeout: stepTimeout });
      assert.match(await evidence.locator('.evidence-base').textContent(), /已通过的版本/, 'compared with the approved version');
      const row = evidence.locator('.evidence-diff tr[data-field="project_name"]');
      assert.equal((await row.locator('.before').textContent()).trim(), changed.was);
      assert.equal((await row.locator('.after').textContent()).trim(), `${changed.was}（变更）`);
      assert.match(await evidence.locator('.evidence-boundary').textContent(), /宗地范围已变更/);
      assert.match(await evidence.locator('.evidence-area').textContent(), /出让面积 .* 公顷；实测（平面）.* 公顷/);
      await page.evaluate(() => window.landwatch.idle());
      const drawn = await page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['review-before', 'review-after'] }).map((f) => f.layer.id));
      assert.ok(drawn.includes('review-before') && drawn.includes('review-after'), `both drawn on the map: ${[...new Set(drawn)]}`);
      await shot(page, '55-reviewer-evidence');
    });

    test('approves it only after confirming', async () => {
      const row = page.locator(`#review-submitted .review-actions[data-enumber="${changed.e_number}"]`);
      await row.locator('.review-approve').click();
      assert.equal((await api('GET', `/api/v1/supplies/${changed.id}`)).body.review_status, 'submitted', 'one click approves nothing');
      await row.locator('.review-cancel').click();
      await row.locator('.review-approve').click();
      await row.locator('.review-approve-confirm').click();
      await row.waitFor({ state: 'detached', timeout: stepTimeout });
      const s = (await api('GET', `/api/v1/supplies/${changed.id}`)).body;
      assert.equal(s.review_status, 'approved');
      assert.equal(s.reviewed_by, reviewer.name);
    });

    test('approves a filtered list of two at once', async () => {
      await page.fill('#review-filter', TAG);
      await page.press('#review-filter', 'Enter');
      await eventually(async () => (await page.locator('#review-submitted > li').count()) === batch.length, stepTimeout, 'the list filtered to the batch');
      assert.match(await page.textContent('#review-approve-all'), new RegExp(`（${batch.length} 条）`));
      // A part of the evidence with nothing to show (no overlap, or no finding) is left out, not
      // written "null".
      let quiet;
      for (const s of batch) {
        const overlaps = (await api('GET', `/api/v1/overlaps?supply=${s.id}`)).body.items.length;
        const findings = (await api('GET', `/api/v1/findings?supply=${s.id}`)).body.items.length;
        if (!overlaps || !findings) { quiet = s; break; }
      }
      assert.ok(quiet, 'a supply of the batch without overlaps or without findings');
      const item = page.locator('#review-submitted li', { has: page.locator(`.review-actions[data-enumber="${quiet.e_number}"]`) });
      await item.locator('.review-evidence').click();
      await item.locator('.evidence .evidence-overlaps').waitFor({ timeout: stepTimeout });
      assert.doesNotMatch(await item.locator('.evidence').textContent(), /null/);
      await page.click('#review-approve-all');
      await page.click('.review-approve-all-confirm');
      await page.waitForSelector('#review-bulk-result', { timeout: stepTimeout });
      assert.match(await page.textContent('#review-bulk-result'), new RegExp(`已通过 ${batch.length} 条`));
      for (const s of batch) assert.equal((await api('GET', `/api/v1/supplies/${s.id}`)).body.review_status, 'approved', s.e_number);
      await shot(page, '55-reviewer-bulk');
      await page.setViewportSize(PHONE);
      await shot(page, '55-reviewer-bulk-phone');
    });

    test("the reviewer's day had no page or console errors", () => {
      assert.deepEqual(problems, []);
    });
  });
}
