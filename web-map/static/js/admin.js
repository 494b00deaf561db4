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
  'admin.password': ['账户 {name} 的密码：{password}（仅显示这一次，请当面告知本人并要求其登录后修改）', 'Password of {name}: {password} (shown once: hand it over in person and have it changed)'],
  'admin.failed': ['操作失败：{msg}', 'Failed: {msg}'],
  'admin.forbidden': ['只有管理员可以管理账户', 'Only administrators manage accounts'],
});

const ROLES = ['clerk', 'inspector', 'reviewer', 'analyst', 'admin'];
const message = document.getElementById('admin-message');
const table = document.getElementById('accounts');

function say(text, kind = 'ok') {
  message.textContent = text;
  message.dataset.kind = kind;
  message.hidden = !text;
}

/** A random password of 20 characters without look-alikes, made in the browser. */
function newPassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

async function change(name, body) {
  const res = await request(`/api/v1/accounts/${encodeURIComponent(name)}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  return res.json();
}

async function load() {
  const page = await getJSON('/api/v1/accounts');
  fill(table,
    h('thead', {}, h('tr', {}, ['admin.name', 'admin.role', 'admin.region', 'admin.status', ''].map((k) => h('th', { scope: 'col' }, k ? t(k) : '')))),
    h('tbody', {}, page.items.map((a) => h('tr', { dataset: { account: a.name } },
      h('td', {}, a.name), h('td', {}, t(`role.${a.role}`)), h('td', {}, a.region_code),
      h('td', { class: 'admin-state' }, t(a.disabled ? 'admin.disabled' : 'admin.enabled')),
      h('td', {},
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
        }, t('admin.reset')))))));
}

async function act(fn) {
  say('');
  try {
    const shown = await fn();
    if (shown?.password) say(t('admin.password', shown));
    await load();
  } catch (err) {
    say(t('admin.failed', { msg: err.message }), 'error');
  }
}

async function start() {
  translate(document);
  const session = await requireSession();
  showWho(session);
  if (!(session.may || []).includes('admin')) {
    say(t('admin.forbidden'), 'error');
    return;
  }
  const form = document.getElementById('admin-add');
  fill(form.elements.role, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  form.elements.region_code.value = session.user.region_code;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: form.elements.name.value.trim(), role: form.elements.role.value, region_code: form.elements.region_code.value.trim() };
    act(async () => {
      const made = await postJSON('/api/v1/accounts', body);
      form.elements.name.value = '';
      return { password: made.password, name: made.account.name };
    });
  });
  document.getElementById('btn-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    translate(document);
    load();
  });
  await load();
}

window.landwatchAdmin = { ready: start() };
