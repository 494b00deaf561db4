// The entry form of a supply (供地录入) from its contract or allocation decision: every field the API
// takes, land use and method picked by name, the working-day deadline of entry after the contract
// date, instalments as rows, and the API's refusals shown beside the fields they name. The same
// form corrects a record: it is filled from the record and saved with PATCH and If-Match.
import { ApiError, getJSON, postJSON, query, request, supplyPath } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, t } from './i18n.js';
import { fieldLabel } from './fieldlabel.js';

addStrings({
  'cf.contract': ['合同或划拨决定书', 'Contract or allocation decision'],
  'cf.project': ['项目与宗地', 'Project and land'],
  'cf.agreed': ['约定时间', 'Agreed dates'],
  'cf.installments': ['分期支付约定', 'Agreed instalments'],
  'cf.e_number': ['电子监管号', 'E-supervision number'],
  'cf.e_number.hint': ['留空由系统发号；历史记录可填写原号', 'Leave empty to have one issued; give the old one for a historical record'],
  'cf.region_code': ['行政区代码（县）', 'County code'],
  'cf.method': ['供地方式', 'Supply method'],
  'cf.contract_number': ['合同编号', 'Contract number'],
  'cf.contract_date': ['合同签订日期', 'Contract date'],
  'cf.approved_by': ['批准单位', 'Approving authority'],
  'cf.project_name': ['项目名称', 'Project name'],
  'cf.holder': ['土地使用权人', 'Holder'],
  'cf.location': ['项目位置', 'Location'],
  'cf.district_name': ['行政区名称', 'District name'],
  'cf.land_use_code': ['土地用途', 'Land use'],
  'cf.land_use_original': ['合同所写用途', 'Land use as written'],
  'cf.area_ha': ['面积（公顷）', 'Area (ha)'],
  'cf.existing_construction_ha': ['其中现有建设用地（公顷）', 'Of which existing construction land (ha)'],
  'cf.source_text': ['土地来源', 'Land source'],
  'cf.term_years': ['使用年限（年）', 'Term (years)'],
  'cf.term_text': ['使用年限（按用途）', 'Term by use'],
  'cf.industry': ['行业分类', 'Industry'],
  'cf.land_grade': ['土地级别', 'Land grade'],
  'cf.price_wan': ['成交价格（万元）', 'Price (10k yuan)'],
  'cf.plot_ratio_min': ['容积率下限', 'Plot ratio min'],
  'cf.plot_ratio_max': ['容积率上限', 'Plot ratio max'],
  'cf.agreed_delivery': ['约定交地时间', 'Agreed delivery'],
  'cf.agreed_start': ['约定开工时间', 'Agreed start'],
  'cf.agreed_completion': ['约定竣工时间', 'Agreed completion'],
  'cf.period': ['期次', 'Period'],
  'cf.due_on': ['约定支付日期', 'Due on'],
  'cf.amount_wan': ['金额（万元）', 'Amount (10k yuan)'],
  'cf.addRow': ['添加一期', 'Add an instalment'],
  'cf.removeRow': ['删除', 'Remove'],
  'cf.pick': ['请选择', 'Choose'],
  'cf.deadline': ['录入期限：{day}（合同签订后 {n} 个工作日内）', 'Enter by {day} ({n} working days after the contract)'],
  'cf.deadlinePassed': ['已超过录入期限，保存后记为逾期录入', 'Past the deadline: the record will be marked late'],
  'cf.deadlineFallback': ['（该年无国务院放假安排，仅按周末计算）', '(no holiday arrangement for that year: weekends only)'],
  'cf.save': ['保存并提交审核', 'Save and submit for review'],
  'cf.saveEdit': ['保存修改并重新提交', 'Save the correction and resubmit'],
  'cf.cancel': ['取消修改', 'Cancel'],
  'cf.editing': ['正在修改 {number}', 'Correcting {number}'],
  'cf.saved': ['已保存并提交审核，电子监管号 {number}', 'Saved and submitted for review: e-supervision number {number}'],
  'cf.invalid': ['有 {n} 处需要修改，见各栏下方说明', '{n} fields to fix: see beside each'],
  'cf.failed': ['保存失败：{msg}', 'Not saved: {msg}'],
  'cf.warnings': ['提示：', 'Note: '],
});

// The fields in the order of the document, by group; type is the input's, or "select" for a picker.
const GROUPS = [
  ['cf.contract', [
    { name: 'e_number', hint: 'cf.e_number.hint', attrs: { autocapitalize: 'characters', spellcheck: 'false', maxlength: 24 } },
    { name: 'region_code', attrs: { inputmode: 'numeric', maxlength: 6 } },
    { name: 'method', type: 'select', codes: 'methods' },
    { name: 'contract_number' },
    { name: 'contract_date', type: 'date' },
    { name: 'approved_by' },
  ]],
  ['cf.project', [
    { name: 'project_name' }, { name: 'holder' }, { name: 'location' }, { name: 'district_name' },
    { name: 'land_use_code', type: 'select', codes: 'land_uses' }, { name: 'land_use_original' },
    { name: 'area_ha', type: 'number' }, { name: 'existing_construction_ha', type: 'number' }, { name: 'source_text' },
    { name: 'term_years', type: 'number', step: '1' }, { name: 'term_text' },
    { name: 'industry' }, { name: 'land_grade' },
    { name: 'price_wan', type: 'number' }, { name: 'plot_ratio_min', type: 'number' }, { name: 'plot_ratio_max', type: 'number' },
  ]],
  ['cf.agreed', [{ name: 'agreed_delivery', type: 'date' }, { name: 'agreed_start', type: 'date' }, { name: 'agreed_completion', type: 'date' }]],
];
const FIELDS = GROUPS.flatMap(([, fields]) => fields);

