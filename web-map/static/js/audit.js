// The audit log page (审计日志) for administrators: who did what, when, from where, newest first, a
// page at a time, filtered by actor and action. window.landwatchAudit.ready is the hook browser tests
// wait for.
import { getJSON, query } from './api.js';
import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import { date } from './format.js';
import { fillTable, messenger, reason, startPage } from './page.js';

const ACTIONS = ['permission_change', 'sign_in', 'sign_in_failed', 'password_change_failed', 'write', 'import', 'review', 'read_coordinates', 'export'];

addStrings({
  'audit.title': ['审计日志', 'Audit log'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.action': ['操作类型', 'Action'],
  'audit.any': ['全部', 'any'],
  'audit.apply': ['查询', 'Search'],
  'audit.first': ['第一页', 'First page'],
  'audit.next': ['下一页', 'Next page'],
  'audit.page': ['第 {n} 页，本页 {count} 条', 'Page {n}, {count} entries'],
  'audit.at': ['时间', 'Time'],
  'audit.role': ['角色', 'Role'],
  'audit.address': ['地址', 'Address'],
  'audit.target': ['对象', 'Target'],
  'audit.detail': ['详情', 'Detail'],
  'audit.failed': ['无法读取审计日志：{msg}', 'The audit log could not be read: {msg}'],
  'audit.forbidden': ['只有管理员可以查看审计日志', 'Only administrators see the audit log'],
  'audit.act.permission_change': ['权限变更', 'permission change'],
  'audit.act.sign_in': ['登录', 'sign-in'],
  'audit.act.sign_in_failed': ['登录失败', 'failed sign-in'],
  'audit.act.password_change_failed': ['改密码失败', 'failed password change'],
  'audit.act.write': ['修改数据', 'write'],
  'audit.act.import': ['导入', 'import'],
  'audit.act.review': ['审核', 'review'],
  'audit.act.read_coordinates': ['读取坐标', 'coordinate read'],
  'audit.act.export': ['导出', 'export'],
  'audit.refused': ['{action}（被拒绝，{status}）', '{action} (refused, {status})'],
  'audit.failed_write': ['{action}（未成功，{status}）', '{action} (failed, {status})'],
});

const filters = document.getElementById('audit-filters');
const table = document.getElementById('audit');
const say = messenger(document.getElementById('audit-message'));
const nextButton = document.getElementById('audit-next');
const firstButton = document.getElementById('audit-first');
let entries = [];
let next = null; // the next page's URL, as the API gives it
let pageNo = 1;

const actionName = (a) => (ACTIONS.includes(a) ? t(`audit.act.${a}`) : a);
// An entry's action as the list shows it: a write the service refused (4xx) or could not make (5xx)
// changed nothing, and says so with its answer's status, which the service records in the detail of
// those entries alone.
function entryAction(e) {
  const status = e.detail?.status;
  if (!(status >= 400)) return actionName(e.action);
  return t(status >= 500 ? 'audit.failed_write' : 'audit.refused', { action: actionName(e.action), status });
}

function renderActions() {
  const chosen = filters.elements.action.value;
  filters.elements.action.replaceChildren(h('option', { value: '' }, t('audit.any')), ...ACTIONS.map((a) => h('option', { value: a }, actionName(a))));
  filters.elements.action.value = chosen;
}

function render() {
  fillTable(table, ['audit.at', 'audit.actor', 'audit.role', 'audit.address', 'audit.action', 'audit.target', 'audit.detail'],
    entries.map((e) => h('tr', { dataset: { actor: e.actor, action: e.action, target: e.target } },
      h('td', { class: 'num' }, date(e.at)), h('td', {}, e.actor), h('td', {}, e.role ? t(`role.${e.role}`) : ''),
      h('td', {}, e.address || ''), h('td', {}, entryAction(e)), h('td', {}, e.target),
      h('td', { class: 'audit-detail' }, e.detail && Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''))));
  document.getElementById('audit-page').textContent = t('audit.page', { n: pageNo, count: entries.length });
  nextButton.disabled = !next;
  firstButton.disabled = pageNo === 1;
}

async function load(url, n) {
  say('');
  try {
    const got = await getJSON(url);
    entries = got.items;
    next = got.next;
    pageNo = n;
    render();
  } catch (err) {
    say('audit.failed', { msg: reason(err) }, 'error');
  }
}

const firstPage = () => load(`/api/v1/audit${query({ actor: filters.elements.actor.value.trim(), action: filters.elements.action.value, limit: 50 })}`, 1);

async function start() {
  const session = await startPage(() => {
    renderActions();
    render();
  }, [['link-admin', 'admin.html', 'btn.admin']]);
  if (!(session.may || []).includes('admin')) {
    filters.hidden = true;
    say('audit.forbidden', {}, 'error');
    return;
  }
  renderActions();
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    firstPage();
  });
  nextButton.addEventListener('click', () => next && load(next, pageNo + 1));
  firstButton.addEventListener('click', firstPage);
  await firstPage();
}

window.landwatchAudit = { ready: start() };
