// The supplies whose parcels overlap a drawn area, from POST /api/v1/overlaps/query, listed and
// outlined on the map.
import { t } from './i18n.js';
import { fill, h } from './dom.js';
import { postJSON } from './api.js';
import { num, pct } from './format.js';
import { openPanel } from './panels.js';
import { supplyItem } from './search.js';

export function setupDrawResults({ highlight, onSelect, onClose }) {
  const panel = document.getElementById('panel-draw');
  const summary = document.getElementById('draw-summary');
  const list = document.getElementById('draw-items');
  let aborter = null;
  let result = null;

  function render() {
    if (!result) return;
    if (result instanceof Error) {
      summary.textContent = result.unavailable ? t('draw.unavailable') : t('status.error', { msg: result.message });
      list.replaceChildren();
      return;
    }
    summary.textContent = t('draw.count', { n: result.total ?? result.items.length });
    fill(list, result.items.map((o) => supplyItem(o, {
      side: h('span', {}, `${num(o.area_m2, 1)} ${t('unit.m2')}`, o.share != null ? h('br') : null, o.share != null ? pct(o.share) : null),
      onClick: () => onSelect(o.supply_id),
    })));
  }

  /** Queries the supplies overlapping geometry and lists them. */
  async function query(geometry) {
    aborter?.abort();
    aborter = new AbortController();
    result = null;
    highlight.results([]);
    openPanel('panel-draw');
    summary.textContent = t('draw.running');
    list.replaceChildren();
    try {
      result = await postJSON('/api/v1/overlaps/query', geometry, { signal: aborter.signal, type: 'application/geo+json' });
      result.items = result.items || [];
      highlight.results(result.items.map((o) => o.supply_id));
    } catch (err) {
      if (err.name === 'AbortError') return;
      result = err;
    }
    render();
  }

  panel.addEventListener('panelclose', () => {
    aborter?.abort();
    result = null;
    highlight.results([]);
    onClose?.();
  });
  document.addEventListener('langchange', render);
  return { query };
}
