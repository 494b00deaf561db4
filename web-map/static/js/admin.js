// The accounts page (账户管理) for administrators: the accounts of their region, a new account with
// a generated password shown once, disabling and enabling, and password resets.
import { getJSON, postJSON, request, requireSession } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';
import { showWho } from './who.js';

addStrings({
  'admin.title': ['账户管理', 'Accounts'],
  'admin.toMap': ['地图', 'Map'],
  'admin.add': ['新建账户', 'New account'],
  'admin.name': ['用户名', 'Name'],
  'admin.role': ['角色', 'Role'],
  'admin.region': ['行政区代码', 'Region code'],
  'admin.create': ['创建', 'Create'],
  'admin.accounts': ['本辖区账户', 'Accounts of your region'],
  'admin.status': ['状态', 'Status'],
  'admin.enabled': ['启用', 'enabled'],
  'admin.disabled': ['已停用', 'disabled'],
  'admin.disable': ['停用', 'Disable'],
  'admin.enable': ['启用', 'Enable'],
  'admin.reset': ['重置密码', 'Reset password'],
  'admin.password': ['账户 {name} 的密码：{password}（仅显示这一次，离开本页后无法再查看，请当面告知本人）', 'Password of {name}: {password} (shown this once and never again: hand it over in person)'],
  'admin.self': ['（本人）', '(you)'],
  'admin.failed': ['操作失败：{msg}', 'Failed: {msg}'],
  'admin.forbidden': ['只有管理员可以管理账户', 'Only administrators manage accounts'],
  'admin.save': ['保存角色和行政区', 'Save role and region'],
  'admin.saved': ['账户 {name} 已改为{role}，行政区 {region}（其登录已退出）', '{name} is now {role} of region {region} (signed out)'],
  'admin.audit': ['审计日志', 'Audit log'],
  'admin.mine': ['我的账户', 'My account'],
});

const ROLES = ['clerk', 'inspector', 'reviewer', 'analyst', 'admin'];
const message = document.getElementById('admin-message');
const table = document.getElementById('accounts');
let said = null; // { key, params, kind }: the message shown, kept to say it again in another language
let me = '';

function say(key, params = {}, kind = 'ok') {
  said = key ? { key, params, kind } : null;
  message.textContent = key ? t(key, params) : '';
  message.dataset.kind = kind;
  message.hidden = !key;
}

/**
 * A random password of 20 characters without look-alikes (no 0 O o 1 l I i), made in the browser.
 * Bytes at or above the largest multiple of the alphabet's length are drawn again, so that every
 * character is equally likely.
 */
function newPassword(length = 20) {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const below = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < below && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

async function change(name, body) {
  const res = await request(`/api/v1/accounts/${encodeURIComponent(name)}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  return res.json();
}

/** The role picker and region box of an account's row, with the button that saves them. */
function placeControls(a) {
  const role = h('select', { class: 'admin-role', 'aria-label': t('admin.role') }, ROLES.map((r) => h('option', { value: r, selected: r === a.role }, t(`role.${r}`))));
  const region = h('input', { class: 'admin-region', value: a.region_code, pattern: '[0-9]{6}', inputmode: 'numeric', size: 7, 'aria-label': t('admin.region') });
  const save = () => act(async () => {
    const body = {};
    if (role.value !== a.role) body.role = role.value;
    if (region.value.trim() !== a.region_code) body.region_code = region.value.trim();
    if (!Object.keys(body).length) return null;
    const changed = await change(a.name, body);
    return { saved: { name: changed.name, role: t(`role.${changed.role}`), region: changed.region_code } };
  });
  return [role, ' ', region, ' ', h('button', { type: 'button', class: 'admin-save', on: { click: save } }, t('admin.save'))];
}

/** The buttons of an account's row; none on one's own, which could only lock oneself out. */
function rowActions(a) {
  if (a.name === me) return t('admin.self');
  return [
    ...placeControls(a),
    ' ',
    h('button', {
      type: 'button', class: 'admin-toggle',
      on: { click: () => act(() => change(a.name, { disabled: !a.disabled })) },
    }, t(a.disabled ? 'admin.enable' : 'admin.disable')),
    ' ',
    h('button', {
      type: 'button', class: 'admin-reset',
      on: {
        click: () => act(async () => {
          const password = newPassword();
          await change(a.name, { password });
          return { password, name: a.name };
        }),
      },
    }, t('admin.reset')),
  ];
}

let accounts = [];

function render() {
  fill(table,
    h('thead', {}, h('tr', {}, ['admin.name', 'admin.role', 'admin.region', 'admin.status', ''].map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
    h('tbody', {}, accounts.map((a) => h('tr', { class: a.disabled ? 'admin-off' : null, dataset: { account: a.name } },
      h('td', {}, a.name), h('td', {}, t(`role.${a.role}`)), h('td', {}, a.region_code),
      h('td', { class: 'admin-state' }, t(a.disabled ? 'admin.disabled' : 'admin.enabled')),
      h('td', {}, rowActions(a))))));
}

async function load() {
  accounts = (await getJSON('/api/v1/accounts')).items;
  render();
}

/** Runs one change with the page's buttons off; a password it answers is shown (this once). */
async function act(fn) {
  say('');
  const buttons = [...document.querySelectorAll('main button')].filter((b) => !b.disabled);
  for (const b of buttons) b.disabled = true;
  try {
    const shown = await fn();
    if (shown?.password) say('admin.password', shown);
    if (shown?.saved) say('admin.saved', shown.saved);
    await load();
  } catch (err) {
    say('admin.failed', { msg: err.message }, 'error');
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

async function start() {
  translate(document);
  const session = await requireSession();
  showWho(session);
  me = session.user.name;
  document.getElementById('btn-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    translate(document);
    if (said) say(said.key, said.params, said.kind);
    for (const o of document.querySelectorAll('#admin-add select[name="role"] option')) o.textContent = t(`role.${o.value}`);
    render();
  });
  if (!(session.may || []).includes('admin')) {
    document.getElementById('admin-add').hidden = true;
    table.closest('section').hidden = true;
    say('admin.forbidden', {}, 'error');
    return;
  }
  const form = document.getElementById('admin-add');
  fill(form.elements.role, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  // A county's or province's own code is the likely one; a national account is rare enough to be typed.
  if (session.user.region_code !== '000000') form.elements.region_code.value = session.user.region_code;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: form.elements.name.value.trim(), role: form.elements.role.value, region_code: form.elements.region_code.value.trim() };
    act(async () => {
      const made = await postJSON('/api/v1/accounts', body);
      form.elements.name.value = '';
      return { password: made.password, name: made.account.name };
    });
  });
  await load();
}

window.landwatchAdmin = { ready: start() };
