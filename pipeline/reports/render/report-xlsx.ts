/**
 * The report as a workbook (exceljs): one sheet per section, bilingual headers, numbers stored
 * as numbers (suppressed counts such as `<5` stay text), and a `指标 Figures` sheet listing every
 * figure by id, as `report.json` holds it.
 */
import ExcelJS from 'exceljs';
import type { BreakdownRow, FigureValue, ReportModel } from '../report-types.ts';

/** Sheet names, in workbook order. */
export const XLSX_SHEETS = {
  summary: '概览 Summary',
  trend: '月度 Monthly',
  districts: '分区 Districts',
  streets: '街道 Streets',
  groups: '受益群体 Groups',
  stars: '星级 Stars',
  quality: '数据质量 Quality',
  provenance: '溯源 Provenance',
  figures: '指标 Figures',
} as const;

type Cell = FigureValue | undefined;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
}

function breakdownRows(rows: BreakdownRow[]): Cell[][] {
  return rows.map((r) => [r.key, r.zh, r.en, r.records_approved, r.service_hours, r.active_volunteers, r.beneficiaries]);
}

const BREAKDOWN_HEADER = [
  '代码 Code',
  '名称 Name',
  'Name (English)',
  '已审核记录 Approved records',
  '服务时长 Hours',
  '义工人数 Volunteers',
  '受益人次 Beneficiaries',
];

/**
 * Builds the workbook of a report.
 *
 * @example
 * const bytes = await renderReportXlsx(model);
 * await new ExcelJS.Workbook().xlsx.load(bytes);
 */
export async function renderReportXlsx(model: ReportModel): Promise<Uint8Array> {
  const { contract, period, delivery: d, quality: q, provenance: p } = model;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Redvest 红马甲';
  workbook.created = new Date(p.generated_at);

  addSheet(
    workbook,
    XLSX_SHEETS.summary,
    ['指标 Indicator', '目标(按期折算) Target (prorated)', '实际 Delivered', '完成率% Achieved %'],
    [
      ['合同编号 Contract', null, contract.contract_id, null],
      ['购买方 Funder', null, contract.funder, null],
      ['报告期 Period', null, period.label, null],
      ['起止 Dates', null, `${period.from} — ${period.to}`, null],
      ['服务时长(小时) Service hours', d.target_hours, d.service_hours, d.hours_achieved_pct],
      ['受益人次 Beneficiaries', d.target_beneficiaries, d.beneficiaries, d.beneficiaries_achieved_pct],
      [
        '义工人数(合同累计) Volunteers, contract to date',
        d.target_volunteers,
        d.contract_volunteers_to_date,
        d.volunteers_achieved_pct,
      ],
      ['本期服务义工 Volunteers active in the period', null, d.active_volunteers, null],
      ['服务记录(已审核) Service records, approved', null, d.service_records, null],
      ['预算(按期折算,元) Budget, prorated (CNY)', null, d.budget_cny, null],
      ['每服务小时成本(元) Cost per service hour', null, d.cost_per_hour, null],
      ['每受益人次成本(元) Cost per beneficiary', null, d.cost_per_beneficiary, null],
      ['义工时间价值(元) Value of volunteer time', null, d.volunteer_time_value_cny, null],
      ['杠杆率 Leverage (value ÷ budget)', null, d.leverage, null],
    ],
    [44, 28, 22, 18],
  );
  addSheet(
    workbook,
    XLSX_SHEETS.trend,
    ['月份 Month', '服务时长 Hours', '目标时长 Target hours', '记录 Records', '义工 Volunteers', '受益人次 Beneficiaries'],
    model.trend.map((t) => [t.month, t.service_hours, t.target_hours, t.service_records, t.active_volunteers, t.beneficiaries]),
    [12, 16, 18, 12, 14, 18],
  );
  const widths = [14, 22, 22, 22, 16, 18, 18];
  addSheet(workbook, XLSX_SHEETS.districts, BREAKDOWN_HEADER, breakdownRows(model.districts), widths);
  addSheet(workbook, XLSX_SHEETS.streets, BREAKDOWN_HEADER, breakdownRows(model.streets), widths);
  addSheet(workbook, XLSX_SHEETS.groups, BREAKDOWN_HEADER, breakdownRows(model.beneficiary_groups), widths);
  addSheet(
    workbook,
    XLSX_SHEETS.stars,
    ['星级 Star', '义工人数 Volunteers', '截至 As of'],
    model.stars.levels.map((l) => [l.star, l.volunteers, model.stars.as_of]),
    [10, 18, 14],
  );
  addSheet(
    workbook,
    XLSX_SHEETS.quality,
    ['指标 Indicator', '数值 Value'],
    [
      ['记录总数 Records, any status', q.records_total],
      ['已审核记录 Approved records', q.records_approved],
      ['审核通过率% Approval rate %', q.approval_rate_pct],
      ['入库时效中位数(天) Median days to upload', q.median_days_to_ingest],
      ['30天内入库比例% Uploaded within 30 days %', q.within_30_days_pct],
      ['批次数 Batches', q.batches],
      ['接收行数 Rows received', q.received],
      ['接受行数 Rows accepted', q.accepted],
      ['拒绝行数 Rows rejected', q.rejected],
      ['更正行数 Rows corrected', q.corrections],
      ['重复行数 Duplicate rows', q.duplicates],
      ['未关联义工记录 Unlinked volunteer records', q.unlinked_volunteer_records],
      ...q.rejected_by_code.map((c): Cell[] => [`拒绝 Rejected: ${c.code}`, c.rows]),
    ],
    [44, 16],
  );
  addSheet(
    workbook,
    XLSX_SHEETS.provenance,
    ['类型 Kind', '标识 Id', '数值 Value', 'sha256'],
    [
      ['生成时间 Generated at', null, p.generated_at, null],
      ['汇总运行 Aggregation run', null, p.aggregation_run_id, null],
      ['查询引擎 Engine', null, p.engine, null],
      ...p.batches.map((b): Cell[] => ['批次 Batch', b.batch_id, b.records, b.rows_sha256]),
      ...p.batches
        .filter((b) => b.file_sha256 !== null)
        .map((b): Cell[] => ['批次文件 Batch file', b.batch_id, null, b.file_sha256]),
      ...p.sql.map((s): Cell[] => ['SQL', s.file, s.figures.join(' '), s.sha256]),
    ],
    [22, 40, 30, 66],
  );
  addSheet(
    workbook,
    XLSX_SHEETS.figures,
    ['指标 Figure id', '数值 Value'],
    Object.entries(model.figures).map(([id, value]) => [id, value]),
    [48, 24],
  );
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
