// Browser tests of the clerk's day in the details panel, signed in through the sign-in page in a
// context of their own: record a construction start entered some working days late (the lag shown
// before saving), correct its date with a reason and see both versions in the history, withdraw it,
// then upload a coordinate file of a boundary that overlaps a neighbour, see the overlap before
// saving, and save. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { withToken } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const COUNTY = '130626';

/** The day n calendar days before today in China, as YYYY-MM-DD. */
function daysAgo(n) {
  const d = new Date(Date.now() + 8 * 3600e3 - n * 86400e3);
  return d.toISOString().slice(0, 10);
}

/**
 * Gauss-Krüger plane coordinates (CGCS2000, 3° zones) of lon/lat: [northing, easting with the zone
 * number in front], as the ministry's coordinate files write them.
 */
function gaussKruger(lon, lat) {
  const zone = Math.round(lon / 3);
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = 2 * f - f * f;
  const ep2 = e2 / (1 - e2);
  const phi = (lat * Math.PI) / 180;
  const s = Math.sin(phi);
  const c = Math.cos(phi);
  const N = a / Math.sqrt(1 - e2 * s * s);
  const T = Math.tan(phi) ** 2;
  const C = ep2 * c * c;
  const A = (((lon - zone * 3) * Math.PI) / 180) * c;
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  const M = a * ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi - ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi)
    + ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) - ((35 * e6) / 3072) * Math.sin(6 * phi));
  const north = M + N * Math.tan(phi) * (A ** 2 / 2 + ((5 - T + 9 * C + 4 * C * C) * A ** 4) / 24
    + ((61 - 58 * T + T * T + 600 * C - 330 * ep2) * A ** 6) / 720);
  const east = N * (A + ((1 - T + C) * A ** 3) / 6 + ((5 - 18 * T + T * T + 72 * C - 58 * ep2) * A ** 5) / 120) + 500000;
  return { zone, north, east: zone * 1e6 + east };
}

/** The ministry's coordinate text file of one parcel (its outer ring), numbered 地块编号 number. */
function coordinateFile(ring, number) {
  const pts = ring.map(([lon, lat]) => gaussKruger(lon, lat));
  let twice = 0;
  for (let i = 0; i < pts.length - 1; i++) twice += pts[i].east * pts[i + 1].north - pts[i + 1].east * pts[i].north;
  const areaHa = Math.abs(twice) / 2 / 1e4;
  return [
    '[属性描述]', '格式版本号=1.01版本', '数据产生单位=浏览器测试', '坐标系=2000国家大地坐标系', '几度分带=3', '投影类型=高斯克吕格',
    '计量单位=米', `带号=${pts[0].zone}`, '精度=0.001', '[地块坐标]',
    `${pts.length},${areaHa.toFixed(4)},${number},浏览器测试地块,面,,工业用地,0601,@`,
    ...pts.map((p, i) => `J${i === pts.length - 1 ? 1 : i + 1},1,${p.north.toFixed(3)},${p.east.toFixed(3)}`),
    '',
  ].join('\n');
}

