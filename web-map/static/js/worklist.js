// The work list of overdue starts (agreed start passed, no start recorded) in the current view,
// from /api/v1/supplies?overdue=start&bbox=…, most overdue first; a click selects the supply.
import { t } from './i18n.js';
import { fill, h } from './dom.js';
import { getJSON, query } from './api.js';
import { daysBetween, today } from './format.js';
import { supplyItem } from './search.js';
import './findingwords.js';

const LIMIT = 500;
const NOT_STARTED = ['supplied', 'delivered'];

function viewBBox(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)]
    .map((v) => v.toFixed(6)).join(',');
}

/** True when the server refused the list because it does not know the overdue filter yet. */
function overdueUnknown(err) {
  return err.status === 400 && (err.problem?.field === 'overdue' || /overdue/.test(err.problem?.detail || ''));
}

/**
 * The overdue starts in bbox. Until the server knows ?overdue=start the list is made here by the
 * same rule from the supplies not started (stages supplied and delivered) in the view.
 */
async function fetchOverdue(bbox, region, signal) {
  try {
    return await getJSON(`/api/v1/supplies${query({ overdue: 'start', bbox, region, limit: LIMIT })}`, { signal });
  } catch (err) {
    if (!overdueUnknown(err)) throw err;
  }
  const asOf = today();
  const pages = await Promise.all(NOT_STARTED.map((stage) =>
    getJSON(`/api/v1/supplies${query({ stage, bbox, region, limit: LIMIT })}`, { signal })));
  const items = pages.flatMap((p) => p.items).filter((s) => s.agreed_start && s.agreed_start < asOf);
  const partial = pages.some((p) => p.next);
  return { items, total: partial ? null : items.length, next: partial ? 'more' : null };
}

/** The statuses of a finding still in an inspector's hands. */
const WORKED = ['open', 'assigned', 'verified'];

/**
 * The findings still being worked (open, assigned, verified) whose supply lies in the view: asked
 * by the view's centre and the distance to its corner (at most 50 km), one status at a time.
 */
async function fetchFindings(map, signal) {
  const c = map.getCenter();
  const corner = map.getBounds().getNorthEast();
  const within = Math.min(50000, Math.max(50, c.distanceTo(corner)));
  const near = `${c.lng.toFixed(6)},${c.lat.toFixed(6)}`;
  const pages = await Promise.all(WORKED.map((status) =>
    getJSON(`/api/v1/findings${query({ status, near, within: within.toFixed(0), limit: 200 })}`, { signal })));
  return { items: pages.flatMap((p) => p.items), total: pages.reduce((n, p) => n + (p.total ?? p.items.length), 0) };
}

export function setupWorklist(map, { region, onSelect, onFinding }) {
  const panel = document.getElementById('panel-worklist');
  const summary = document.getElementById('worklist-summary');
  const list = document.getElementById('worklist-items');
  const findingsSummary = document.getElementById('worklist-findings-summary');
  const findingsList = document.getElementById('worklist-findings');
  let findings = null;
  let aborter = null;
  let timer = 0;
  let result = null;

  function renderFindings() {
    if (!findings) return;
    if (findings instanceof Error) {
      findingsSummary.textContent = t('status.error', { msg: findings.message });
      findingsList.replaceChildren();
      return;
    }
    findingsSummary.textContent = t('worklist.findingCount', { n: findings.total });
    // each finding says its kind, status and grade, and opens the finding itself
    fill(findingsList, findings.items.map((f) => h('li', {}, h('button', {
      type: 'button', class: 'item finding-item', dataset: { finding: f.id, enumber: f.e_number, kind: f.kind, status: f.status },
      on: {
        click: () => {
          pinned = true;
          onFinding(f.id);
        },
      },
    },
    h('span', { class: 'item-main' },
      h('span', { class: 'item-title' }, f.e_number || `#${f.id}`),
      h('span', { class: 'item-sub' }, [t(`finding.${f.kind}`), t(`status.${f.status}`), f.grade ? t(`grade.${f.grade}`) : ''].filter(Boolean).join(' · ')))))));
  }

  function render() {
    renderFindings();
    if (!result) return;
    if (result instanceof Error) {
      summary.textContent = t('status.error', { msg: result.message });
      list.replaceChildren();
      return;
    }
    const asOf = today();
    const rows = result.items.map((s) => ({ s, days: s.agreed_start ? daysBetween(s.agreed_start, asOf) : 0 }))
      .sort((a, b) => b.days - a.days);
    summary.textContent = [
      t('worklist.count', { n: result.total ?? rows.length }),
      result.next ? t('worklist.partial', { n: rows.length }) : '',
    ].filter(Boolean).join(' · ');
    fill(list, rows.map(({ s, days }) => supplyItem(s, {
      side: h('span', {}, t('worklist.days', { n: days }), h('br'), h('small', {}, `${t('worklist.agreedStart')} ${s.agreed_start}`)),
      onClick: () => {
        pinned = true;
        onSelect(s.id);
      },
    })));
  }

  async function load() {
    if (panel.hidden) return;
    aborter?.abort();
    aborter = new AbortController();
    summary.textContent = t('details.loading');
    try {
      result = await fetchOverdue(viewBBox(map), region(), aborter.signal);
    } catch (err) {
      if (err.name === 'AbortError') return;
      result = err;
    }
    try {
      findings = await fetchFindings(map, aborter.signal);
    } catch (err) {
      if (err.name === 'AbortError') return;
      findings = err;
    }
    render();
  }

  // A supply chosen from the list moves the map to it; the list stays as it was until the user
  // moves the map.
  let pinned = false;
  map.on('moveend', (e) => {
    if (e.originalEvent) pinned = false;
    else if (pinned) return;
    clearTimeout(timer);
    timer = setTimeout(load, 300);
  });
  panel.addEventListener('panelopen', load);
  panel.addEventListener('panelclose', () => aborter?.abort());
  document.addEventListener('langchange', render);
  return { reload: load };
}
