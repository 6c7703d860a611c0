import { z } from 'zod';
import { col, defineTable } from '../contract.ts';

/**
 * The aggregation job's intermediate table: current service records summed at
 * volunteer key × month × district × street × project × category × beneficiary group ×
 * contract × approved. Partitioned by month (`YYYY-MM`); only the months touched since the last
 * run are recomputed, and every aggregate table is rebuilt from it. `volunteer_key` is the
 * record's own key: numbers are resolved to persons through registrations when aggregating.
 */
export const intVolunteerMonth = defineTable(
  'int_volunteer_month',
  '义工月度汇总(中间表)',
  'Volunteer × month intermediate',
  z.object({
    volunteer_key: col.string('义工标识', 'Volunteer key of the records (not yet resolved to a person)'),
    id_kind: col.string('标识类型', 'id_number or volunteer_number'),
    district: col.string('区', 'District slug'),
    street_code: col.string('街道代码', 'Street code'),
    project_code: col.string('项目编号', 'Project code'),
    category: col.string('服务类别', 'Service category code'),
    beneficiary_group: col.string('受益群体', 'Beneficiary group code, or none'),
    contract_id: col.string('合同编号', 'Purchase contract id, or none'),
    approved: col.boolean('已审核', 'True: approved records; false: pending or not approved records'),
    records: col.bigint('记录数', 'Current records'),
    hours: col.decimal(18, 2, '服务时长', 'Hours'),
    beneficiaries: col.bigint('受益人次', 'Beneficiaries'),
    first_service_date: col.date('最早服务日期', 'Earliest service date of these records'),
    last_service_date: col.date('最近服务日期', 'Latest service date of these records'),
    month: col.string('月份', 'Service month partition (YYYY-MM)'),
  }),
  ['month'],
);
