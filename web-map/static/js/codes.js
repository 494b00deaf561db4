// The code lists of the register with their names in Chinese and English, and the stage colours
// of DESIGN §3. Names are [zh, en] pairs, picked with i18n.pick().

/** Development stages in lifecycle order, each with its map colour. */
export const STAGES = [
  { code: 'reserved', color: '#9e9e9e', name: ['储备', 'Reserved'] },
  { code: 'supplied', color: '#90caf9', name: ['已供未交', 'Supplied, not delivered'] },
  { code: 'delivered', color: '#1e88e5', name: ['已交未开工', 'Delivered, not started'] },
  { code: 'under_construction', color: '#ffb300', name: ['在建', 'Under construction'] },
  { code: 'completed', color: '#81c784', name: ['已竣工', 'Completed'] },
  { code: 'accepted', color: '#2e7d32', name: ['已验收', 'Accepted'] },
  { code: 'idle', color: '#d32f2f', name: ['闲置', 'Idle'] },
  { code: 'reclaimed', color: '#6a1b9a', name: ['已收回', 'Reclaimed'] },
];

/** Flags a parcel may carry in the tiles' comma-separated "flags" property. */
export const FLAGS = [
  { code: 'overdue_delivery', name: ['逾期未交地', 'Overdue delivery'] },
  { code: 'overdue_start', name: ['逾期未开工', 'Overdue start'] },
  { code: 'overdue_completion', name: ['逾期未竣工', 'Overdue completion'] },
  { code: 'suspected_idle', name: ['疑似闲置', 'Suspected idle'] },
  { code: 'overlap', name: ['重复供地（重叠）', 'Overlaps another supply'] },
  { code: 'late_entry', name: ['填报不及时', 'Entered late'] },
  { code: 'geometry_missing', name: ['缺少宗地图形', 'Geometry missing'] },
  // marked on the map with the register's records (register.js), not an outline of something wrong
  { code: 'mortgaged', name: ['抵押未注销', 'Mortgaged'], register: true },
];

/** Supply methods (供地方式) by code. */
export const METHODS = [
  { code: '1', name: ['划拨', 'Allocation'] },
  { code: '21', name: ['招标出让', 'Tender'] },
  { code: '22', name: ['拍卖出让', 'Auction'] },
  { code: '23', name: ['挂牌出让', 'Listing'] },
  { code: '3', name: ['协议出让', 'Agreement'] },
  { code: '4', name: ['租赁', 'Lease'] },
  { code: '5', name: ['作价出资或入股', 'Capital contribution'] },
  { code: '6', name: ['授权经营', 'Authorised operation'] },
  { code: '2', name: ['招拍挂出让', 'Tender, auction or listing'], legacy: true },
];

/** First-level land-use classes of GB/T 21010-2017 that construction land falls in. */
export const LAND_USES = [
  { code: '05', name: ['商服用地', 'Commercial and services'] },
  { code: '06', name: ['工矿仓储用地', 'Industrial, mining and storage'] },
  { code: '07', name: ['住宅用地', 'Residential'] },
  { code: '08', name: ['公共管理与公共服务用地', 'Public administration and services'] },
  { code: '09', name: ['特殊用地', 'Special'] },
  { code: '10', name: ['交通运输用地', 'Transport'] },
  { code: '11', name: ['水域及水利设施用地', 'Water and water facilities'] },
  { code: '12', name: ['其他土地', 'Other land'] },
];

export const KINDS = {
  allocation: ['划拨', 'Allocation'],
  transfer: ['出让', 'Transfer'],
  lease: ['租赁', 'Lease'],
  capital: ['作价出资或入股', 'Capital contribution'],
  authorised: ['授权经营', 'Authorised operation'],
};

export const EVENT_KINDS = {
  delivery: ['交地', 'Delivery'],
  construction_start: ['开工', 'Construction start'],
  progress: ['进度报告', 'Progress report'],
  halt: ['停工', 'Halt'],
  resumption: ['复工', 'Resumption'],
  completion: ['竣工', 'Completion'],
  acceptance: ['竣工验收', 'Acceptance'],
  idle_determination: ['闲置土地认定', 'Idle determination'],
  disposal: ['闲置土地处置', 'Disposal'],
  recovery: ['收回', 'Recovery'],
  cancellation: ['注销', 'Cancellation'],
};

export const REVIEW_STATUS = {
  draft: ['草稿', 'Draft'],
  submitted: ['已提交', 'Submitted'],
  returned: ['已退回', 'Returned'],
  approved: ['已审核通过', 'Approved'],
};

export const CAUSES = {
  holder: ['使用权人原因', 'Caused by the holder'],
  government: ['政府原因', 'Caused by government'],
  force_majeure: ['不可抗力', 'Force majeure'],
};

