import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { deliveryMeasures } from './dimensions.ts';

/** Delivery of each purchase contract against its prorated targets. */
export const aggPurchaseDelivery = defineTable(
  'agg_purchase_delivery',
  '购买服务交付情况',
  'Purchase delivery',
  z.object({
    period_type: col.string('期间类型', 'month, quarter, year or contract'),
    period: col.string('期间', 'Period label, or the contract id span for contract'),
    contract_id: col.string('合同编号', 'Contract id'),
    funder: col.string('购买方', 'Funder'),
    funder_type: col.string('购买方类型', 'government or enterprise'),
    ...deliveryMeasures,
    target_hours: col.decimal(14, 2, '目标时长(按期折算)', 'Target hours prorated to the period'),
    target_beneficiaries: col.decimal(14, 2, '目标受益人次(按期折算)', 'Target beneficiaries prorated to the period'),
    budget_cny: col.decimal(16, 2, '预算(按期折算)', 'Budget prorated to the period (CNY)'),
    target_volunteers: col.int('目标义工人数', 'Target volunteers over the contract (not prorated)'),
    contract_volunteers_to_date: col.bigint('合同累计义工数', 'Distinct volunteers over the contract up to the period end'),
    hours_attainment: col.nullableDouble('时长达成率', 'service_hours ÷ prorated target_hours (NULL when the target is 0)'),
    cost_per_hour: col.nullableDecimal(14, 2, '每小时成本', 'Prorated budget ÷ service_hours (NULL when no hours)'),
    volunteer_time_value_cny: col.decimal(16, 2, '义工时间价值', 'service_hours × hourly wage basis (CNY)'),
  }),
  [],
);
