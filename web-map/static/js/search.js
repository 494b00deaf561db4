// The search box: e-supervision number, project name or holder through /api/v1/supplies?q=, a list
// of results a page at a time, and the chosen one selected (the map flies to it).
import { STAGES, nameOf, stageColor } from './codes.js';
import { t, pick, addStrings } from './i18n.js';
import { h, fill, swatch } from './dom.js';
import { getJSON, query } from './api.js';
import { flagBadges } from './details.js';

const E_NUMBER = /^\d{10}[A-Z][0-9A-Z]{5}(-\d+)?$/;
const LIMIT = 10;

addStrings({
  'search.range': ['第 {from}–{to} 条，共 {total} 条', '{from}–{to} of {total}'],
  'search.prev': ['上一页', 'Previous'],
  'search.next': ['下一页', 'Next'],
});

/** A list entry for a supply: stage swatch, e-number, project and holder, flags. */
export function supplyItem(s, { side = null, onClick }) {
  return h('li', {}, h('button', {
    type: 'button', class: 'item', dataset: { id: s.id ?? s.supply_id, enumber: s.e_number },
    on: { click: () => onClick(s) },
  },
  s.stage ? swatch(stageColor(s.stage)) : null,
  h('span', { class: 'item-main' },
    h('span', { class: 'item-title' }, s.e_number),
    h('span', { class: 'item-sub' }, [s.project_name, s.holder].filter(Boolean).join(' · ') || '—'),
    s.stage || s.flags ? h('span', { class: 'item-sub' }, s.stage ? pick(nameOf(STAGES, s.stage)) : '', ' ', flagBadges(s.flags)) : null),
  side ? h('span', { class: 'item-side' }, side) : null));
}

export function setupSearch({ onSelect }) {
  const form = document.getElementById('search');
  const input = document.getElementById('search-input');
  const box = document.getElementById('search-results');
  let timer = 0;
  let aborter = null;
  let last = null;

  const hide = () => {
    box.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const choose = (s) => {
    hide();
    onSelect(s.id);
  };

  // Every match can be reached: the results come a page at a time, the cursors of the pages seen
  // kept so that 上一页 goes back.
  let text = '';
  let cursors = [''];

  function pager() {
    const { items, total, next } = last;
    const first = (cursors.length - 1) * LIMIT + 1;
    const turn = (delta) => {
      if (delta > 0) cursors.push(new URL(next, location.href).searchParams.get('cursor'));
      else cursors.pop();
      run(text, cursors[cursors.length - 1]).then(() => box.querySelector('button.item')?.focus());
    };
    return h('div', { class: 'search-pager' },
      h('span', { class: 'search-range' }, t('search.range', { from: first, to: first + items.length - 1, total })),
      h('button', { type: 'button', class: 'search-prev', disabled: cursors.length === 1, on: { click: () => turn(-1) } }, t('search.prev')),
      h('button', { type: 'button', class: 'search-next', disabled: !next, on: { click: () => turn(1) } }, t('search.next')));
  }

  function render() {
    if (!last) return;
    const { items, total } = last;
    fill(box, items.length
      ? [h('ul', {}, items.map((s) => supplyItem(s, { onClick: choose }))), total > LIMIT ? pager() : null]
      : h('p', {}, t('search.none')));
    box.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  async function run(words, cursor = '') {
    aborter?.abort();
    aborter = new AbortController();
    if (words !== text || !cursor) {
      text = words;
      cursors = [''];
    }
    try {
      last = await getJSON(`/api/v1/supplies${query({ q: words, limit: LIMIT, cursor })}`, { signal: aborter.signal });
      render();
    } catch (err) {
      if (err.name !== 'AbortError') {
        last = null;
        fill(box, h('p', { class: 'error' }, t('status.error', { msg: err.message })));
        box.hidden = false;
      }
    }
    return last;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      aborter?.abort();
      hide();
      return;
    }
    timer = setTimeout(() => run(text), 250);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return;
    if (E_NUMBER.test(text.toUpperCase())) {
      hide();
      onSelect(text.toUpperCase());
      return;
    }
    const r = await run(text);
    if (r && r.items.length === 1) choose(r.items[0]);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !box.hidden) {
      e.preventDefault();
      box.querySelector('button')?.focus();
    } else if (e.key === 'Escape' && !box.hidden) {
      e.preventDefault();
      hide();
    }
  });
  box.addEventListener('keydown', (e) => {
    const buttons = [...box.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) buttons[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? buttons[i - 1] : input).focus();
    else if (e.key === 'Escape') {
      hide();
      input.focus();
    } else return;
    e.preventDefault();
  });
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target)) hide();
  });
  document.addEventListener('langchange', () => !box.hidden && render());
}
