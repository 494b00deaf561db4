// A notice over the map when the filter leaves no supply to draw, so an empty map is not taken
// for a broken one: it says so and offers to reset the filter.
import { t, addStrings } from './i18n.js';
import { h } from './dom.js';
import { getJSON, query } from './api.js';
import { listParams } from './legend.js';
import { STAGES } from './codes.js';

addStrings({
  'empty.text': ['没有符合筛选条件的供地', 'No supply matches the filter'],
  'empty.reset': ['重置筛选', 'Reset the filter'],
});

export function setupEmptyNotice({ onReset }) {
  const text = h('span', {});
  const reset = h('button', { type: 'button', on: { click: onReset } });
  const el = h('div', { id: 'map-empty', class: 'map-empty', role: 'status', hidden: true }, text, reset);
  document.body.append(el);
  const words = () => {
    text.textContent = t('empty.text');
    reset.textContent = t('empty.reset');
  };
  words();
  document.addEventListener('langchange', words);
  let aborter = null;

  /** Asks how many supplies the filter keeps (one count per kept stage) and shows the notice at none. */
  async function check(filter) {
    aborter?.abort();
    aborter = new AbortController();
    const { signal } = aborter;
    const stages = filter.stages ?? STAGES.map((s) => s.code);
    const base = listParams(filter);
    let total = 0;
    try {
      const all = stages.length === STAGES.length;
      const totals = await Promise.all((all ? [''] : stages).map((stage) =>
        getJSON(`/api/v1/supplies${query({ ...base, stage, limit: 1 })}`, { signal }).then((r) => r.total)));
      total = totals.reduce((a, b) => a + b, 0);
    } catch (err) {
      if (err.name === 'AbortError') return;
      total = -1; // unknown: say nothing
    }
    el.hidden = total !== 0;
  }
  return { check };
}
