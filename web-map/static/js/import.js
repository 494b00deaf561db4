// The import page (数据导入) for clerks: files chosen (supply tables in CSV or Excel, the ministry's
// coordinate files, GeoJSON; several at once) are first sent as a dry run, whose report shows what
// would be accepted, every rejected record with file, line, field and reason (filterable), the
// warnings, the columns each table's headers were read as, and the overlaps found; one click then
// imports them for real. Uploads show their progress, then each step of the server's work as it goes
// (the answer is a stream of lines, application/x-ndjson), and the page is busy meanwhile.
// window.landwatchImport.ready is the hook browser tests wait for.
import { ApiError, acceptLanguage, query } from './api.js';
import { fieldLabel } from './fieldlabel.js';
import { h, fill } from './dom.js';
import { addStrings, t } from './i18n.js';
import { num, pct } from './format.js';
import { fillTable, messenger, reason, startPage } from './page.js';

addStrings({
  'import.title': ['数据导入', 'Import'],
  'import.choose': ['选择文件', 'Choose files'],
  'import.formats': ['可同时选择多个文件：供地表格（CSV、Excel .xlsx）、部标坐标文件（.txt）、GeoJSON。先试导入查看报告，确认后再正式导入。',
    'Several files at once: supply tables (CSV, Excel .xlsx), the ministry\'s coordinate files (.txt), GeoJSON. Check them with a dry run first, then import.'],
  'import.files': ['文件', 'Files'],
  'import.supply': ['归属供地（电子监管号，可选）', 'Attach to supply (e-supervision number, optional)'],
  'import.check': ['试导入（检查）', 'Dry run (check)'],
  'import.run': ['正式导入', 'Import'],
  'import.uploading': ['正在上传：{pct}', 'Uploading: {pct}'],
  'import.working': ['服务器正在处理，请稍候……', 'The server is working, please wait…'],
  'import.step': ['{step}：{done} / {total}', '{step}: {done} of {total}'],
  'import.stepReading': ['{step}：{done} / 已读 {total}', '{step}: {done} of {total} read so far'],
  'import.steps.reserves': ['写入储备地', 'Writing reserves'],
  'import.steps.supply plans': ['写入供地计划', 'Writing supply plans'],
  'import.steps.announcements': ['写入出让公告', 'Writing announcements'],
  'import.steps.deals': ['写入成交公示', 'Writing deals'],
  'import.steps.supplies': ['写入供地记录', 'Writing supplies'],
  'import.steps.boundaries': ['写入地块边界', 'Writing boundaries'],
  'import.steps.transactions': ['写入转让、出租、抵押', 'Writing transfers, leases and mortgages'],
  'import.steps.overlap check': ['检查重叠', 'Checking overlaps'],
  'import.dryTitle': ['试导入报告（尚未写入任何记录）', 'Dry-run report (nothing written yet)'],
  'import.doneTitle': ['导入结果', 'Import result'],
  'import.dryDone': ['试导入完成：{accepted} 条可导入，{rejected} 条未通过。确认无误后点击“正式导入”。', 'Dry run done: {accepted} records can be imported, {rejected} rejected. Click "Import" when satisfied.'],
  'import.done': ['已导入 {accepted} 条记录（新建 {created}，更新 {updated}，未变 {unchanged}），{rejected} 条未通过。', 'Imported {accepted} records ({created} new, {updated} updated, {unchanged} unchanged); {rejected} rejected.'],
  'import.failed': ['导入失败：{msg}', 'Import failed: {msg}'],
  'import.noEdit': ['只有录入员和管理员可以导入数据', 'Only clerks and administrators import data'],
  'import.accepted': ['可导入 / 已导入', 'Accepted'],
  'import.created': ['新建', 'Created'],
  'import.updated': ['更新', 'Updated'],
  'import.unchanged': ['未变', 'Unchanged'],
  'import.rejectedN': ['未通过', 'Rejected'],
  'import.warningsN': ['提示', 'Warnings'],
  'import.overlapsN': ['重叠', 'Overlaps'],
  'import.rejected': ['未通过的记录', 'Rejected records'],
  'import.filter': ['筛选（文件、字段、原因）', 'Filter (file, field, reason)'],
  'import.shown': ['显示 {shown} / {total} 条', 'Showing {shown} of {total}'],
  'import.warnings': ['提示', 'Warnings'],
  'import.tables': ['各文件识别的列', 'Columns recognised in each file'],
  'import.overlaps': ['发现的重叠', 'Overlaps found'],
  'import.file': ['文件', 'File'],
  'import.line': ['行', 'Line'],
  'import.record': ['记录', 'Record'],
  'import.field': ['字段', 'Field'],
  'import.reason': ['原因', 'Reason'],
  'import.message': ['说明', 'Message'],
  'import.label': ['表头', 'Header'],
  'import.readAs': ['识别为', 'Read as'],
  'import.ignored': ['未识别（已忽略）的列：{labels}', 'Not recognised (ignored): {labels}'],
  'import.parcel': ['地块', 'Parcel'],
  'import.other': ['重叠的供地', 'Overlapping supply'],
  'import.area': ['重叠面积（㎡）', 'Area (m²)'],
  'import.share': ['占本地块', 'Share of parcel'],
  'import.elsewhere': ['其他行政区已供应的土地', 'land supplied in another region'],
});

