// My account (我的账户), for every signed-in person: changing one's own password (the current one,
// the new one twice; the other sessions end), and one's bearer tokens for scripts and GIS clients:
// made with a label and shown once, listed with when each was made and last used, revoked.
// window.landwatchAccount.ready is the hook browser tests wait for.
import { getJSON, postJSON, request } from './api.js';
import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import { date } from './format.js';
import { fillTable, messenger, reason, startPage } from './page.js';

addStrings({
  'account.title': ['我的账户', 'My account'],
  'account.password': ['修改密码', 'Change password'],
  'account.current': ['当前密码', 'Current password'],
  'account.new': ['新密码（至少 12 个字符）', 'New password (at least 12 characters)'],
  'account.again': ['再次输入新密码', 'New password again'],
  'account.change': ['修改密码', 'Change password'],
  'account.mismatch': ['两次输入的新密码不一致', 'The new passwords differ'],
  'account.changed': ['密码已修改。其他设备上的登录已退出。', 'Password changed. Your other sign-ins have ended.'],
  'account.failed': ['操作失败：{msg}', 'Failed: {msg}'],
  'account.wrongCurrent': ['当前密码不正确', 'The current password is wrong'],
  'account.tokens': ['访问令牌', 'Access tokens'],
  'account.tokensHint': ['供脚本或 GIS 客户端使用（请求头 Authorization: Bearer 令牌）。令牌只在创建时显示一次。',
    'For scripts and GIS clients (header Authorization: Bearer TOKEN). A token is shown once, when it is made.'],
  'account.tokenName': ['用途说明', 'What it is for'],
  'account.create': ['创建令牌', 'Create token'],
  'account.secret': ['令牌“{name}”：{secret}（仅显示这一次，请立即复制保存）', 'Token "{name}": {secret} (shown this once: copy it now)'],
  'account.created': ['创建时间', 'Created'],
  'account.lastUsed': ['最近使用', 'Last used'],
  'account.never': ['从未使用', 'never'],
  'account.state': ['状态', 'Status'],
  'account.live': ['有效', 'live'],
  'account.revoked': ['已撤销（{at}）', 'revoked ({at})'],
  'account.revoke': ['撤销', 'Revoke'],
});

const passwordForm = document.getElementById('password-form');
const tokenForm = document.getElementById('token-form');
const sayPassword = messenger(document.getElementById('password-message'));
const sayToken = messenger(document.getElementById('token-message'));
const table = document.getElementById('tokens');
let me = '';
let tokens = [];

function render() {
  fillTable(table, ['account.tokenName', 'account.created', 'account.lastUsed', 'account.state', ''], tokens.map((tk) => h('tr', { dataset: { token: tk.name, id: tk.id } },
    h('td', {}, tk.name),
    h('td', {}, date(tk.created_at)),
    h('td', { class: 'token-used' }, tk.last_used_at ? date(tk.last_used_at) : t('account.never')),
    h('td', { class: 'token-state' }, tk.revoked_at ? t('account.revoked', { at: date(tk.revoked_at) }) : t('account.live')),
    h('td', {}, tk.revoked_at ? '' : h('button', { type: 'button', class: 'token-revoke', on: { click: () => revoke(tk) } }, t('account.revoke'))))));
}

/** Lists my tokens (an administrator is answered the region's: only the own are shown here). */
async function load() {
  tokens = (await getJSON('/api/v1/tokens')).items.filter((tk) => tk.account === me).reverse();
  render();
}

async function revoke(tk) {
  sayToken('');
  try {
    await request(`/api/v1/tokens/${tk.id}`, { method: 'DELETE' });
    await load();
  } catch (err) {
    sayToken('account.failed', { msg: reason(err) }, 'error');
  }
}

async function changePassword(e) {
  e.preventDefault();
  const f = passwordForm.elements;
  sayPassword('');
  if (f.new_password.value !== f.again.value) {
    sayPassword('account.mismatch', {}, 'error');
    f.again.focus();
    return;
  }
  try {
    await request('/api/v1/session/password', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ current_password: f.current_password.value, new_password: f.new_password.value }),
    });
    passwordForm.reset();
    sayPassword('account.changed');
  } catch (err) {
    if (err.problem?.field === 'current_password') {
      sayPassword('account.wrongCurrent', {}, 'error');
      f.current_password.focus();
    } else sayPassword('account.failed', { msg: reason(err) }, 'error');
  }
}

async function createToken(e) {
  e.preventDefault();
  sayToken('');
  const name = tokenForm.elements.name.value.trim();
  try {
    const made = await postJSON('/api/v1/tokens', { name });
    tokenForm.reset();
    sayToken('account.secret', { name: made.token.name, secret: made.secret });
    await load();
  } catch (err) {
    sayToken('account.failed', { msg: reason(err) }, 'error');
  }
}

async function start() {
  const session = await startPage(render);
  me = session.user.name;
  passwordForm.elements.username.value = me; // for password managers
  passwordForm.addEventListener('submit', changePassword);
  tokenForm.addEventListener('submit', createToken);
  await load();
}

window.landwatchAccount = { ready: start() };