export const DISPOSALS = {
  fee: ['征缴土地闲置费', 'Idle-land fee'],
  extension: ['延长动工开发期限', 'Extension'],
  change_of_use: ['调整用途或规划条件', 'Change of use'],
  temporary_use: ['安排临时使用', 'Temporary use'],
  swap: ['置换土地', 'Land swap'],
  negotiated_recovery: ['协议有偿收回', 'Negotiated recovery'],
  recovery: ['收回', 'Recovery'],
  recovery_without_compensation: ['无偿收回', 'Recovery without compensation'],
};

export const HISTORY_ENTITIES = {
  supply: ['供地', 'Supply'],
  parcel: ['宗地', 'Parcel'],
  event: ['开发事件', 'Event'],
  installment: ['分期支付', 'Instalment'],
};

export const HISTORY_OPS = {
  insert: ['新增', 'added'],
  update: ['修改', 'changed'],
  delete: ['删除', 'removed'],
};

/** Labels of supply fields, in the order the details panel shows them. */
export const SUPPLY_FIELDS = [
  ['e_number', ['电子监管号', 'E-supervision number']],
  ['project_name', ['项目名称', 'Project']],
  ['stage', ['开发阶段', 'Development stage']],
  ['kind', ['供地类型', 'Kind']],
  ['method', ['供地方式', 'Supply method']],
  ['region_code', ['行政区代码', 'Region code']],
  ['district_name', ['行政区', 'District']],
  ['location', ['土地坐落', 'Location']],
  ['area_ha', ['面积（公顷）', 'Area (ha)']],
  ['source_text', ['土地来源', 'Land source']],
  ['existing_construction_ha', ['其中现有建设用地（公顷）', 'Of which existing construction land (ha)']],
  ['land_use_code', ['土地用途', 'Land use']],
  ['term_text', ['土地使用年限', 'Term']],
  ['industry', ['行业分类', 'Industry']],
  ['land_grade', ['土地级别', 'Land grade']],
  ['price_wan', ['成交价格（万元）', 'Price (10k CNY)']],
  ['holder', ['土地使用权人', 'Holder']],
  ['collective', ['土地所有权', 'Land ownership']],
  ['plot_ratio', ['约定容积率', 'Agreed plot ratio']],
  ['agreed_delivery', ['约定交地时间', 'Agreed delivery']],
  ['agreed_start', ['约定开工时间', 'Agreed start']],
  ['agreed_completion', ['约定竣工时间', 'Agreed completion']],
  ['contract_number', ['合同编号', 'Contract number']],
  ['contract_date', ['合同签订日期', 'Contract date']],
  ['approved_by', ['批准单位', 'Approved by']],
  ['review_status', ['审核状态', 'Review status']],
  ['version', ['版本', 'Version']],
  ['updated_at', ['最后修改', 'Last changed']],
  ['updated_by', ['修改人', 'Changed by']],
];

/** Labels of any field seen in history records (supply fields and the other records' own). */
export const FIELD_LABELS = {
  ...Object.fromEntries(SUPPLY_FIELDS),
  collective_owner: ['集体经济组织', 'Collective owner'],
  land_use_original: ['土地用途（原文）', 'Land use (as published)'],
  term_years: ['使用年限（年）', 'Term (years)'],
  plot_ratio_min: ['容积率下限', 'Plot ratio min'],
  plot_ratio_max: ['容积率上限', 'Plot ratio max'],
  number: ['宗地编号', 'Parcel number'],
  name: ['名称', 'Name'],
  land_use: ['用途', 'Land use'],
  declared_area_ha: ['申报面积（公顷）', 'Declared area (ha)'],
  plane_area_m2: ['平面面积（平方米）', 'Plane area (m²)'],
  gk_epsg: ['高斯-克吕格投影 EPSG', 'Gauss-Krüger EPSG'],
  geom: ['宗地图形', 'Boundary'],
  geometry: ['宗地图形', 'Boundary'],
  occurred_on: ['发生日期', 'Occurred on'],
  recorded_at: ['录入时间', 'Recorded at'],
  recorded_by: ['录入人', 'Recorded by'],
  developed_share: ['已开发面积比例', 'Developed share'],
  invested_share: ['已投资比例', 'Invested share'],
  cause: ['原因', 'Cause'],
  disposal: ['处置方式', 'Disposal'],
  reason: ['理由', 'Reason'],
  note: ['备注', 'Note'],
  period: ['期数', 'Period'],
  due_on: ['约定支付日期', 'Due on'],
  amount_wan: ['约定支付金额（万元）', 'Amount (10k CNY)'],
  amendment: ['更正/撤销原因', 'Why corrected or withdrawn'],
  withdrawn: ['已撤销', 'Withdrawn'],
  events: ['开发事件', 'Event'],
  installments: ['分期支付', 'Instalment'],
  parcels: ['宗地', 'Parcel'],
};

/** The colour of a stage code, grey for an unknown one. */
export function stageColor(code) {
  return (STAGES.find((s) => s.code === code) || STAGES[0]).color;
}

/** The [zh, en] name of code in one of the lists above, or the code itself. */
export function nameOf(list, code) {
  if (Array.isArray(list)) {
    const item = list.find((x) => x.code === code);
    return item ? item.name : [code, code];
  }
  return list[code] || [code, code];
}