/** A field's input with its label, hint and the place its refusal is shown. */
function fieldRow(f, codes) {
  const id = `cf-${f.name}`;
  const input = f.type === 'select'
    ? h('select', { id, name: f.name }, h('option', { value: '', 'data-i18n': 'cf.pick' }, t('cf.pick')),
      codes[f.codes].map((c) => h('option', { value: c.code }, `${c.code} ${c.name}`)))
    : h('input', { id, name: f.name, type: f.type === 'number' ? 'number' : f.type || 'text', step: f.type === 'number' ? f.step || 'any' : null, ...f.attrs });
  input.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'cf-field', dataset: { field: f.name } },
    h('label', { for: id, 'data-i18n': `cf.${f.name}` }, t(`cf.${f.name}`)),
    input,
    f.hint ? h('small', { class: 'cf-hint', 'data-i18n': f.hint }, t(f.hint)) : null,
    f.name === 'contract_date' ? h('small', { id: 'cf-deadline', class: 'cf-hint', 'aria-live': 'polite' }) : null,
    h('span', { id: `${id}-error`, class: 'cf-error', role: 'alert', hidden: true }));
}

/**
 * The entry form in el. codes are the code lists of /api/v1/codes; region is the signed-in clerk's
 * region (its county is the default of the number). onSaved(record) is called after each save.
 */
