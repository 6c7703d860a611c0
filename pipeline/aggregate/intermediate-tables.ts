/**
 * The aggregation job's intermediate tables, each partitioned by month (`YYYY-MM`) and
 * recomputed only for the months its source dataset touched since the last run.
 */
import { z } from 'zod';
import { intVolunteerMonth } from '../../schemas/aggregates/int-volunteer-month.ts';
import { col, defineTable, type TableDef } from '../../schemas/contract.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import type { SqlName } from './sql-templates.ts';

/** Current registrations, reduced to what aggregation needs (internal to the job). */
export const intRegistrations = defineTable(
  'int_registrations',
  '当前义工注册(中间表)',
  'Current registrations intermediate',
  z.object({
    registration_key: col.string('注册标识', 'Natural key'),
    id_key: col.nullableString('身份证标识', 'ID number key'),
    number_key: col.nullableString('义工编号标识', 'Volunteer number key'),
    volunteer_key: col.string('义工标识', 'id_key ?? number_key'),
    district: col.string('区', 'District slug'),
    street_code: col.string('街道代码', 'Street code'),
    registered_on: col.date('注册日期', 'Registration date'),
    version: col.string('版本', 'Version'),
    month: col.string('月份', 'Partition month (YYYY-MM)'),
  }),
  ['month'],
);

/** Accepted service-record versions counted per batch, for data quality (internal to the job). */
export const intBatchRows = defineTable(
  'int_batch_rows',
  '批次入库行(中间表)',
  'Batch rows intermediate',
  z.object({
    batch_id: col.string('批次编号', 'Batch id'),
    district: col.string('区', 'District slug'),
    received_on: col.date('接收日期', 'Batch receipt date (UTC)'),
    days_to_ingest: col.bigint('入库天数', 'Days from service date to receipt'),
    project_code: col.string('项目编号', 'Project code'),
    number_key: col.nullableString('义工编号标识', 'Volunteer number key (NULL for ID numbers)'),
    version_rows: col.bigint('行数', 'Version rows'),
    month: col.string('月份', 'Service month partition (YYYY-MM)'),
  }),
  ['month'],
);

/** An intermediate table with the curated dataset it is computed from. */
export interface Intermediate {
  table: TableDef;
  sql: SqlName;
  source: DatasetName;
}

/** The intermediates in computation order. */
export const INTERMEDIATES: readonly Intermediate[] = [
  { table: intVolunteerMonth, sql: 'int_volunteer_month', source: 'service_records' },
  { table: intRegistrations, sql: 'int_registrations', source: 'registrations' },
  { table: intBatchRows, sql: 'int_batch_rows', source: 'service_records' },
];
