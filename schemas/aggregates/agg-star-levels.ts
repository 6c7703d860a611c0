import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { periodColumns } from './dimensions.ts';

/** Star-level distribution of volunteers at each period's end. */
export const aggStarLevels = defineTable(
  'agg_star_levels',
  '星级义工分布',
  'Star levels',
  z.object({
    ...periodColumns,
    district: col.string('区', 'Home district slug or all'),
    contract_id: col.string('合同编号', 'all, or a contract (stars of the volunteers who served it)'),
    star: col.int('星级', 'Star level 0–5'),
    volunteers: col.bigint('义工人数', 'Volunteers holding that star at the period end'),
  }),
  [],
);
