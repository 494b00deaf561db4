// The clerk's page (供地录入): a new supply from its contract or allocation decision, and My work
// (the clerk's submissions, returned records to correct, late entries). The tab shown is kept in
// the address (#mywork), so that a link can open either.
import { getJSON, requireSession } from './api.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';
import { myWork } from './mywork.js';
import { supplyForm } from './supplyform.js';
import { showWho } from './who.js';

addStrings({
  'clerk.title': ['供地录入', 'Supply entry'],
  'clerk.new': ['新建供地', 'New supply'],
  'clerk.mywork': ['我的工作', 'My work'],
  'clerk.forbidden': ['只有录入员和管理员可以录入供地', 'Only clerks and administrators enter supplies'],
  'admin.toMap': ['地图', 'Map'],
});

const tabs = { form: document.getElementById('tab-form'), mywork: document.getElementById('tab-mywork') };

function show(name) {
  for (const [key, tab] of Object.entries(tabs)) {
    tab.setAttribute('aria-selected', String(key === name));
    document.getElementById(tab.getAttribute('aria-controls')).hidden = key !== name;
  }
  history.replaceState(null, '', name === 'mywork' ? '#mywork' : location.pathname + location.search);
}

async function start() {
  translate(document);
  const session = await requireSession();
  showWho(session);
  document.getElementById('btn-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  if (!(session.may || []).includes('edit')) {
    const m = document.getElementById('clerk-message');
    m.textContent = t('clerk.forbidden');
    m.dataset.kind = 'error';
    m.hidden = false;
    document.querySelector('.clerk-tabs').hidden = true;
    document.getElementById('pane-form').hidden = true;
    return;
  }
  const codes = await getJSON('/api/v1/codes');
  const work = myWork(document.getElementById('pane-mywork'), {
    onEdit: async (id) => {
      await form.edit(id);
      show('form');
    },
  });
  const form = supplyForm(document.getElementById('pane-form'), {
    codes, region: session.user.region_code, onSaved: () => work.load(),
  });
  tabs.form.addEventListener('click', () => show('form'));
  tabs.mywork.addEventListener('click', () => {
    show('mywork');
    work.load();
  });
  document.addEventListener('langchange', () => translate(document));
  await work.load();
  show(location.hash === '#mywork' ? 'mywork' : 'form');
}

window.landwatchClerk = { ready: start() };
