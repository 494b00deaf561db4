// What the pages of their own (import, my account, audit log) share: starting signed in with the
// bar's language button and who is signed in, and a message line said again in the other language.
import { requireSession } from './api.js';
import { fieldLabel } from './fieldlabel.js';
import { h, fill } from './dom.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';
import { showWho } from './who.js';

addStrings({
  'page.none': ['无', 'none'],
  'page.map': ['地图', 'Map'],
  'page.audit': ['审计日志', 'Audit log'],
});

/** The bar's tools: the map, the links given as [id, href, key], the language, who, signing out. */
function fillBar(links) {
  const link = ([id, href, key]) => h('a', { id, class: 'button-link', href, 'data-i18n': key });
  fill(document.querySelector('header.bar nav.tools'),
    link([null, './', 'page.map']), links.map(link),
    h('button', { type: 'button', id: 'btn-lang', lang: 'en', 'data-i18n': 'btn.lang' }),
    h('span', { id: 'who', class: 'who' }),
    h('button', { type: 'button', id: 'btn-signout', 'data-i18n': 'btn.signout' }));
}

/**
 * Builds the bar (with further links, [id, href, key] each), translates the page, waits for the
 * session and wires the bar; onLang runs after each switch of language.
 */
export async function startPage(onLang, links = []) {
  fillBar(links);
  translate(document);
  const session = await requireSession();
  showWho(session);
  document.getElementById('btn-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    translate(document);
    onLang?.();
  });
  return session;
}

/** A message line in el: say(key, params, kind) shows it (kind "ok" or "error"), say('') hides it. */
export function messenger(el) {
  let said = null;
  const say = (key, params = {}, kind = 'ok') => {
    said = key ? { key, params, kind } : null;
    el.textContent = key ? t(key, params) : '';
    el.dataset.kind = kind;
    el.hidden = !key;
  };
  document.addEventListener('langchange', () => said && say(said.key, said.params, said.kind));
  return say;
}

/** The reason of a refused request: the problem's field with its detail, or the error's message. */
export function reason(err) {
  const p = err.problem;
  const [colon, semicolon] = lang() === 'zh' ? ['：', '；'] : [': ', '; '];
  const fields = (p?.errors || []).map((e) => `${fieldLabel(e.field)}${colon}${e.reason}`);
  if (fields.length) return fields.join(semicolon);
  return p?.field ? `${fieldLabel(p.field)}${colon}${err.message}` : err.message;
}

/** Fills table el with a head of string keys ('' for none) and the rows (tr elements), or "none"; returns el. */
export function fillTable(el, heads, rows) {
  return fill(el,
    h('thead', {}, h('tr', {}, heads.map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
    h('tbody', {}, rows.length ? rows : h('tr', { class: 'page-empty' }, h('td', { colspan: heads.length }, t('page.none')))));
}
