/**
 * Presents canonical rows the way a district's system exports them: header language, label
 * style, district spelling, date style and personal columns.
 */
import { BENEFICIARY_GROUPS, DISTRICTS, SERVICE_CATEGORIES } from '../../schemas/reference/index.ts';
import { isIsoDate } from './dates.ts';
import type { DatasetName, FileStyle, RowsByDataset } from './model.ts';

/** A presented cell: text, a number, a date (XLSX date cell) or empty. */
export type Cell = string | number | Date | null;

/** Header and column of a presented table. */
interface Column {
  key: string;
  header: string;
  kind: 'text' | 'date' | 'number' | 'label' | 'district' | 'id';
}

const SERVICE_RECORD_HEADERS: Readonly<Record<string, readonly [string, string]>> = {
  record_id: ['记录编号', '记录编号'],
  district: ['所属区', '区'],
  street_code: ['街道代码', '街道编码'],
  community: ['社区', '社区'],
  volunteer_id: ['义工编号', '证件号码'],
  name: ['姓名', '姓名'],
  phone: ['手机', '手机'],
  project_code: ['项目编号', '项目编号'],
  category: ['服务类别', '服务类别'],
  service_date: ['服务日期', '服务日期'],
  start_time: ['开始时间', '开始时间'],
  end_time: ['结束时间', '结束时间'],
  hours: ['服务时长', '服务时长(小时)'],
  beneficiaries: ['受益人数', '服务人次'],
  beneficiary_group: ['受益群体', '受益群体'],
  funding: ['经费来源', '经费来源'],
  contract_id: ['合同编号', '购买合同编号'],
  status: ['审核状态', '审核状态'],
};

const SERVICE_RECORD_KINDS: Readonly<Record<string, Column['kind']>> = {
  district: 'district',
  volunteer_id: 'id',
  service_date: 'date',
  hours: 'number',
  beneficiaries: 'number',
  category: 'label',
  beneficiary_group: 'label',
  funding: 'label',
  status: 'label',
};

const OTHER_KINDS: Readonly<Record<string, Column['kind']>> = {
  registered_on: 'date',
  start_date: 'date',
  end_date: 'date',
  budget_cny: 'number',
  target_hours: 'number',
  target_volunteers: 'number',
  target_beneficiaries: 'number',
  volunteer_number: 'id',
  id_number: 'id',
};

const DATASET_KEYS: Readonly<Record<Exclude<DatasetName, 'service_records'>, readonly string[]>> = {
  registrations: ['volunteer_number', 'id_number', 'district', 'street_code', 'registered_on'],
  projects: ['project_code', 'name_zh', 'name_en', 'category', 'district', 'start_date', 'end_date'],
  contracts: [
    'contract_id',
    'funder',
    'funder_type',
    'start_date',
    'end_date',
    'budget_cny',
    'target_hours',
    'target_volunteers',
    'target_beneficiaries',
  ],
};

const LABELS: ReadonlyMap<string, string> = new Map([
  ...SERVICE_CATEGORIES.map((c) => [`category:${c.code}`, c.zh] as const),
  ...BENEFICIARY_GROUPS.map((g) => [`beneficiary_group:${g.code}`, g.zh] as const),
  ['funding:government_purchase', '政府购买'],
  ['funding:enterprise_purchase', '企业购买'],
  ['funding:self_funded', '自筹'],
  ['status:approved', '已审核'],
  ['status:pending', '待审核'],
  ['status:not_approved', '不通过'],
]);

/** The columns of a dataset in a style. */
export function columnsOf(dataset: DatasetName, style: FileStyle): Column[] {
  if (dataset !== 'service_records')
    return DATASET_KEYS[dataset].map((key) => ({ key, header: key, kind: OTHER_KINDS[key] ?? 'text' }));
  return Object.entries(SERVICE_RECORD_HEADERS)
    .filter(([key]) => style.personal || (key !== 'name' && key !== 'phone'))
    .map(([key, [zh, zhAlt]]) => ({
      key,
      header: style.headers === 'en' ? key : style.headers === 'zh' ? zh : zhAlt,
      kind: SERVICE_RECORD_KINDS[key] ?? 'text',
    }));
}

function presentDistrict(slug: string, style: FileStyle): string {
  const district = DISTRICTS.find((d) => d.slug === slug);
  if (district === undefined || style.districtAs === 'slug') return slug;
  if (style.districtAs === 'code') return district.code ?? district.zh;
  if (style.districtAs === 'zh') return district.zh;
  return district.zh.replace(/(特别合作区|新区|区)$/, '');
}

function presentDate(value: string, style: FileStyle): Cell {
  if (!isIsoDate(value)) return value;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (style.dates === 'slash') return `${y}/${m}/${d}`;
  if (style.dates === 'zh') return `${y}年${m}月${d}日`;
  if (style.dates === 'cell' && style.format === 'xlsx') return new Date(Date.UTC(y, m - 1, d));
  return value;
}

function presentCell(column: Column, value: string, style: FileStyle): Cell {
  if (value === '') return null;
  switch (column.kind) {
    case 'district':
      return presentDistrict(value, style);
    case 'date':
      return presentDate(value, style);
    case 'label':
      return style.labels === 'zh' ? (LABELS.get(`${column.key}:${value}`) ?? value) : value;
    case 'id':
      return style.lowerCaseIds ? value.toLowerCase() : value;
    case 'number': {
      const numeric = /^-?\d+(\.\d+)?$/.test(value);
      if (!numeric) return value;
      if (style.format === 'xlsx' || (style.format === 'jsonl' && style.numbersAs !== 'string')) return Number(value);
      return value;
    }
    default:
      return value;
  }
}

/**
 * Presents the rows of a dataset in a style: a header line and one array of cells per row.
 *
 * @example
 * const { headers, cells } = presentRows('service_records', rows, SERVICE_RECORD_STYLES.baoan);
 * headers[0]; // '记录编号'
 */
export function presentRows<D extends DatasetName>(
  dataset: D,
  rows: readonly RowsByDataset[D][],
  style: FileStyle,
): { headers: string[]; keys: string[]; cells: Cell[][] } {
  const columns = columnsOf(dataset, style);
  return {
    headers: columns.map((c) => c.header),
    keys: columns.map((c) => c.key),
    cells: rows.map((row) =>
      columns.map((column) => presentCell(column, (row as unknown as Record<string, string>)[column.key] ?? '', style)),
    ),
  };
}
