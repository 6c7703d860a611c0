import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { deliveryMeasures, periodColumns } from './dimensions.ts';

/** Project outcomes by period × project × district × beneficiary group. */
export const aggProjectOutcomes = defineTable(
  'agg_project_outcomes',
  '项目成效',
  'Project outcomes',
  z.object({
    ...periodColumns,
    project_code: col.string('项目编号', 'Project code'),
    category: col.string('服务类别', 'Service category code'),
    district: col.string('区', 'District slug or all'),
    beneficiary_group: col.string('受益群体', 'Beneficiary group code, none, or all'),
    ...deliveryMeasures,
  }),
  [],
);