const form = document.getElementById('import-form');
const files = document.getElementById('import-files');
const runButton = document.getElementById('import-run');
const progressBox = document.getElementById('import-progress-box');
const progress = document.getElementById('import-progress');
const progressText = document.getElementById('import-progress-text');
const say = messenger(document.getElementById('import-message'));
const filter = document.getElementById('import-filter');
let session = null;
let report = null; // the last report shown
let checked = false; // the chosen files passed a dry run and may be imported

/**
 * POSTs the chosen files as one multipart form to /api/v1/imports through XMLHttpRequest, whose
 * upload events tell the upload's progress (fetch has none), and whose download events bring the
 * server's stream: a line of JSON for each step of its work as it goes ({"progress": …}), then
 * {"report": …} or {"problem": …} when the import failed after the stream began. Resolves with the
 * report.
 */
function send(dryRun) {
  const body = new FormData();
  for (const f of files.files) body.append('file', f, f.name);
  const url = `/api/v1/imports${query({ dry_run: dryRun ? 'true' : null, supply: form.elements.supply.value.trim() })}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let read = 0; // how much of the answer's text has been read as lines
    let last = null; // the last line read
    const readLines = () => {
      const text = xhr.responseText;
      for (let end = text.indexOf('\n', read); end >= 0; end = text.indexOf('\n', read)) {
        const line = text.slice(read, end).trim();
        read = end + 1;
        if (!line) continue;
        last = JSON.parse(line);
        if (last.progress) showStep(last.progress);
      }
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/x-ndjson, application/json;q=0.5');
    xhr.setRequestHeader('X-CSRF-Token', session.csrf_token);
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && showProgress(e.loaded / e.total));
    xhr.upload.addEventListener('load', () => showProgress(null));
    const streamed = () => xhr.status === 200 && (xhr.getResponseHeader('Content-Type') || '').startsWith('application/x-ndjson');
    xhr.addEventListener('progress', () => streamed() && readLines());
    xhr.addEventListener('load', () => {
      let answer = null;
      try {
        if (streamed()) {
          readLines();
          if (last?.problem) return reject(new ApiError(last.problem.status, last.problem, url));
          if (!last?.report) return reject(new ApiError(0, { detail: 'the answer broke off before its report' }, url));
          answer = last.report;
        } else {
          answer = JSON.parse(xhr.responseText);
        }
      } catch {
        // not JSON: the status says what happened
      }
      if (xhr.status >= 200 && xhr.status < 300 && answer) resolve(answer);
      else reject(new ApiError(xhr.status, answer, url));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'network error' }, url)));
    xhr.send(body);
  });
}

/** Shows the upload's share done, or (null) that the upload is through and the server works. */
function showProgress(share) {
  progressBox.hidden = false;
  if (share == null) {
    progress.removeAttribute('value'); // indeterminate while the server works
    progressText.textContent = t('import.working');
  } else {
    progress.value = Math.round(share * 100);
    progressText.textContent = t('import.uploading', { pct: pct(share) });
  }
}

/**
 * Each step's total when it began, for the import under way: a total that grew since counts the records
 * read so far (a GeoJSON file's supplies are written while it is read), so the bar cannot say a share.
 */
let began = {};

/** Shows how far a step of the server's work has come. */
function showStep({ step, done, total }) {
  if (done === 0) began[step] = total;
  const reading = done < total && total !== began[step];
  progressBox.hidden = false;
  if (reading) progress.removeAttribute('value');
  else progress.value = total > 0 ? Math.round((done / total) * 100) : 0;
  progressBox.dataset.step = step;
  progressText.textContent = t(reading ? 'import.stepReading' : 'import.step',
    { step: t(`import.steps.${step}`), done: num(done), total: num(total) });
}

/** Runs an import (dry or real) with the form busy, and shows its report. */
async function run(dryRun) {
  say('');
  const controls = [...form.elements];
  for (const c of controls) c.disabled = true;
  document.querySelector('main').setAttribute('aria-busy', 'true');
  began = {};
  showProgress(0);
  try {
    report = await send(dryRun);
    checked = dryRun && report.accepted > 0;
    render();
    const counts = { ...report, rejected: report.rejected.length };
    say(dryRun ? 'import.dryDone' : 'import.done', counts);
  } catch (err) {
    checked = false;
    say('import.failed', { msg: reason(err) }, 'error');
  } finally {
    for (const c of controls) c.disabled = false;
    runButton.disabled = !checked;
    document.querySelector('main').removeAttribute('aria-busy');
    progressBox.hidden = true;
  }
}

const cells = (...values) => values.map((v) => h('td', {}, v == null || v === '' ? '—' : String(v)));

function renderRejected() {
  const words = filter.value.trim().toLowerCase();
  const all = report.rejected;
  const shown = all.filter((r) => !words || [r.file, r.line, r.record, r.field, fieldLabel(r.field), r.reason].join(' ').toLowerCase().includes(words));
  fillTable(document.getElementById('import-rejected'), ['import.file', 'import.line', 'import.record', 'import.field', 'import.reason'],
    shown.map((r) => h('tr', { dataset: { line: r.line, field: r.field } }, cells(r.file, r.line || null, r.record, fieldLabel(r.field), r.reason))));
  document.getElementById('import-rejected-count').textContent = t('import.shown', { shown: shown.length, total: all.length });
}

function renderTables() {
  fill(document.getElementById('import-tables'), report.tables.length ? report.tables.map((tb) => h('div', { class: 'import-columns', dataset: { file: tb.file } },
    h('h4', {}, tb.file),
    h('div', { class: 'public-scroll' }, fillTable(h('table', { class: 'public-table' }), ['import.label', 'import.readAs'],
      tb.read.map((c) => h('tr', {}, cells(c.label, c.field))))),
    tb.ignored?.length ? h('p', { class: 'import-ignored' }, t('import.ignored', { labels: tb.ignored.join('、') })) : null))
    : h('p', {}, t('page.none')));
}

function render() {
  document.getElementById('import-report').hidden = false;
  document.getElementById('import-report-title').textContent = t(report.dry_run ? 'import.dryTitle' : 'import.doneTitle');
  const counts = [['import.accepted', report.accepted], ['import.created', report.created], ['import.updated', report.updated],
    ['import.unchanged', report.unchanged], ['import.rejectedN', report.rejected.length], ['import.warningsN', report.warnings.length],
    ['import.overlapsN', report.overlaps.length]];
  fill(document.getElementById('import-summary'), counts.map(([k, v]) => h('div', { dataset: { count: k.slice(7) } }, h('dt', {}, t(k)), h('dd', {}, num(v, 0)))));
  renderRejected();
  fillTable(document.getElementById('import-warnings'), ['import.file', 'import.line', 'import.record', 'import.field', 'import.message'],
    report.warnings.map((w) => h('tr', {}, cells(w.file, w.line || null, w.record, fieldLabel(w.field), w.message))));
  renderTables();
  fillTable(document.getElementById('import-overlaps'), ['import.parcel', 'import.other', 'import.area', 'import.share'],
    report.overlaps.map((o) => h('tr', {}, cells(o.parcel_id, o.elsewhere ? t('import.elsewhere') : o.other_e_number, o.elsewhere ? null : num(o.area_m2, 1),
      o.elsewhere ? null : pct(o.share)))));
}

async function start() {
  session = await startPage(() => report && render());
  if (!(session.may || []).includes('edit')) {
    for (const c of form.elements) c.disabled = true;
    say('import.noEdit', {}, 'error');
    return;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(true);
  });
  runButton.addEventListener('click', () => checked && run(false));
  // Other files, or another supply, must be checked again before they are imported.
  form.addEventListener('input', () => {
    checked = false;
    runButton.disabled = true;
  });
  filter.addEventListener('input', () => report && renderRejected());
}

window.landwatchImport = { ready: start() };
