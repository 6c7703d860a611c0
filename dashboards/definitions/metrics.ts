/** The metrics the dashboards show, with bilingual titles, units and formats. */
import type { MetricDefinition, MetricKey } from './types.ts';

const PEOPLE = { zh: '人', en: 'people' };
const HOURS = { zh: '小时', en: 'hours' };
const YUAN = { zh: '元', en: 'CNY' };

/** Every metric by key. */
export const METRICS: Readonly<Record<MetricKey, MetricDefinition>> = {
  active_volunteers: {
    key: 'active_volunteers',
    title: { zh: '活跃义工', en: 'Active volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: true,
  },
  new_volunteers: {
    key: 'new_volunteers',
    title: { zh: '新增义工', en: 'New volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: true,
  },
  returning_volunteers: {
    key: 'returning_volunteers',
    title: { zh: '回访义工', en: 'Returning volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: true,
  },
  registered_volunteers: {
    key: 'registered_volunteers',
    title: { zh: '注册义工', en: 'Registered volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: true,
  },
  service_records: {
    key: 'service_records',
    title: { zh: '服务记录', en: 'Service records' },
    unit: { zh: '条', en: 'records' },
    format: 'integer',
    volunteerCount: false,
  },
  service_hours: {
    key: 'service_hours',
    title: { zh: '服务时长', en: 'Service hours' },
    unit: HOURS,
    format: 'decimal',
    volunteerCount: false,
  },
  beneficiaries: {
    key: 'beneficiaries',
    title: { zh: '受益人次', en: 'Beneficiaries' },
    unit: { zh: '人次', en: 'person-times' },
    format: 'integer',
    volunteerCount: false,
  },
  volunteers: {
    key: 'volunteers',
    title: { zh: '义工人数', en: 'Volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: true,
  },
  target_hours: {
    key: 'target_hours',
    title: { zh: '目标时长（按期分摊）', en: 'Target hours (prorated)' },
    unit: HOURS,
    format: 'decimal',
    volunteerCount: false,
  },
  hours_attainment: {
    key: 'hours_attainment',
    title: { zh: '时长完成率', en: 'Hours attainment' },
    format: 'percent',
    volunteerCount: false,
  },
  budget_cny: {
    key: 'budget_cny',
    title: { zh: '购买金额（按期分摊）', en: 'Budget (prorated)' },
    unit: YUAN,
    format: 'currency',
    volunteerCount: false,
  },
  cost_per_hour: {
    key: 'cost_per_hour',
    title: { zh: '每小时成本', en: 'Cost per hour' },
    unit: YUAN,
    format: 'currency',
    volunteerCount: false,
  },
  volunteer_time_value_cny: {
    key: 'volunteer_time_value_cny',
    title: { zh: '义工时间价值', en: 'Value of volunteer time' },
    unit: YUAN,
    format: 'currency',
    volunteerCount: false,
  },
  target_beneficiaries: {
    key: 'target_beneficiaries',
    title: { zh: '目标受益人次（分摊）', en: 'Target beneficiaries (prorated)' },
    format: 'integer',
    volunteerCount: false,
  },
  target_volunteers: {
    key: 'target_volunteers',
    title: { zh: '目标义工人数', en: 'Target volunteers' },
    unit: PEOPLE,
    format: 'integer',
    volunteerCount: false,
  },
  batches: { key: 'batches', title: { zh: '上传批次', en: 'Batches' }, format: 'integer', volunteerCount: false },
  received: { key: 'received', title: { zh: '接收行数', en: 'Rows received' }, format: 'integer', volunteerCount: false },
  accepted: { key: 'accepted', title: { zh: '通过行数', en: 'Rows accepted' }, format: 'integer', volunteerCount: false },
  rejected: { key: 'rejected', title: { zh: '拒收行数', en: 'Rows rejected' }, format: 'integer', volunteerCount: false },
  rejection_rate: {
    key: 'rejection_rate',
    title: { zh: '拒收率', en: 'Rejection rate' },
    format: 'percent',
    volunteerCount: false,
  },
  duplicates: { key: 'duplicates', title: { zh: '重复行', en: 'Duplicates' }, format: 'integer', volunteerCount: false },
  corrections: { key: 'corrections', title: { zh: '更正行', en: 'Corrections' }, format: 'integer', volunteerCount: false },
  unknown_projects: {
    key: 'unknown_projects',
    title: { zh: '未知项目', en: 'Unknown projects' },
    format: 'integer',
    volunteerCount: false,
  },
  unlinked_volunteer_records: {
    key: 'unlinked_volunteer_records',
    title: { zh: '未关联义工记录', en: 'Unlinked volunteer records' },
    format: 'integer',
    volunteerCount: false,
  },
  median_days_to_ingest: {
    key: 'median_days_to_ingest',
    title: { zh: '入库天数中位数', en: 'Median days to ingest' },
    unit: { zh: '天', en: 'days' },
    format: 'days',
    volunteerCount: false,
  },
};

/** Metrics that count distinct volunteers (the suppression rule applies to them). */
export const VOLUNTEER_COUNT_METRICS: readonly MetricKey[] = Object.values(METRICS)
  .filter((metric) => metric.volunteerCount)
  .map((metric) => metric.key);
