// Browser test of the whole register on the map (issue 15): the demo city draws all eight stage
// colours, the legend counts collective land, mortgages, unsold lots and reserve land, the details
// panel shows a supply's chain (plan → announcement and lot → deal → supply) and the warning of the
// mortgage on idle land, a click on reserve land and on an unsold lot shows them, and the public
// pages list the demo's plans, announcements and deals. Registered by run.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions, mapReady, signedInPage, eventually } from './harness.mjs';
import { decodePNG } from './png.mjs';

// The stage colours of DESIGN §3, as web-map/static/js/codes.js STAGES draws them.
const STAGES = {
  reserved: '#9e9e9e', supplied: '#90caf9', delivered: '#1e88e5', under_construction: '#ffb300',
  completed: '#81c784', accepted: '#2e7d32', idle: '#d32f2f', reclaimed: '#6a1b9a',
};
const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Registers the tests; clerk is { name, password } of the demo county's clerk. */
export function map15Tests({ baseURL, screenshots, chromiumPath, stepTimeout = 30_000, clerk }) {
  describe('the register on the map', () => {
    let browser;
    let page;
    const problems = [];
    const api = (url) => page.evaluate(async (u) => {
      const r = await fetch(u, { headers: { Accept: 'application/json' } });
      if (!r.ok) throw new Error(`${u}: ${r.status}`);
      return r.json();
    }, url);
    const shot = (name) => page.screenshot({ path: path.join(screenshots, `map15-${name}.png`) });
    const idle = () => page.evaluate(() => window.landwatch.idle());
    const closePanels = async () => {
      for (const b of await page.$$('.panel:not([hidden]) button[data-close]')) await b.click();
    };
    /** Fits the map to a GeoJSON's extent (reserve land, which has no supply to select). */
    const fitGeoJSON = (url) => page.evaluate(async (u) => {
      const fc = await (await fetch(u, { headers: { Accept: 'application/geo+json' } })).json();
      const xs = [];
      const ys = [];
      const walk = (c) => (typeof c[0] === 'number' ? (xs.push(c[0]), ys.push(c[1])) : c.forEach(walk));
      for (const f of fc.features || [fc]) walk(f.geometry.coordinates);
      window.landwatch.map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { animate: false, padding: 120 });
    }, url);
    /** How many pixels of the middle of the map (where a selected parcel is fitted) are within 12 of colour. */
    const pixelsOf = async (colour) => {
      const box = await page.$eval('#map canvas', (c) => {
        const r = c.getBoundingClientRect();
        return { x: r.left + r.width / 2 - 150, y: r.top + r.height / 2 - 150, width: 300, height: 300 };
      });
      const img = decodePNG(await page.screenshot({ clip: box }));
      const want = hex(colour);
      let n = 0;
      for (let i = 0; i < img.width * img.height; i++) {
        if (want.every((v, c) => Math.abs(img.rgba[i * 4 + c] - v) <= 12)) n++;
      }
      return n;
    };
    const clickMapCentre = async () => {
      const box = await page.$eval('#map', (el) => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
      await page.mouse.click(box.x, box.y);
    };
    /** Clicks a point of the map where the fill of supply id is drawn (found on a 16-pixel grid). */
    const clickSupply = async (id) => {
      const pt = await page.evaluate((want) => {
        const { map } = window.landwatch;
        const r = map.getContainer().getBoundingClientRect();
        for (let y = 8; y < r.height; y += 16) {
          for (let x = 8; x < r.width; x += 16) {
            const hits = map.queryRenderedFeatures([x, y], { layers: ['parcels-fill'] });
            if (hits.length && hits[0].properties.supply_id === want) return { x: r.left + x, y: r.top + y };
          }
        }
        return null;
      }, id);
      assert.ok(pt, `supply ${id} is drawn in view`);
      await page.mouse.click(pt.x, pt.y);
    };

    before(async () => {
      assert.ok(clerk?.name, 'CLERK_NAME names the demo county clerk');
      browser = await chromium.launch(launchOptions(chromiumPath));
      ({ page } = await signedInPage(browser, { baseURL, account: clerk, timeout: stepTimeout, label: 'map15', problems }));
      await mapReady(page, stepTimeout);
    });

    after(async () => {
      await browser?.close();
    });

    test('the demo city draws all eight stage colours', async () => {
      const missing = [];
      for (const [stage, colour] of Object.entries(STAGES)) {
        if (stage === 'reserved') {
          const r = await api('/api/v1/reserves?limit=1');
          assert.ok(r.items.length, 'the demo city has reserve land');
          await fitGeoJSON(`/api/v1/reserves/${encodeURIComponent(r.items[0].number)}`);
        } else {
          // a supply may have no boundary, or a small one under its flags' outlines: the first few
          const r = await api(`/api/v1/supplies?stage=${stage}&limit=8`);
          assert.ok(r.items.length, `the demo city has a supply of stage ${stage}`);
          let n = 0;
          for (const s of r.items) {
            await page.evaluate((id) => window.landwatch.select(id), s.id);
            await closePanels();
            await idle();
            n = await pixelsOf(colour);
            if (n >= 50) break;
          }
          if (n < 50) missing.push(`${stage} ${colour}: ${n} pixels`);
          await shot(`stage-${stage}`);
          continue;
        }
        await idle();
        const n = await pixelsOf(colour);
        if (n < 50) missing.push(`${stage} ${colour}: ${n} pixels`);
        await shot(`stage-${stage}`);
      }
      assert.deepEqual(missing, [], 'every stage colour is drawn');
    });

    test('the legend counts collective land, mortgages, unsold lots and reserve land', async () => {
      const want = {
        collective: (await api('/api/v1/supplies?collective=true&limit=1')).total,
        mortgaged: (await api('/api/v1/transactions?kind=mortgage&active=true&limit=1')).total,
        reserves: (await api('/api/v1/reserves?limit=1')).total,
        unsold: (await api('/api/v1/announcements?limit=100')).items.flatMap((a) => a.lots).filter((l) => l.status === 'unsold').length,
      };
      for (const [code, n] of Object.entries(want)) assert.ok(n > 0, `the demo city has ${code} records`);
      const shown = () => page.$$eval('#legend [data-register]', (lis) => Object.fromEntries(lis.map((li) =>
        [li.dataset.register, Number(li.querySelector('.count').textContent.replace(/[^0-9]/g, '') || -1)])));
      const same = (s) => Object.keys(want).every((k) => s[k] === want[k]);
      await eventually(async () => same(await shown()), stepTimeout, `the legend's counts ${JSON.stringify(want)}`).catch(async (err) => {
        throw new Error(`${err.message}; shown ${JSON.stringify(await shown())}`);
      });
      await shot('legend');
    });

    test('a click on a supply sold by an announcement shows its chain', async () => {
      const sold = (await api('/api/v1/announcements?limit=100')).items
        .flatMap((a) => a.lots.map((l) => ({ a, l }))).find(({ l }) => l.status === 'sold' && l.supply);
      assert.ok(sold, 'the demo city has a lot that became a supply');
      await page.evaluate((id) => window.landwatch.select(id), sold.l.supply.id);
      await closePanels();
      await idle();
      await clickSupply(sold.l.supply.id);
      await eventually(async () => (await page.$eval('#details-enumber', (el) => el.textContent.trim()).catch(() => '')) === sold.l.supply.e_number,
        stepTimeout, `the panel showing ${sold.l.supply.e_number}`);
      await page.waitForSelector('#details-body ol.chain .chain-deal', { timeout: stepTimeout });
      const chain = await page.$eval('#details-body ol.chain', (el) => el.textContent);
      assert.ok(chain.includes(sold.a.number), `the chain names announcement ${sold.a.number}: ${chain}`);
      assert.ok(chain.includes(sold.l.number), `the chain names lot ${sold.l.number}: ${chain}`);
      assert.ok(chain.includes(sold.l.deal.winner), `the chain names the winner: ${chain}`);
      await shot('chain');
      await closePanels();
    });

    test('the mortgaged idle supply is marked and shows the warning', async () => {
      const mortgages = (await api('/api/v1/transactions?kind=mortgage&active=true&limit=100')).items;
      let supply = null;
      for (const m of mortgages) {
        const f = await api(`/api/v1/findings?supply=${m.supply_id}`);
        if (f.items.some((x) => x.kind === 'idle_transaction')) supply = m.supply_id;
      }
      assert.ok(supply, 'the demo city has a mortgage on idle land with its finding');
      await page.evaluate((id) => window.landwatch.select(id), supply);
      await page.waitForSelector('#details-idle-warning', { timeout: stepTimeout });
      await page.waitForSelector('#details-body li.active-mortgage', { timeout: stepTimeout });
      await idle();
      const marked = await page.evaluate((id) => window.landwatch.map.queryRenderedFeatures({ layers: ['flag-mortgaged'] })
        .filter((f) => f.properties.supply_id === id).length, supply);
      assert.ok(marked > 0, 'its land is outlined as mortgaged');
      await shot('idle-mortgage');
      await closePanels();
    });

    test('a click on reserve land shows the reserve', async () => {
      const r = (await api('/api/v1/reserves?limit=1')).items[0];
      await fitGeoJSON(`/api/v1/reserves/${encodeURIComponent(r.number)}`);
      await idle();
      await clickMapCentre();
      await page.waitForSelector('#details-reserve', { timeout: stepTimeout });
      assert.ok((await page.textContent('#details-reserve')).includes(r.number));
      assert.ok((await page.textContent('#details-reserve-remaining')).trim() !== '', 'the remaining area is shown');
      await shot('reserve');
      await closePanels();
    });

    test('an unsold lot is outlined, and a click on it shows its announcement and terms', async () => {
      const found = (await api('/api/v1/announcements?limit=100')).items
        .flatMap((a) => a.lots.map((l) => ({ a, l }))).find(({ l }) => l.status === 'unsold');
      assert.ok(found, 'the demo city has an unsold lot');
      await fitGeoJSON(`/api/v1/announcements/${found.a.id}`);
      await idle();
      const outlined = await page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['lots-outline'] })
        .map((f) => f.properties.lot));
      assert.ok(outlined.includes(found.l.number), `lot ${found.l.number} is outlined: ${outlined}`);
      const filled = await page.evaluate(() => window.landwatch.map.queryRenderedFeatures({ layers: ['parcels-fill'] })
        .filter((f) => f.properties.lot != null).length);
      assert.equal(filled, 0, 'an unsold lot is not filled as a stage');
      await clickMapCentre();
      await page.waitForSelector('#details-lot', { timeout: stepTimeout });
      assert.ok((await page.textContent('#details-lot')).includes(found.l.number));
      assert.ok((await page.textContent('#details-body')).includes(found.a.number), 'the panel names the announcement');
      await shot('unsold-lot');
      await closePanels();
    });

    test('the public pages list the demo city\'s plans, announcements and deals', async () => {
      const plan = (await api('/api/v1/plans?limit=1')).items[0];
      const announcements = (await api('/api/v1/announcements?limit=100')).items;
      const deal = announcements.flatMap((a) => a.lots).find((l) => l.deal)?.deal;
      assert.ok(plan && deal, 'the demo city has a plan and a deal');
      const pages = [
        ['public-plans.html', '#plans', [String(plan.year)]],
        ['public-announcements.html', '#announcements', [announcements[0].number]],
        ['public-deals.html', '#deals', [deal.winner]],
      ];
      for (const [file, list, words] of pages) {
        await page.goto(`${baseURL}/${file}`);
        await page.waitForFunction((sel) => document.querySelectorAll(`${sel} > li`).length > 0, list, { timeout: stepTimeout }).catch(async (err) => {
          await page.screenshot({ path: path.join(screenshots, `map15-${file.replace('.html', '')}-failed.png`), fullPage: true });
          throw new Error(`${file}: ${err.message}; the page says ${await page.textContent('main').catch(() => '?')}; ${problems.join('; ')}`);
        });
        const text = await page.textContent(list);
        for (const w of words) assert.ok(text.includes(w), `${file} lists ${w}`);
        await page.screenshot({ path: path.join(screenshots, `map15-${file.replace('.html', '')}.png`), fullPage: true });
      }
      assert.deepEqual(problems, [], 'no page errors');
    });
  });
}
