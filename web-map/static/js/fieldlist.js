// The field page's list: open and assigned findings, each with the e-supervision number of its
// supply, nearest first once the device's position is known.
import { getJSON, query, supplyGeoJSON, supplyPath } from './api.js';
import { h, fill } from './dom.js';
import { lang, t } from './i18n.js';
import { distanceTo, metres } from './fieldgeo.js';

const PAGE = 30; // items shown at first and added by "show more"
// distances (metres) within which findings near the device are asked for, smallest first: a list
// answer holds at most 1000, so a dense town is searched close in before further out
const NEAR_M = [300, 1000, 3000, 10000, 50000];
const NEAR_MAX = 150; // findings whose distance is worked out for one sort

/** Supplies by id: { id, e_number, project_name, location, geojson }, each fetched once. */
export function supplyCache() {
  const cache = new Map();
  const queue = [];
  let running = 0;
  const pump = () => {
    while (running < 6 && queue.length > 0) {
      const job = queue.shift();
      running++;
      job().finally(() => {
        running--;
        pump();
      });
    }
  };
  const fetchSupply = async (id) => {
    const geojson = await supplyGeoJSON(id);
    const props = geojson.features?.[0]?.properties;
    if (props) return { id, e_number: props.e_number, project_name: props.project_name, location: props.location, geojson };
    const s = await getJSON(supplyPath(id)); // no parcels: the attributes come from the plain record
    return { id, e_number: s.e_number, project_name: s.project_name, location: s.location, geojson };
  };
  return {
    /** The supply if it has arrived, else undefined. */
    peek: (id) => cache.get(id)?.value,
    /** A promise of the supply (null when it cannot be had). */
    get(id) {
      let entry = cache.get(id);
      if (!entry) {
        entry = {};
        entry.promise = new Promise((resolve) => {
          queue.push(() => fetchSupply(id).then((v) => { entry.value = v; resolve(v); }, () => resolve(null)));
          pump();
        });
        cache.set(id, entry);
      }
      return entry.promise;
    },
  };
}

/** The findings an inspector works: their own assigned ones, then those no one has taken. */
function worked(me) {
  return [{ status: 'assigned', assignee: me }, { status: 'open' }];
}

/**
 * The signed-in inspector's assigned findings first (their work), then the region's findings no one
 * has taken yet; at most a few thousand.
 */
async function loadFindings(me) {
  const items = [];
  let total = 0;
  for (const params of worked(me)) {
    let url = `/api/v1/findings${query({ ...params, limit: 1000 })}`;
    for (let page = 0; url && page < 5; page++) {
      const r = await getJSON(url);
      items.push(...r.items);
      if (page === 0) total += r.total ?? r.items.length;
      url = r.next;
    }
  }
  return { items, total };
}

/**
 * The list controller. onOpen(finding) is called when an item is tapped.
 * Returns { load(), setPosition(fix), findings, distances, render() }.
 */
