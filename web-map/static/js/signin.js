// The sign-in page: name and password for a session cookie, then back to the page that sent the
// browser here (?next=, a path of this site only).
import { ApiError, postJSON } from './api.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';

addStrings({
  'signin.title': ['登录', 'Sign in'],
  'signin.name': ['用户名', 'User name'],
  'signin.password': ['密码', 'Password'],
  'signin.submit': ['登录', 'Sign in'],
  'signin.wait': ['正在登录…', 'Signing in…'],
  'signin.wrong': ['用户名或密码错误', 'Wrong name or password'],
  'signin.throttled': ['失败次数过多，请 {s} 秒后再试', 'Too many failed attempts; try again in {s} s'],
  'signin.failed': ['无法登录：{msg}', 'Could not sign in: {msg}'],
  'signin.note': ['宗地坐标属于保密信息，仅在内网向已登录用户提供。', 'Parcel coordinates are confidential: served only to signed-in users on the internal network.'],
  'signin.public': ['公开信息（供地结果、闲置土地）', 'Public information (supply results, idle land)'],
});

/** The page to go back to: a path of this site, never another site. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const form = document.getElementById('signin-form');
const error = document.getElementById('signin-error');
const submit = document.getElementById('signin-submit');

function say(text) {
  error.textContent = text;
  error.hidden = !text;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  say('');
  submit.disabled = true;
  submit.textContent = t('signin.wait');
  try {
    await postJSON('/api/v1/session', { name: form.elements.name.value.trim(), password: form.elements.password.value });
    location.assign(nextPage());
  } catch (err) {
    form.elements.password.value = '';
    if (err instanceof ApiError && err.status === 401) say(t('signin.wrong'));
    else if (err instanceof ApiError && err.status === 429) say(t('signin.throttled', { s: (err.problem?.detail || '').match(/\d+/)?.[0] ?? '60' }));
    else say(t('signin.failed', { msg: err.message }));
  } finally {
    submit.disabled = false;
    submit.textContent = t('signin.submit');
  }
});
document.getElementById('signin-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
document.addEventListener('langchange', () => translate(document));
translate(document);
form.elements.name.focus();
