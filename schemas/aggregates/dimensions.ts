/** Columns shared by the aggregate tables. */
import { col } from '../contract.ts';

/** `month` (`2026-11`), `quarter` (`2026-Q4`), `year` (`2026`). */
export const periodColumns = {
  period_type: col.string('期间类型', 'month, quarter or year'),
  period: col.string('期间', 'Period label: 2026-11, 2026-Q4 or 2026'),
};

/** Measures of service delivery (approved, current records only). */
export const deliveryMeasures = {
  service_records: col.bigint('服务记录数', 'Approved current service records'),
  service_hours: col.decimal(18, 2, '服务时长', 'Approved service hours'),
  active_volunteers: col.bigint('活跃义工数', 'Distinct volunteers with an approved record'),
  beneficiaries: col.bigint('受益人次', 'Beneficiaries of approved records'),
};

/** The value that marks a rolled-up dimension. */
export const ALL = 'all';
