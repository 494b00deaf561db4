// The words of the finding panel, the review evidence and the printed documents, in Chinese and
// English, added to the shared table of i18n.js (the statuses and grades come with fieldwords.js).
import { addStrings } from './i18n.js';
import './fieldwords.js';

addStrings({
  'finding.title': ['核查线索', 'Finding'],
  'finding.open': ['查看线索', 'Open the finding'],
  'finding.supply': ['供地 {e}', 'Supply {e}'],
  'finding.kind': ['类型', 'Kind'],
  'finding.status': ['状态', 'Status'],
  'finding.grade': ['等级', 'Grade'],
  'finding.region': ['行政区', 'Region'],
  'finding.detected': ['发现日期', 'Found on'],
  'finding.assignee': ['承办人', 'Assigned to'],
  'finding.noticeDue': ['调查通知书期限', 'Notice due'],
  'finding.notice': ['调查通知书', 'Investigation notice'],
  'finding.steps': ['办理经过', 'Steps'],
  'finding.actions': ['办理', 'Work it'],
  'finding.elsewhere': ['该地块已在其他行政区供地', 'The ground is already supplied in another region'],
  'act.assign': ['指派', 'Assign'],
  'act.notice': ['调查通知书', 'Investigation notice'],
  'act.verify': ['核实', 'Mark verified'],
  'act.determine': ['认定闲置', 'Determine'],
  'act.dismiss': ['排除', 'Dismiss'],
  'act.dispose': ['处置', 'Dispose'],
  'act.close': ['结案', 'Close'],
  'act.submit': ['提交', 'Submit'],
  'act.cancel': ['取消', 'Cancel'],
  'act.done': ['已办理：{status}', 'Done: {status}'],
  'act.failed': ['办理失败：{msg}', 'Failed: {msg}'],
  'form.assignee': ['承办人', 'Assign to'],
  'form.assigneePick': ['请选择', 'Choose'],
  'form.reason': ['理由', 'Reason'],
  'form.document_no': ['文号', 'Document number'],
  'form.decided_on': ['日期', 'Date'],
  'form.cause': ['闲置原因', 'Cause'],
  'form.measure': ['处置方式', 'Measure'],
  'form.new_start': ['新约定开工日期', 'New agreed start'],
  'step.notice': ['发出调查通知书', 'Investigation notice sent'],
  'step.verification': ['实地核查', 'Field verification'],
  'print.notice': ['打印调查通知书', 'Print the notice'],
  'print.determination': ['打印闲置土地认定书', 'Print the determination'],
  'print.supply': ['打印监管表', 'Print the supervision sheet'],
});

/** The moves the API allows from each status (land.findingMoves), as the actions offered. */
export const ACTIONS_FROM = {
  open: ['assign', 'dismiss', 'close'],
  assigned: ['assign', 'verify', 'dismiss'],
  verified: ['determine', 'dismiss'],
  determined: ['dispose'],
  dismissed: ['close'],
  disposal: ['close'],
};

/** The status each action moves a finding to. */
export const ACTION_STATUS = {
  assign: 'assigned', verify: 'verified', determine: 'determined', dismiss: 'dismissed', dispose: 'disposal', close: 'closed',
};

/** Whether a finding still owes its investigation notice (land.NoticeOwed) and has none yet. */
export function noticeOwed(f) {
  return f.kind === 'suspected_idle' && ['open', 'assigned', 'verified'].includes(f.status) && !f.notice_no;
}

/** The step of a finding that determined it (认定), with its document number and date, or null. */
export function determination(steps) {
  return [...(steps || [])].reverse().find((s) => s.to === 'determined' && s.from !== 'determined') || null;
}
