import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { periodColumns } from './dimensions.ts';

/** What a funder report breaks down: each contract by district, street and beneficiary group. */
export const aggPurchaseBreakdown = defineTable(
  'agg_purchase_breakdown',
  '购买服务明细',
  'Purchase breakdown',
  z.object({
    period_type: col.string('期间类型', 'month, quarter, year or contract'),
    period: periodColumns.period,
    contract_id: col.string('合同编号', 'Contract id'),
    district: col.string('区', 'District slug or all'),
    street_code: col.string('街道代码', 'Street code or all'),
    beneficiary_group: col.string('受益群体', 'Beneficiary group code, none, or all'),
    records_total: col.bigint('记录总数', 'Current records (any status)'),
    records_approved: col.bigint('已审核记录数', 'Approved current records'),
    service_hours: col.decimal(18, 2, '服务时长', 'Approved service hours'),
    active_volunteers: col.bigint('活跃义工数', 'Distinct volunteers with an approved record'),
    beneficiaries: col.bigint('受益人次', 'Beneficiaries of approved records'),
  }),
  [],
);
