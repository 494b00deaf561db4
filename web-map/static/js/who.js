// Who is signed in, shown in a page's bar, with the button that signs out.
import { signOut } from './api.js';
import { t } from './i18n.js';

/** Shows the session's user in #who and wires #btn-signout. */
export function showWho(session) {
  const who = document.getElementById('who');
  const u = session.user;
  const render = () => {
    const region = u.region_code === '000000' ? t('who.nation') : u.region_code;
    who.textContent = t('who', { name: u.name, role: t(`role.${u.role}`), region });
    who.title = who.textContent; // the bar may cut it short
  };
  render();
  who.dataset.user = u.name;
  document.addEventListener('langchange', render);
  document.getElementById('btn-signout').addEventListener('click', () => signOut());
  const admin = document.getElementById('link-admin');
  if (admin) admin.hidden = !(session.may || []).includes('admin');
  // The statistics, for who analyses and reviews the region's supplies, and the administrator.
  const stats = document.getElementById('link-stats');
  if (stats) stats.hidden = !['analyst', 'reviewer', 'admin'].includes(u.role);
  // The pages of who may edit: entering a record, importing files.
  for (const id of ['link-import', 'link-clerk']) {
    const link = document.getElementById(id);
    if (link) link.hidden = !(session.may || []).includes('edit');
  }
}
