// Browser tests of the field page (/field.html) on an emulated phone: the list nearest first, a
// verification refused far from the parcel, and one recorded on site with a photo's SHA-256.
// Registered by run.mjs (fieldTests), so `node run.mjs` stays the single entry.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { signInOn, withToken } from './signin.mjs';
import { eventually as waitUntil, launchOptions } from './harness.mjs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A small RGB PNG: a diagonal gradient, different for every seed. */
export function makePNG(width = 16, height = 16, seed = 0) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw[i] = (x * 16 + seed) & 0xff;
      raw[i + 1] = (y * 16) & 0xff;
      raw[i + 2] = ((x + y) * 8 + seed * 7) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Registers the field page's tests. */
export function fieldTests({ baseURL, screenshots, chromiumPath, fixture, stepTimeout = 30_000, inspector }) {
  describe('the field page on a phone', () => {
    let browser;
    let context;
    let page;
    let pair;
    let finding; // the overlap finding of overlaps[0], assigned to the field team before the page opens
    const problems = [];

    const api = async (method, url, body) => {
      const res = await fetch(`${baseURL}${url}`, {
        method, headers: withToken({ Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) }),
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const eventually = (check, what, ms = stepTimeout) => waitUntil(check, ms, what);
    const shot = (name) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });
    const at = (lon, lat) => context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 10 });

    before(async () => {
      assert.ok(fixture.overlaps?.length > 0, 'the fixture names overlapping supplies');
      pair = fixture.overlaps[0];
      const ids = {};
      for (const e of [pair.a, pair.b]) {
        const r = await api('GET', `/api/v1/supplies/${encodeURIComponent(e)}`);
        assert.equal(r.status, 200, `supply ${e}`);
        ids[r.body.id] = e;
      }
      for (const id of Object.keys(ids)) {
        const r = await api('GET', `/api/v1/findings?kind=overlap&status=open&supply=${id}&limit=1000`);
        finding = r.body.items.find((f) => ids[f.supply_id] && ids[f.other_supply_id]);
        if (finding) break;
      }
      assert.ok(finding, `an open overlap finding of ${pair.a} and ${pair.b}`);
      const moved = await api('PATCH', `/api/v1/findings/${finding.id}`,
        { status: 'assigned', assignee: inspector.name, reason: 'browser test: sent to the inspector' });
      assert.equal(moved.status, 200, `assigning finding ${finding.id}: ${JSON.stringify(moved.body)}`);

      browser = await chromium.launch(launchOptions(chromiumPath));
      context = await browser.newContext({
        viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
        locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
        permissions: ['geolocation'], geolocation: { longitude: pair.lon, latitude: pair.lat, accuracy: 10 },
      });
      page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`field: page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const url = msg.location()?.url || '';
        // the refusal far from the parcel is a 400 the page shows; the browser logs it as well
        if (/Failed to load resource/.test(msg.text()) && /\/verifications\b/.test(url)) return;
        // before signing in, the session is refused (401), as it must be
        if (/status of 401/.test(msg.text()) && /\/api\/v1\/session\b/.test(url)) return;
        problems.push(`field: console error: ${msg.text()} ${url}`);
      });
    });

    after(async () => {
      await context?.close();
      await browser?.close();
    });

    test('the list shows the findings nearest the device first', async () => {
      await page.goto(`${baseURL}/field.html`);
      await signInOn(page, inspector.name, inspector.password, stepTimeout); // back on the field page after it
      await page.waitForFunction(() => window.landwatchField && window.landwatchField.ready, null, { timeout: stepTimeout });
      await page.evaluate(() => window.landwatchField.ready);
      await eventually(async () => {
        const pos = await page.$eval('#field-position', (el) => el.dataset.state);
        return pos === 'fix' || `position state ${pos}`;
      }, 'the position fix');
      await page.evaluate(() => window.landwatchField.sorted());
      const item = page.locator(`#field-items button[data-finding-id="${finding.id}"]`);
      await item.waitFor({ timeout: stepTimeout });
      await eventually(async () => {
        const first = await page.$eval('#field-items button', (b) => ({ e: b.dataset.enumber, m: b.querySelector('.fdist').dataset.metres }));
        return ([pair.a, pair.b].includes(first.e) && first.m === '0') || JSON.stringify(first);
      }, `the first item being a finding of ${pair.a} or ${pair.b}, on the parcel`);
      assert.match(await item.textContent(), /重复供地/, 'the kind is named in Chinese');
      assert.match(await item.textContent(), new RegExp(`${pair.a}|${pair.b}`), 'the item names the supply');
      const pos = await page.textContent('#field-position');
      assert.match(pos, /±\s*10\s*米/, 'the accuracy is shown');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `the page fits the phone's width (${wide} px)`);
      await shot('13-field-list');
    });

    test('a verification far from the parcel is refused, naming the position', async () => {
      await page.tap(`#field-items button[data-finding-id="${finding.id}"]`);
      await page.waitForSelector(`body[data-open-finding="${finding.id}"]`, { timeout: stepTimeout });
      const title = await page.textContent('#field-detail-enumber');
      assert.ok([pair.a, pair.b].includes(title.trim()), `the details name the supply (${title})`);
      assert.equal(await page.$eval('#field-detail-status', (el) => el.dataset.status), 'assigned');
      const mapBox = await page.$eval('#field-map canvas', (c) => c.getBoundingClientRect().width);
      assert.ok(mapBox > 300, 'the small map is drawn');
      await at(pair.lon + 0.05, pair.lat);
      await eventually(async () => (await page.textContent('#field-here')).includes((pair.lon + 0.05).toFixed(6)), 'the page seeing the far position');
      await page.tap('label[for="verdict-measured"]');
      await page.fill('#field-developed', '10');
      await page.fill('#field-invested', '5');
      await page.fill('#field-notes', '现场为空地，未见施工');
      await page.tap('#field-submit');
      await page.waitForSelector('#field-result[data-outcome="refused"]', { timeout: stepTimeout });
      const result = await page.$eval('#field-result', (el) => ({ field: el.dataset.field, text: el.textContent }));
      assert.equal(result.field, 'position');
      assert.match(result.text, /位置/, 'the refusal names the position in Chinese');
      assert.match(result.text, /position: \d+ m from the parcel/, 'the problem detail is shown');
      await page.$eval('#field-result', (el) => el.scrollIntoView({ block: 'center' }));
      await shot('14-field-refused');
      const r = await api('GET', `/api/v1/findings/${finding.id}`);
      assert.equal(r.body.status, 'assigned', 'a refused verification leaves the finding as it was');
    });

    test('a verification on site with a photo is recorded with its SHA-256', async () => {
      await at(pair.lon, pair.lat);
      await eventually(async () => (await page.textContent('#field-here')).includes(pair.lon.toFixed(6)), 'the page seeing the position on site');
      const png = makePNG(16, 16, 3);
      const sha = createHash('sha256').update(png).digest('hex');
      await page.setInputFiles('#field-photos', { name: 'site.png', mimeType: 'image/png', buffer: png });
      await page.waitForSelector('#field-thumbs img', { timeout: stepTimeout });
      assert.equal(await page.$$eval('#field-thumbs img', (imgs) => imgs.length), 1, 'one thumbnail');
      assert.ok(await page.isChecked('#verdict-measured'), 'the verdict is kept after a refusal');
      // The first upload is cut off by the network: nothing is lost, and the
      // form is sent again when the browser is back online.
      const path = `**/api/v1/findings/${finding.id}/verifications`;
      await page.route(path, (route) => route.abort('internetdisconnected'));
      await page.tap('#field-submit');
      await page.waitForSelector('#field-result[data-outcome="failed"]', { timeout: stepTimeout });
      assert.match(await page.textContent('#field-result'), /表单内容已保留/, 'the failure says the form is kept');
      assert.equal(await page.$$eval('#field-thumbs img', (imgs) => imgs.length), 1, 'the photo is kept after a failed upload');
      assert.ok(await page.isChecked('#verdict-measured'), 'the verdict is kept after a failed upload');
      assert.equal(await page.inputValue('#field-notes'), '现场为空地，未见施工', 'the notes are kept after a failed upload');
      assert.equal((await api('GET', `/api/v1/findings/${finding.id}`)).body.status, 'assigned', 'a failed upload records nothing');
      await page.unroute(path);
      await page.context().setOffline(true);
      await page.context().setOffline(false);
      await page.waitForSelector('#field-result[data-outcome="recorded"]', { timeout: stepTimeout });
      const shas = await page.$$eval('#field-result .sha256', (els) => els.map((el) => el.textContent.trim()));
      assert.equal(shas.length, 1, 'one photo hash');
      assert.match(shas[0], /^[0-9a-f]{64}$/);
      assert.equal(shas[0], sha, 'the SHA-256 is the photo\'s');
      await eventually(async () => (await page.$eval('#field-detail-status', (el) => el.dataset.status)) === 'verified', 'the status shown as verified');
      await page.$eval('#field-result', (el) => el.scrollIntoView({ block: 'center' }));
      await shot('15-field-verified');
      const r = await api('GET', `/api/v1/findings/${finding.id}`);
      assert.equal(r.body.status, 'verified', 'the assigned finding is verified');
      assert.ok(r.body.steps.some((s) => s.from === 'assigned' && s.to === 'verified'), 'with a step from assigned to verified');
    });

    test('the field page had no page or console errors', () => {
      assert.deepEqual(problems, []);
    });
  });
}