/** Registers the tests. clerk is { name, password } of a clerk of the demo county. */
export function eventsTests({ baseURL, screenshots, chromiumPath, fixture, stepTimeout = 30_000, clerk }) {
  describe('events and boundaries in the details panel (clerk)', () => {
    let browser;
    let page;
    let supply; // the supply the clerk works on: delivered long ago, not started, not in the fixture
    let neighbour; // a fixture supply of the county whose parcel the uploaded boundary overlaps
    const problems = [];
    const api = (p, init = {}) => fetch(`${baseURL}/api/v1${p}`, { ...init, headers: withToken({ Accept: 'application/json', ...init.headers }) });
    const read = async () => (await api(`/supplies/${supply.id}`)).json();
    const shot = (name) => page.screenshot({ path: path.join(screenshots, `40-events-${name}.png`) });
    const startDate = daysAgo(20);
    const correctedDate = daysAgo(21);

    before(async () => {
      assert.ok(clerk?.name, 'CLERK_NAME names a clerk of the demo county');
      const known = new Set((fixture.parcels || []).map((p) => p.e_number));
      const list = await (await api(`/supplies?region=${COUNTY}&stage=delivered&limit=100`)).json();
      for (const s of list.items || []) {
        if (known.has(s.e_number)) continue;
        const full = await (await api(`/supplies/${s.id}`)).json();
        const delivery = (full.events || []).find((e) => e.kind === 'delivery');
        if (delivery && delivery.occurred_on < daysAgo(40) && (full.parcels || []).length) {
          supply = full;
          break;
        }
      }
      assert.ok(supply, `a delivered supply of ${COUNTY} outside the fixture`);
      neighbour = (fixture.parcels || []).find((p) => p.e_number.startsWith(COUNTY) && p.e_number !== supply.e_number);
      assert.ok(neighbour, 'a fixture parcel of the county');
      browser = await chromium.launch(launchOptions(chromiumPath));
      ({ page } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'clerk-events', problems }));
      await mapReady(page, stepTimeout);
    });

    after(async () => {
      await browser?.close();
    });

    test('a clerk records a start and sees the lag in working days before saving', async () => {
      await page.evaluate((id) => window.landwatch.select(id), supply.id);
      await eventually(async () => (await page.textContent('#details-enumber').catch(() => '')).trim() === supply.e_number,
        stepTimeout, `the details of ${supply.e_number}`);
      const form = page.locator('#event-record');
      await form.waitFor({ timeout: stepTimeout });
      await form.locator('select[name=kind]').selectOption('construction_start');
      await form.locator('input[name=occurred_on]').fill(startDate);
      const lag = form.locator('.lag');
      await eventually(async () => /录入滞后 \d+ 个工作日/.test(await lag.textContent()), stepTimeout, 'the lag shown');
      const text = await lag.textContent();
      const n = Number(/录入滞后 (\d+)/.exec(text)[1]);
      assert.ok(n >= 10 && n <= 16, `twenty days ago is 10 to 16 working days: ${text}`);
      const lagAnswer = await (await api(`/lag?from=${startDate}`)).json();
      assert.equal(text.includes('已逾期'), lagAnswer.late, `the page says 已逾期 exactly when the entry is late: ${text}`);
      assert.equal(n, lagAnswer.working_days);
      await shot('lag');
      await page.setViewportSize({ width: 390, height: 844 });
      await lag.scrollIntoViewIfNeeded();
      await shot('lag-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      await form.locator('button[type=submit]').click();
      await eventually(async () => (await read()).stage === 'under_construction', stepTimeout, 'the start recorded');
      const row = page.locator('#details-body tr[data-step="start"]');
      await eventually(async () => (await row.textContent()).includes(startDate), stepTimeout, 'the start in the timeline');
      await shot('recorded');
    });

    test('the clerk corrects its date with a reason and sees the correction in the history', async () => {
      const start = (await read()).events.find((e) => e.kind === 'construction_start');
      const row = page.locator('table.events tr', { hasText: start.occurred_on });
      await row.locator('.event-correct').click();
      const form = page.locator('#event-change');
      await form.waitFor({ timeout: stepTimeout });
      await form.locator('input[name=occurred_on]').fill(correctedDate);
      await form.locator('button[type=submit]').click();
      const message = await form.locator('input[name=change_reason]').evaluate((el) => el.validationMessage);
      assert.equal(message, '请写明原因', 'a correction without a reason is refused on the page');
      await form.locator('input[name=change_reason]').fill('开工日期录错，以开工报告为准');
      await form.locator('button[type=submit]').click();
      await eventually(async () => (await read()).events.some((e) => e.kind === 'construction_start' && e.occurred_on === correctedDate),
        stepTimeout, 'the corrected date');
      const history = page.locator('#details-body ol.history');
      await eventually(async () => (await history.textContent().catch(() => '')).includes('开工日期录错'), stepTimeout, 'the reason in the history');
      const text = await history.textContent();
      assert.ok(text.includes(`${startDate} → ${correctedDate}`), `the history shows both dates: ${text.slice(0, 400)}`);
      await eventually(async () => (await page.textContent('table.events')).includes('更正原因：开工日期录错'), stepTimeout, 'the reason beside the event');
      await shot('corrected');
    });

    test('the clerk withdraws it and the stage goes back', async () => {
      const row = page.locator('table.events tr', { hasText: correctedDate });
      await row.locator('.event-withdraw').click();
      const form = page.locator('#event-change');
      await form.locator('input[name=change_reason]').fill('误录，该项目尚未开工');
      await form.locator('button[type=submit]').click();
      // Failing, it says what the page showed: a refusal in the form, or which form was open.
      await eventually(async () => (await read()).stage === 'delivered'
        || `the form shows "${await form.locator('h4').textContent({ timeout: 500 }).catch(() => '(none)')}": ${await form.locator('.form-message').textContent({ timeout: 500 }).catch(() => '')}`,
      stepTimeout, 'the stage back to delivered');
      await eventually(async () => !(await page.textContent('table.events')).includes(correctedDate), stepTimeout, 'the event gone from the list');
      await shot('withdrawn');
    });

    test('the clerk uploads a coordinate file, sees the overlap before saving, then saves', async () => {
      const geo = await (await api(`/supplies/${encodeURIComponent(neighbour.e_number)}`, { headers: { Accept: 'application/geo+json' } })).json();
      const g = geo.features[0].geometry;
      const outer = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      // the neighbour's parcel moved a few metres north-east: most of it lies on the neighbour
      const moved = outer.map(([lon, lat]) => [lon + 0.00005, lat + 0.00004]);
      const file = coordinateFile(moved, supply.e_number);
      const before = await read();
      await page.locator('#boundary-file').setInputFiles({ name: 'boundary.txt', mimeType: 'text/plain', buffer: Buffer.from(file, 'utf8') });
      const overlaps = page.locator('#boundary-overlaps');
      await page.locator('#boundary-overlaps, .boundary-result .error').first().waitFor({ timeout: stepTimeout });
      assert.equal(await page.locator('.boundary-result .error').count(), 0, `the file is accepted: ${await page.textContent('.boundary-result')}`);
      const text = await overlaps.textContent();
      assert.ok(text.includes(neighbour.e_number), `the overlap with ${neighbour.e_number} is listed before saving: ${text}`);
      assert.match(await page.textContent('#boundary-area'), /平面面积合计 [\d,.]+ 平方米/);
      await eventually(async () => page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['proposed-fill'] }).length > 0),
        stepTimeout, 'the uploaded parcel drawn on the map');
      assert.equal((await read()).version, before.version, 'nothing is saved by the check');
      await shot('overlap');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#boundary-overlaps').scrollIntoViewIfNeeded();
      await shot('overlap-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.click('#boundary-save');
      await eventually(async () => (await read()).version > before.version, stepTimeout, 'the boundary saved');
      await page.locator('#boundary-edit .ok').waitFor({ timeout: stepTimeout });
      await shot('saved');
      assert.deepEqual(problems, [], 'no page errors or failed requests');
    });
  });
}
