import { z } from 'zod';
import { col, defineTable } from '../contract.ts';

/** Data quality per batch and per district × month. */
export const aggDataQuality = defineTable(
  'agg_data_quality',
  '数据质量',
  'Data quality',
  z.object({
    grain: col.string('粒度', 'batch or district_month'),
    batch_id: col.string('批次编号', 'Batch id, or all'),
    district: col.string('区', 'District slug, city, or all'),
    period: col.string('期间', 'Month received (YYYY-MM), or all'),
    error_code: col.string('错误代码', 'Rejection rule code, or all'),
    received: col.bigint('接收行数', 'Rows received'),
    accepted: col.bigint('接受行数', 'Rows accepted'),
    rejected: col.bigint('拒绝行数', 'Rows rejected (with this code, when error_code is a code)'),
    duplicates: col.bigint('重复行数', 'Accepted rows identical to the current version'),
    corrections: col.bigint('更正行数', 'Accepted rows that changed an existing record'),
    unknown_projects: col.bigint('未登记项目记录数', 'Accepted records naming a project not in projects'),
    unlinked_volunteer_records: col.bigint(
      '未关联义工记录数',
      'Accepted records whose volunteer number is not linked to an ID number',
    ),
    median_days_to_ingest: col.nullableDouble('入库时效中位数(天)', 'Median days from service date to batch receipt'),
  }),
  [],
);
