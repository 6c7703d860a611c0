/** The five dashboard pages and their panels. */
import type { PageDefinition, PageId } from './types.ts';

/** Overview: KPI cards with change vs the previous period, monthly trend, star levels. */
export const OVERVIEW: PageDefinition = {
  id: 'overview',
  title: { zh: '总览', en: 'Overview' },
  description: { zh: '全市义工服务概况', en: 'City-wide volunteer service at a glance' },
  panels: [
    {
      id: 'kpis',
      title: { zh: '关键指标', en: 'Key figures' },
      chart: 'kpi',
      source: 'agg_participation',
      grain: 'city',
      metrics: ['active_volunteers', 'service_hours', 'service_records', 'beneficiaries', 'new_volunteers'],
    },
    {
      id: 'trend',
      title: { zh: '月度趋势', en: 'Monthly trend' },
      chart: 'line',
      source: 'agg_participation',
      grain: 'month',
      metrics: ['active_volunteers', 'new_volunteers', 'service_hours'],
    },
    {
      id: 'stars',
      title: { zh: '星级义工分布', en: 'Star levels' },
      chart: 'bar',
      source: 'agg_star_levels',
      grain: 'star',
      metrics: ['volunteers'],
    },
  ],
};

/** Participation: city → district → street drill-down and a sortable, downloadable table. */
export const PARTICIPATION: PageDefinition = {
  id: 'participation',
  title: { zh: '参与情况', en: 'Participation' },
  description: { zh: '点击区查看街道', en: 'Click a district to see its streets' },
  panels: [
    {
      id: 'areas',
      title: { zh: '各区活跃义工与服务时长', en: 'Active volunteers and hours by area' },
      chart: 'bar',
      source: 'agg_participation',
      grain: 'district',
      drillTo: 'street',
      metrics: ['active_volunteers', 'service_hours'],
    },
    {
      id: 'table',
      title: { zh: '明细表', en: 'Table' },
      chart: 'table',
      source: 'agg_participation',
      grain: 'district',
      drillTo: 'street',
      sortable: true,
      downloadable: true,
      metrics: [
        'active_volunteers',
        'new_volunteers',
        'returning_volunteers',
        'registered_volunteers',
        'service_records',
        'service_hours',
        'beneficiaries',
      ],
    },
  ],
};

/** Projects and outcomes: by category and project, beneficiaries by group. */
export const PROJECTS: PageDefinition = {
  id: 'projects',
  title: { zh: '项目与成效', en: 'Projects and outcomes' },
  description: { zh: '按服务类别、项目和受益群体', en: 'By service category, project and beneficiary group' },
  panels: [
    {
      id: 'categories',
      title: { zh: '各服务类别服务时长', en: 'Hours by service category' },
      chart: 'pie',
      source: 'agg_project_outcomes',
      grain: 'category',
      metrics: ['service_hours'],
    },
    {
      id: 'groups',
      title: { zh: '各受益群体受益人次', en: 'Beneficiaries by group' },
      chart: 'horizontal-bar',
      source: 'agg_project_outcomes',
      grain: 'beneficiary_group',
      metrics: ['beneficiaries'],
    },
    {
      id: 'projects',
      title: { zh: '项目明细', en: 'Projects' },
      chart: 'table',
      source: 'agg_project_outcomes',
      grain: 'project',
      sortable: true,
      downloadable: true,
      metrics: ['active_volunteers', 'service_records', 'service_hours', 'beneficiaries'],
    },
  ],
};

/** Government and enterprise purchase of services: delivery vs prorated targets. */
export const PURCHASE: PageDefinition = {
  id: 'purchase',
  title: { zh: '政府与企业购买服务', en: 'Purchased services' },
  description: { zh: '各合同交付与按期分摊目标对比', en: 'Delivery of each contract against its prorated targets' },
  panels: [
    {
      id: 'delivery',
      title: { zh: '合同服务时长与目标', en: 'Hours delivered vs target' },
      chart: 'bar',
      source: 'agg_purchase_delivery',
      grain: 'contract',
      metrics: ['service_hours', 'target_hours'],
    },
    {
      id: 'funders',
      title: { zh: '按购买方', en: 'By funder' },
      chart: 'horizontal-bar',
      source: 'agg_purchase_delivery',
      grain: 'funder',
      metrics: ['service_hours', 'volunteer_time_value_cny'],
    },
    {
      id: 'contracts',
      title: { zh: '合同明细', en: 'Contracts' },
      chart: 'table',
      source: 'agg_purchase_delivery',
      grain: 'contract',
      sortable: true,
      downloadable: true,
      metrics: [
        'service_hours',
        'target_hours',
        'hours_attainment',
        'budget_cny',
        'cost_per_hour',
        'volunteer_time_value_cny',
        'beneficiaries',
        'active_volunteers',
        'target_volunteers',
      ],
    },
  ],
};

/** Data quality: batches per district, rejection rate, top error codes, timeliness. */
export const QUALITY: PageDefinition = {
  id: 'quality',
  title: { zh: '数据质量', en: 'Data quality' },
  description: {
    zh: '各区上传批次、拒收率、主要错误与及时性',
    en: 'Batches, rejection rate, top errors and timeliness by district',
  },
  panels: [
    {
      id: 'batches',
      title: { zh: '各区上传批次与拒收率', en: 'Batches and rejection rate by district' },
      chart: 'bar',
      source: 'agg_data_quality',
      grain: 'district',
      metrics: ['batches', 'rejection_rate'],
    },
    {
      id: 'errors',
      title: { zh: '主要错误代码', en: 'Top error codes' },
      chart: 'horizontal-bar',
      source: 'agg_data_quality',
      grain: 'error_code',
      metrics: ['rejected'],
    },
    {
      id: 'timeliness',
      title: { zh: '及时性（入库天数中位数）', en: 'Timeliness (median days to ingest)' },
      chart: 'bar',
      source: 'agg_data_quality',
      grain: 'district',
      metrics: ['median_days_to_ingest'],
    },
    {
      id: 'districts',
      title: { zh: '各区明细', en: 'Districts' },
      chart: 'table',
      source: 'agg_data_quality',
      grain: 'district',
      sortable: true,
      downloadable: true,
      metrics: [
        'batches',
        'received',
        'accepted',
        'rejected',
        'rejection_rate',
        'duplicates',
        'corrections',
        'unknown_projects',
        'unlinked_volunteer_records',
        'median_days_to_ingest',
      ],
    },
  ],
};

/** Every page, in navigation order. */
export const PAGES: readonly PageDefinition[] = [OVERVIEW, PARTICIPATION, PROJECTS, PURCHASE, QUALITY];

/**
 * Looks a page up by id.
 *
 * @example
 * pageById('overview').title.zh; // '总览'
 */
export function pageById(id: PageId): PageDefinition {
  const page = PAGES.find((candidate) => candidate.id === id);
  if (page === undefined) throw new Error(`Unknown dashboard page "${id}"`);
  return page;
}
