// Browser tests of drawing a boundary on the map (terra-draw in the details panel), as a clerk of
// the demo county in a context of their own: the supply's parcel loaded for editing, one vertex
// dragged outward with the drawn area growing on the page, the dry run's plane area agreeing with
// the page's within 0.5 %, the save shown on the map; then a new polygon drawn beside a neighbour
// with one vertex snapped exactly onto the neighbour's; and the parcels' project names labelled at
// zoom 17. The supply's parcels are put back afterwards. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { withToken } from './signin.mjs';
import { eventually, launchOptions, mapReady, signedInPage } from './harness.mjs';

const COUNTY = '130626';

/** The outer ring of a GeoJSON feature of one simple polygon, or null. */
function simpleRing(f) {
  const g = f?.geometry;
  if (g?.type === 'Polygon' && g.coordinates.length === 1) return g.coordinates[0];
  if (g?.type === 'MultiPolygon' && g.coordinates.length === 1 && g.coordinates[0].length === 1) return g.coordinates[0][0];
  return null;
}

const mean = (pts) => pts.reduce(([x, y], [a, b]) => [x + a / pts.length, y + b / pts.length], [0, 0]);
const m2Of = async (page, sel) => Number(await page.getAttribute(sel, 'data-m2'));

/** Registers the tests. clerk is { name, password } of a clerk of the demo county. */
export function drawingTests({ baseURL, screenshots, chromiumPath, fixture, stepTimeout = 30_000, clerk }) {
  describe('drawing a boundary on the map (clerk)', () => {
    let browser;
    let page;
    let supply; // the supply whose boundary is edited: one simple parcel, a project name, not in the fixture
    let original; // its parcels as GeoJSON, put back afterwards
    const problems = [];
    const api = (p, init = {}) => fetch(`${baseURL}/api/v1${p}`, { ...init, headers: withToken({ Accept: 'application/json', ...init.headers }) });
    const read = async () => (await api(`/supplies/${supply.id}`)).json();
    const geo = async (id) => (await api(`/supplies/${id}`, { headers: { Accept: 'application/geo+json' } })).json();
    const shot = (name) => page.screenshot({ path: path.join(screenshots, `45-draw-${name}.png`) });
    const project = (lngLat) => page.evaluate((p) => window.landwatch.map.project(p), lngLat);
    const idle = () => page.evaluate(() => new Promise((resolve) => {
      const map = window.landwatch.map;
      if (map.loaded() && !map.isMoving()) resolve();
      else map.once('idle', resolve);
    }));

    before(async () => {
      assert.ok(clerk?.name, 'CLERK_NAME names a clerk of the demo county');
      const known = new Set((fixture.parcels || []).map((p) => p.e_number));
      const list = await (await api(`/supplies?region=${COUNTY}&stage=completed&limit=100`)).json();
      for (const s of list.items || []) {
        if (known.has(s.e_number) || !s.project_name) continue;
        const fc = await geo(s.id);
        if (fc.features?.length === 1 && simpleRing(fc.features[0])) {
          supply = await (await api(`/supplies/${s.id}`)).json();
          original = fc;
          break;
        }
      }
      assert.ok(supply, `a completed supply of ${COUNTY} with one simple parcel and a project name`);
      browser = await chromium.launch(launchOptions(chromiumPath));
      ({ page } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'clerk-draw', problems }));
      await mapReady(page, stepTimeout);
    });

    after(async () => {
      await browser?.close();
      if (!supply) return;
      // the parcels put back as they were, so that the other tests find the city as seeded
      const now = await read();
      const body = { type: 'FeatureCollection', features: original.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { number: f.properties.parcel_number, name: f.properties.parcel_name } })) };
      const res = await api(`/supplies/${supply.id}/parcels`, { method: 'PUT', headers: { 'Content-Type': 'application/geo+json', 'If-Match': `"v${now.version}"` }, body: JSON.stringify(body) });
      assert.ok(res.ok, `the parcels of ${supply.e_number} put back: ${res.status} ${await res.text()}`);
    });

    test('a clerk drags a vertex outward, sees the area grow, checks it against the server and saves', async () => {
      const ring = simpleRing(original.features[0]);
      const centre = mean(ring.slice(0, -1));
      await page.evaluate((id) => window.landwatch.select(id), supply.id);
      await eventually(async () => (await page.textContent('#details-enumber').catch(() => '')).trim() === supply.e_number,
        stepTimeout, `the details of ${supply.e_number}`);
      await page.evaluate((c) => window.landwatch.map.jumpTo({ center: c, zoom: 18 }), centre);
      await idle();
      await page.click('#draw-edit');
      await eventually(async () => (await m2Of(page, '#draw-area')) > 0, stepTimeout, 'the drawn area shown');
      const area0 = await m2Of(page, '#draw-area');
      const saved0 = supply.parcels.reduce((s, p) => s + p.plane_area_m2, 0);
      assert.ok(Math.abs(area0 - saved0) / saved0 < 0.005, `the page's area of the loaded parcel ${area0} is the saved ${saved0}`);
      // the vertex farthest from the centre, dragged 40 px farther out
      const far = ring.slice(0, -1).reduce((a, b) => ((b[0] - centre[0]) ** 2 + (b[1] - centre[1]) ** 2 > (a[0] - centre[0]) ** 2 + (a[1] - centre[1]) ** 2 ? b : a));
      const [pv, pc] = [await project(far), await project(centre)];
      const len = Math.hypot(pv.x - pc.x, pv.y - pc.y);
      const to = { x: pv.x + (40 * (pv.x - pc.x)) / len, y: pv.y + (40 * (pv.y - pc.y)) / len };
      const box = await page.locator('#map canvas').first().boundingBox();
      await page.mouse.move(box.x + pv.x, box.y + pv.y);
      await page.mouse.down();
      await page.mouse.move(box.x + (pv.x + to.x) / 2, box.y + (pv.y + to.y) / 2, { steps: 5 });
      await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 5 });
      await page.mouse.up();
      await eventually(async () => (await m2Of(page, '#draw-area')) > area0 * 1.001 || `area ${await m2Of(page, '#draw-area')}`,
        stepTimeout, 'the area grown by the drag');
      const drawn = await m2Of(page, '#draw-area');
      assert.match(await page.textContent('#draw-area'), /绘制面积 [\d,.]+ 平方米/);
      await shot('dragged');
      await page.click('#draw-check');
      await page.locator('#boundary-area, .boundary-result .error').first().waitFor({ timeout: stepTimeout });
      assert.equal(await page.locator('.boundary-result .error').count(), 0, `the drawing is accepted: ${await page.textContent('.boundary-result')}`);
      const server = await m2Of(page, '#boundary-area');
      assert.ok(Math.abs(drawn - server) / server < 0.005, `the page's area ${drawn} m² and the server's ${server} m² agree within 0.5 %`);
      const before = await read();
      await page.click('#boundary-save');
      await eventually(async () => (await read()).version > before.version, stepTimeout, 'the boundary saved');
      const after = await read();
      assert.ok(Math.abs(after.parcels[0].plane_area_m2 - server) / server < 1e-6, 'the saved area is the checked one');
      // the map draws the new shape: just inside the moved vertex, where there was no parcel before
      const saved = simpleRing((await geo(supply.id)).features[0]);
      const moved = saved.find((p) => !ring.some((q) => Math.abs(p[0] - q[0]) < 1e-9 && Math.abs(p[1] - q[1]) < 1e-9));
      assert.ok(moved, 'the saved ring has the moved vertex');
      const inside = [moved[0] + (centre[0] - moved[0]) * 0.1, moved[1] + (centre[1] - moved[1]) * 0.1];
      await eventually(async () => page.evaluate(([p, id]) => {
        const map = window.landwatch.map;
        return map.queryRenderedFeatures(map.project(p), { layers: ['parcels-fill'] }).some((f) => f.properties.supply_id === id);
      }, [inside, supply.id]), stepTimeout, 'the new shape drawn by the tiles');
      await shot('saved');
    });

    test('a new polygon drawn beside a neighbour snaps a vertex exactly onto the neighbour\'s', async () => {
      await idle();
      const neighbourId = await page.evaluate((own) => {
        const map = window.landwatch.map;
        const c = map.getCanvas();
        const ids = map.queryRenderedFeatures([[380, 150], [c.clientWidth - 480, c.clientHeight - 150]], { layers: ['parcels-fill'] })
          .map((f) => f.properties.supply_id).filter((id) => id != null && id !== own);
        return ids[0] ?? null;
      }, supply.id);
      assert.ok(neighbourId != null, 'a neighbouring parcel in view');
      const version = (await read()).version;
      const nfc = await geo(neighbourId);
      const g = nfc.features[0].geometry;
      const nring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      const size = await page.evaluate(() => ({ w: window.landwatch.map.getCanvas().clientWidth, h: window.landwatch.map.getCanvas().clientHeight }));
      // a vertex of the neighbour well inside the view
      let v = null;
      let pv = null;
      for (const p of nring) {
        const q = await project(p);
        if (q.x > 380 && q.x < size.w - 480 && q.y > 150 && q.y < size.h - 150) { // clear of the panels
          [v, pv] = [p, q];
          break;
        }
      }
      assert.ok(v, 'a vertex of the neighbour in view');
      const pc = await project(mean(nring.slice(0, -1)));
      const len = Math.hypot(pv.x - pc.x, pv.y - pc.y) || 1;
      const d = { x: (pv.x - pc.x) / len, y: (pv.y - pc.y) / len }; // away from the neighbour
      const e = { x: -d.y, y: d.x };
      const loaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/supplies/${neighbourId}`), { timeout: stepTimeout });
      await page.click('#draw-new');
      await loaded;
      await page.waitForTimeout(500); // the other neighbours' vertices, fetched together
      const box = await page.locator('#map canvas').first().boundingBox();
      const at = (x, y) => page.mouse.click(box.x + x, box.y + y);
      // the first click 4 px off the neighbour's vertex: snapped onto it
      await page.mouse.move(box.x + pv.x + 4, box.y + pv.y - 3, { steps: 3 });
      await at(pv.x + 4, pv.y - 3);
      for (const [a, b] of [[70, 0], [70, 70], [0, 70]]) {
        await page.mouse.move(box.x + pv.x + a * d.x + b * e.x, box.y + pv.y + a * d.y + b * e.y, { steps: 3 });
        await at(pv.x + a * d.x + b * e.x, pv.y + a * d.y + b * e.y);
      }
      await page.mouse.move(box.x + pv.x, box.y + pv.y, { steps: 3 });
      await at(pv.x, pv.y); // closes the ring on its first point
      await eventually(async () => (await m2Of(page, '#draw-area')) > 0, stepTimeout, 'the new polygon\'s area shown');
      await shot('snapped');
      const sent = page.waitForRequest((r) => r.url().endsWith(`/api/v1/supplies/${supply.id}/parcels/check`), { timeout: stepTimeout });
      await page.click('#draw-check');
      const body = JSON.parse((await sent).postData());
      const positions = (c) => (typeof c[0] === 'number' ? [c] : c.flatMap(positions));
      const coords = body.features.flatMap((f) => positions(f.geometry.coordinates));
      const snapped = coords.filter((p) => Math.abs(p[0] - v[0]) <= 1e-9 && Math.abs(p[1] - v[1]) <= 1e-9);
      assert.ok(snapped.length > 0, `a drawn vertex is the neighbour's ${JSON.stringify(v)} (to 1e-9°): ${JSON.stringify(coords)}`);
      await page.locator('#boundary-area, .boundary-result .error').first().waitFor({ timeout: stepTimeout });
      await shot('checked');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#draw-area').scrollIntoViewIfNeeded();
      await shot('phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.click('#draw-cancel');
      assert.equal((await read()).version, version, 'nothing saved by drawing and checking');
    });

    test('at zoom 17 the parcels are labelled with their project names', async () => {
      const ring = simpleRing(original.features[0]);
      await page.evaluate((c) => window.landwatch.map.jumpTo({ center: c, zoom: 17.3 }), mean(ring.slice(0, -1)));
      let label = null;
      await eventually(async () => {
        label = await page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['parcel-labels'] })
          .map((f) => f.properties).find((p) => p.project) || null);
        return label !== null;
      }, stepTimeout, 'a label with a project name at zoom 17');
      // the name is its supply's (cut to 24 characters, as the tiles carry it)
      const named = await (await api(`/supplies/${label.e_number}`)).json();
      assert.equal(label.project, [...named.project_name].slice(0, 24).join(''), `the label of ${named.e_number} names its project`);
      await shot('labels');
      await page.evaluate((c) => new Promise((resolve) => {
        window.landwatch.map.once('idle', resolve);
        window.landwatch.map.jumpTo({ center: c, zoom: 16.3 });
      }), mean(ring.slice(0, -1)));
      const low = await page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['parcel-labels'] }).filter((f) => f.properties.project).length);
      assert.equal(low, 0, 'no project names below zoom 17');
      assert.deepEqual(problems, [], 'no page errors or failed requests');
    });
  });
}