export function createList({ supplies, onOpen }) {
  let me = ''; // the signed-in inspector
  const el = document.getElementById('field-items');
  const summary = document.getElementById('field-summary');
  const more = document.getElementById('field-more');
  let findings = [];
  let total = 0;
  let shown = PAGE;
  let sortedAt = null; // the fix the current order was made for
  const distances = new Map(); // finding id → metres to its supply's parcels
  let sorting = 0;

  more.addEventListener('click', () => {
    shown += PAGE;
    render();
  });

  function order() {
    const rank = (f) => (distances.has(f.id) ? distances.get(f.id) : Infinity);
    return findings
      .map((f, i) => [f, i])
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .map(([f]) => f);
  }

  function item(f) {
    const s = supplies.peek(f.supply_id);
    const other = f.other_supply_id ? supplies.peek(f.other_supply_id) : null;
    const d = distances.get(f.id);
    const numbers = h('span', { class: 'fitem-enumber' }, s ? s.e_number : '…',
      f.other_supply_id ? [' ↔ ', other ? other.e_number : '…'] : null);
    if (!s) supplies.get(f.supply_id).then(() => updateItem(f));
    if (f.other_supply_id && !other) supplies.get(f.other_supply_id).then(() => updateItem(f));
    return h('li', { dataset: { findingId: String(f.id) } },
      h('button', {
        type: 'button', class: 'fitem', dataset: { findingId: String(f.id), supplyId: String(f.supply_id), enumber: s?.e_number || '' },
        on: { click: () => onOpen(f) },
      },
      h('span', { class: 'fitem-head' },
        h('span', { class: `fkind fkind-${f.kind}` }, t(`kind.${f.kind}`)),
        f.grade ? h('span', { class: 'fgrade' }, t(`grade.${f.grade}`)) : null,
        f.status !== 'open' ? h('span', { class: 'fstatus' }, t(`status.${f.status}`), f.assignee ? ` · ${f.assignee}` : '') : null,
        h('span', { class: 'fdist', dataset: { metres: d == null ? '' : String(Math.round(d)) } },
          d == null ? '' : d === 0 ? t('field.inside') : metres(d, lang()))),
      numbers,
      s?.project_name ? h('span', { class: 'fitem-project' }, s.project_name) : null,
      h('span', { class: 'fitem-rule' }, f.rule || '')));
  }

  function updateItem(f) {
    const li = el.querySelector(`li[data-finding-id="${f.id}"]`);
    if (li) li.replaceWith(item(f));
  }

  function render() {
    const list = order().slice(0, shown);
    fill(el, list.map(item));
    more.hidden = findings.length <= shown;
    if (findings.length === 0) summary.textContent = t('field.none');
    else {
      summary.textContent = t(sortedAt ? 'field.countNear' : 'field.count', { n: findings.length });
      if (total > findings.length) summary.textContent += ` · ${t('field.countPartial', { total, n: findings.length })}`;
    }
  }

  /**
   * The inspector's and the unassigned findings whose supply lies within m metres of fix, asked of
   * the server: the list loaded at first holds at most a few thousand, and the nearest may be past it.
   */
  async function findingsNear(fix, m) {
    const near = `${fix.lon.toFixed(6)},${fix.lat.toFixed(6)}`;
    const answers = await Promise.all(worked(me).map((p) =>
      getJSON(`/api/v1/findings${query({ ...p, near, within: m, limit: 1000 })}`)));
    return answers.flatMap((r) => r.items);
  }

  /** Works out the distance of the findings near fix, adds those the list lacked, then re-sorts. */
  async function sortNear(fix) {
    const mine = ++sorting;
    let near = [];
    for (const m of NEAR_M) {
      try {
        near = await findingsNear(fix, m);
      } catch {
        return;
      }
      if (near.length >= 5) break;
    }
    if (mine !== sorting) return;
    const known = new Set(findings.map((f) => f.id));
    findings = findings.concat(near.filter((f) => !known.has(f.id)));
    const got = await Promise.all(near.slice(0, NEAR_MAX).map(async (f) => [f, await supplies.get(f.supply_id)]));
    if (mine !== sorting) return;
    distances.clear();
    for (const [f, s] of got) {
      const d = s ? distanceTo(fix.lon, fix.lat, s.geojson) : null;
      if (d != null) distances.set(f.id, d);
    }
    sortedAt = fix;
    render();
  }

  return {
    /** Names the signed-in inspector, whose assigned findings come first. */
    setUser(name) {
      me = name;
    },
    get findings() {
      return findings;
    },
    distances,
    async load() {
      try {
        ({ items: findings, total } = await loadFindings(me));
      } catch (err) {
        summary.textContent = t('field.loadError', { msg: err.message });
        return;
      }
      render();
    },
    /** A new fix: re-sorts when the device moved more than 50 m (or further than its accuracy). */
    setPosition(fix) {
      if (!fix || findings.length === 0) return Promise.resolve();
      if (sortedAt) {
        const moved = Math.hypot((fix.lon - sortedAt.lon) * 111320 * Math.cos((fix.lat * Math.PI) / 180), (fix.lat - sortedAt.lat) * 111320);
        if (moved < Math.max(50, fix.accuracy || 0)) return Promise.resolve();
      }
      sortedAt = fix; // claimed now, so fixes arriving meanwhile do not start the same work again
      return sortNear(fix);
    },
    render,
  };
}