export function supplyForm(el, { codes, region, onSaved }) {
  let editing = null; // { id, version, number } of the record corrected, or null for a new one
  const installments = h('tbody');
  const message = h('p', { id: 'cf-message', class: 'admin-message', role: 'status', 'aria-live': 'polite', hidden: true });
  const title = h('p', { id: 'cf-editing', class: 'cf-editing', hidden: true });
  const save = h('button', { type: 'submit', id: 'cf-save', 'data-i18n': 'cf.save' }, t('cf.save'));
  const cancel = h('button', { type: 'button', id: 'cf-cancel', 'data-i18n': 'cf.cancel', hidden: true, on: { click: () => reset() } }, t('cf.cancel'));
  const form = h('form', { id: 'supply-form', class: 'cf', novalidate: true, autocomplete: 'off' },
    title,
    GROUPS.map(([legend, fields]) => h('fieldset', {}, h('legend', { 'data-i18n': legend }, t(legend)), h('div', { class: 'cf-grid' }, fields.map((f) => fieldRow(f, codes))))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'cf.installments' }, t('cf.installments')),
      h('table', { class: 'cf-installments public-table' },
        h('thead', {}, h('tr', {}, ['cf.period', 'cf.due_on', 'cf.amount_wan', ''].map((k) => h('th', { scope: 'col', 'data-i18n': k || null }, k ? t(k) : '')))),
        installments),
      h('button', { type: 'button', id: 'cf-add-row', 'data-i18n': 'cf.addRow', on: { click: () => addRow() } }, t('cf.addRow'))),
    h('div', { class: 'cf-actions' }, save, cancel),
    message);
  fill(el, form);
  const input = (name) => form.elements[name];
  const defaultRegion = /00$/.test(region) ? '' : region; // a prefecture or province chooses the county

  function addRow(inst = {}) {
    const n = installments.rows.length;
    const cell = (name, type, value) => h('td', {},
      h('input', { name, type, step: type === 'number' ? 'any' : null, value: value ?? '', 'aria-label': t(`cf.${name}`) }),
      h('span', { class: 'cf-error', role: 'alert', hidden: true }));
    const row = h('tr', { class: 'cf-row' },
      cell('period', 'number', inst.period ?? n + 1), cell('due_on', 'date', inst.due_on), cell('amount_wan', 'number', inst.amount_wan),
      h('td', {}, h('button', { type: 'button', class: 'cf-remove', 'data-i18n': 'cf.removeRow', on: { click: () => row.remove() } }, t('cf.removeRow'))));
    installments.append(row);
  }

  /** Shows the last day of entry after the contract date, and whether it has passed. */
  async function showDeadline() {
    const out = document.getElementById('cf-deadline');
    const day = input('contract_date').value;
    if (!day) return fill(out);
    try {
      const d = await getJSON(`/api/v1/workdays${query({ from: day, add: codes.entry_workdays })}`);
      if (input('contract_date').value !== day) return null; // changed meanwhile
      const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
      fill(out, t('cf.deadline', { day: d.last_day, n: d.add }), d.fallback ? t('cf.deadlineFallback') : '');
      out.dataset.lastDay = d.last_day;
      out.classList.toggle('cf-late', today > d.last_day);
      if (today > d.last_day) out.append(h('br'), h('strong', {}, t('cf.deadlinePassed')));
    } catch {
      fill(out);
    }
    return null;
  }
  input('contract_date').addEventListener('change', showDeadline);

  function say(text, kind = 'ok') {
    message.textContent = text;
    message.dataset.kind = kind;
    message.hidden = !text;
  }

  function clearErrors() {
    for (const e of form.querySelectorAll('.cf-error')) { e.hidden = true; e.textContent = ''; }
    for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  }

  /** The element a refused field is shown at: its field, an instalment's cell, else the message. */
  function errorPlace(field) {
    const m = /^installments\[(\d+)\]\.?(\w*)/.exec(field || '');
    if (m) {
      const row = installments.rows[Number(m[1])];
      const cell = row?.querySelector(`input[name="${m[2] || 'amount_wan'}"]`);
      return cell ? [cell, cell.nextElementSibling] : [null, null];
    }
    const el = input(field);
    return el ? [el, document.getElementById(`cf-${field}-error`)] : [null, null];
  }

  /** Shows each refusal of a 400 beside its field; the rest go to the message. */
  function showErrors(problem) {
    const errors = problem?.errors?.length ? problem.errors : [{ field: problem?.field, reason: problem?.detail }];
    const unplaced = [];
    for (const { field, reason } of errors) {
      const [el, out] = errorPlace(field);
      if (!out) { unplaced.push(field ? `${fieldLabel(field)}: ${reason}` : reason); continue; }
      el.setAttribute('aria-invalid', 'true');
      out.textContent = out.hidden ? reason : `${out.textContent}；${reason}`;
      out.hidden = false;
    }
    say([t('cf.invalid', { n: errors.length }), ...unplaced].join(' '), 'error');
    form.querySelector('[aria-invalid]')?.focus();
  }

  /** The body the form sends: empty numbers and dates as null, so a correction can clear them. */
  function body() {
    const out = {};
    for (const f of FIELDS) {
      const v = input(f.name).value.trim();
      if (f.type === 'number') out[f.name] = v === '' ? null : Number(v);
      else if (f.type === 'date') out[f.name] = v || null;
      else out[f.name] = v;
    }
    if (!editing && !out.region_code) out.region_code = defaultRegion;
    if (editing) delete out.e_number; // a record's number does not change
    out.installments = [...installments.rows].map((row) => {
      const cell = (name) => row.querySelector(`input[name="${name}"]`).value.trim();
      return { period: Number(cell('period')), due_on: cell('due_on') || null, amount_wan: cell('amount_wan') === '' ? 0 : Number(cell('amount_wan')) };
    });
    if (out.area_ha === null && !editing) delete out.area_ha;
    return out;
  }

  async function submit(e) {
    e.preventDefault();
    clearErrors();
    say('');
    save.disabled = true;
    try {
      let saved;
      if (editing) {
        const res = await request(supplyPath(editing.id), {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'If-Match': `"v${editing.version}"` },
          body: JSON.stringify(body()),
        });
        saved = await res.json();
      } else {
        saved = await postJSON('/api/v1/supplies', body(), { headers: { 'Idempotency-Key': crypto.randomUUID() } });
      }
      reset();
      const notes = saved.warnings || [];
      say(t('cf.saved', { number: saved.e_number }) + (notes.length ? ` ${t('cf.warnings')}${notes.join('；')}` : ''));
      message.dataset.number = saved.e_number;
      message.scrollIntoView({ block: 'nearest' });
      onSaved?.(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) showErrors(err.problem);
      else say(t('cf.failed', { msg: err.message }), 'error');
    } finally {
      save.disabled = false;
    }
  }
  form.addEventListener('submit', submit);

  /** Empties the form for a new record. */
  function reset() {
    editing = null;
    form.reset();
    clearErrors();
    installments.replaceChildren();
    input('region_code').value = defaultRegion;
    input('e_number').readOnly = false;
    title.hidden = true;
    cancel.hidden = true;
    save.dataset.i18n = 'cf.save';
    save.textContent = t('cf.save');
    showDeadline();
  }

  /** Fills the form with a record (as GET answers it) to correct it. */
  async function edit(idOrNumber) {
    const res = await request(supplyPath(idOrNumber), { headers: { Accept: 'application/json' } });
    const sup = await res.json();
    reset();
    editing = { id: sup.id, version: sup.version, number: sup.e_number };
    for (const f of FIELDS) input(f.name).value = sup[f.name] ?? '';
    input('e_number').readOnly = true;
    for (const inst of sup.installments || []) addRow(inst);
    title.textContent = t('cf.editing', { number: sup.e_number });
    title.hidden = false;
    cancel.hidden = false;
    save.dataset.i18n = 'cf.saveEdit';
    save.textContent = t('cf.saveEdit');
    say('');
    showDeadline();
    form.scrollIntoView({ block: 'start' });
  }

  reset();
  return { edit, reset };
}
