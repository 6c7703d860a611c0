import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { periodColumns } from './dimensions.ts';

/** Participation by period × district × street (city = district `all`). */
export const aggParticipation = defineTable(
  'agg_participation',
  '义工参与情况',
  'Participation',
  z.object({
    ...periodColumns,
    district: col.string('区', 'District slug or all'),
    street_code: col.string('街道代码', 'Street code or all'),
    active_volunteers: col.bigint('活跃义工数', 'Distinct volunteers with an approved record in the period and area'),
    new_volunteers: col.bigint('新增义工数', 'Active volunteers whose first approved service in the city falls in the period'),
    returning_volunteers: col.bigint('回流义工数', 'Active volunteers whose first approved service is before the period'),
    registered_volunteers: col.bigint(
      '注册义工数',
      'Distinct volunteers whose latest registration by the period end is in the area',
    ),
    service_records: col.bigint('服务记录数', 'Approved current service records'),
    service_hours: col.decimal(18, 2, '服务时长', 'Approved service hours'),
    beneficiaries: col.bigint('受益人次', 'Beneficiaries of approved records'),
    before_history_start: col.boolean(
      '早于可信起点',
      'True when the period starts before history_start (new/returning not trustworthy)',
    ),
  }),
  [],
);
