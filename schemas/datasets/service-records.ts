/**
 * `service_records`: one row per volunteer service session, uploaded per district.
 * This file is the single source of truth for the dataset: headers, rules, lake columns.
 */
import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import {
  addIssue,
  type Dataset,
  failedColumns,
  type InputColumn,
  type RawRow,
  type RowContext,
  runRowSchema,
} from '../dataset.ts';
import { resolveBeneficiaryGroup, resolveCategory } from '../reference/index.ts';
import {
  CONTRACT_ID,
  type Funding,
  funderTypeOf,
  PROJECT_CODE,
  RECORD_ID,
  resolveFunding,
  resolveStatus,
  type Status,
} from '../rules/codes.ts';
import { formatClock } from '../rules/dates.ts';
import { round2 } from '../rules/numbers.ts';
import {
  checkStreet,
  clockField,
  countField,
  dateField,
  districtField,
  hoursField,
  lookup,
  requiredText,
  streetCodeField,
  volunteerIdField,
} from './fields.ts';
import { inputSchemaOf, perContext } from './input-schema.ts';
import { districtPartitions, lineageColumns } from './lineage.ts';
import { acceptServiceRecord } from './service-records-accept.ts';

/** Input columns with the headers districts may use. */
export const SERVICE_RECORD_COLUMNS: readonly InputColumn[] = [
  {
    key: 'record_id',
    aliases: ['记录编号', '记录ID', '服务记录编号'],
    required: true,
    zh: '记录编号',
    en: 'Record id within the district',
  },
  {
    key: 'district',
    aliases: ['所属区', '区', '区域'],
    required: true,
    zh: '所属区',
    en: 'District: slug, official code or Chinese name',
  },
  { key: 'street_code', aliases: ['街道代码', '街道编码'], required: true, zh: '街道代码', en: '9-digit street code' },
  { key: 'community', aliases: ['社区'], required: false, zh: '社区', en: 'Community (free text, ≤ 64 characters)' },
  {
    key: 'volunteer_id',
    aliases: ['义工编号', '身份证号', '身份证号码', '证件号码', '证件号', '义工证号', '义工证件号'],
    required: true,
    zh: '义工编号或身份证号',
    en: 'Volunteer number (6–32 letters/digits) or 18-character ID number',
  },
  { key: 'project_code', aliases: ['项目编号', '项目代码'], required: true, zh: '项目编号', en: 'Project code' },
  {
    key: 'category',
    aliases: ['服务类别', '服务类型'],
    required: true,
    zh: '服务类别',
    en: 'Service category code or Chinese label',
  },
  { key: 'service_date', aliases: ['服务日期'], required: true, zh: '服务日期', en: 'Service date' },
  { key: 'start_time', aliases: ['开始时间', '服务开始时间'], required: false, zh: '开始时间', en: 'Start time HH:MM' },
  { key: 'end_time', aliases: ['结束时间', '服务结束时间'], required: false, zh: '结束时间', en: 'End time HH:MM' },
  {
    key: 'hours',
    aliases: ['服务时长', '服务时长(小时)', '时长', '服务时数'],
    required: 'conditional',
    zh: '服务时长(小时),有开始和结束时间时可不填',
    en: 'Hours (0 < h ≤ 24, 2 decimals); may be omitted when start and end times are given',
    numeric: true,
  },
  {
    key: 'beneficiaries',
    aliases: ['受益人数', '服务人次'],
    required: false,
    zh: '受益人数',
    en: 'Beneficiaries (0–100000)',
    numeric: true,
  },
  {
    key: 'beneficiary_group',
    aliases: ['受益群体', '服务对象', '受益对象'],
    required: false,
    zh: '受益群体',
    en: 'Beneficiary group code or label',
  },
  {
    key: 'funding',
    aliases: ['经费来源', '资金来源'],
    required: false,
    zh: '经费来源',
    en: 'government_purchase, enterprise_purchase or self_funded',
  },
  {
    key: 'contract_id',
    aliases: ['合同编号', '购买合同编号'],
    required: 'conditional',
    zh: '购买合同编号(购买服务时必填)',
    en: 'Purchase contract id (required for purchased services)',
  },
  { key: 'status', aliases: ['审核状态', '状态'], required: false, zh: '审核状态', en: 'approved, pending or not_approved' },
];

/** The lake table of every version of every service record. */
export const serviceRecordsVersionsTable = defineTable(
  'service_records_versions',
  '服务记录(全部版本)',
  'Service records, every version',
  z.object({
    record_id: col.string('记录编号', 'Record id within the district'),
    street_code: col.string('街道代码', 'Street code'),
    community: col.nullableString('社区', 'Community'),
    volunteer_key: col.string('义工标识', 'HMAC-SHA256 pseudonym of the volunteer id'),
    id_kind: col.string('标识类型', 'id_number or volunteer_number'),
    sex: col.nullableString('性别', 'M or F (from an ID number)'),
    age_band: col.nullableString('年龄段', 'Age band at the service date (from an ID number)'),
    project_code: col.string('项目编号', 'Project code'),
    category: col.string('服务类别', 'Service category code'),
    service_date: col.date('服务日期', 'Service date'),
    start_time: col.nullableString('开始时间', 'Start time HH:MM'),
    end_time: col.nullableString('结束时间', 'End time HH:MM'),
    hours: col.decimal(5, 2, '服务时长', 'Hours'),
    beneficiaries: col.int('受益人数', 'Beneficiaries'),
    beneficiary_group: col.nullableString('受益群体', 'Beneficiary group code'),
    funding: col.string('经费来源', 'Funding'),
    contract_id: col.nullableString('合同编号', 'Purchase contract id'),
    status: col.string('审核状态', 'approved, pending or not_approved'),
    ...lineageColumns,
    ...districtPartitions,
  }),
  ['year', 'month', 'district'],
);

/** A validated service record, before pseudonymisation (still holds the volunteer id). */
export interface ServiceRecordInput {
  record_id: string;
  district: string;
  street_code: string;
  community: string | null;
  /** Trimmed, upper-cased volunteer id: the HMAC input, a string of its own (see `VolunteerIdentity`). Never stored. */
  volunteer_id: string;
  id_kind: 'id_number' | 'volunteer_number';
  /** From an ID number; never stored (only the age band is). */
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  project_code: string;
  category: string;
  service_date: string;
  start_time: string | null;
  end_time: string | null;
  hours: number;
  beneficiaries: number;
  beneficiary_group: string | null;
  funding: Funding;
  contract_id: string | null;
  status: Status;
}

/**
 * The zod schema of one service-record row for a batch context. Field rules run per cell;
 * cross-field rules (district of the batch, street of the district, times vs hours,
 * contracts) run on the fields that passed their own rules, so every failing rule of a row
 * is reported at once.
 */
export function serviceRecordRowSchema(ctx: RowContext) {
  return z
    .object({
      record_id: requiredText('RECORD_ID_FORMAT').regex(RECORD_ID, { error: 'RECORD_ID_FORMAT' }),
      district: districtField(),
      street_code: streetCodeField(),
      community: z.string().max(64, { error: 'COMMUNITY_TOO_LONG' }).optional(),
      volunteer_id: volunteerIdField(ctx.today),
      project_code: requiredText('PROJECT_CODE_FORMAT').regex(PROJECT_CODE, { error: 'PROJECT_CODE_FORMAT' }),
      category: requiredText('CATEGORY_UNKNOWN').transform(lookup('CATEGORY_UNKNOWN', (v) => resolveCategory(v)?.code)),
      service_date: dateField(ctx.today),
      start_time: clockField(),
      end_time: clockField(),
      hours: hoursField(),
      beneficiaries: countField('BENEFICIARIES_FORMAT', 100_000).optional(),
      beneficiary_group: z
        .string()
        .transform(lookup('BENEFICIARY_GROUP_UNKNOWN', (v) => resolveBeneficiaryGroup(v)?.code))
        .optional(),
      funding: z.string().transform(lookup('FUNDING_UNKNOWN', resolveFunding)).optional(),
      contract_id: z.string().regex(CONTRACT_ID, { error: 'CONTRACT_ID_FORMAT' }).optional(),
      status: z.string().transform(lookup('STATUS_UNKNOWN', resolveStatus)).optional(),
    })
    .superRefine(
      (row, refine) => {
        const failed = failedColumns(refine);
        const ok = (...columns: string[]) => columns.every((c) => !failed.has(c));
        if (ok('district') && row.district !== ctx.district) addIssue(refine, 'district', 'DISTRICT_MISMATCH');
        if (ok('street_code', 'district')) checkStreet(refine, row.street_code, row.district);
        const timesOk = ok('start_time', 'end_time') && row.start_time !== undefined && row.end_time !== undefined;
        if (timesOk && row.end_time! <= row.start_time!) addIssue(refine, 'end_time', 'TIME_ORDER');
        if (ok('hours') && row.hours === undefined && !(row.start_time !== undefined && row.end_time !== undefined))
          addIssue(refine, 'hours', 'REQUIRED');
        if (timesOk && ok('hours') && row.hours !== undefined && row.end_time! > row.start_time!) {
          const fromTimes = (row.end_time! - row.start_time!) / 60;
          if (Math.abs(fromTimes - row.hours) > 0.25 + 1e-9) addIssue(refine, 'hours', 'HOURS_MISMATCH');
        }
        if (!ok('funding', 'contract_id')) return;
        const funding = row.funding ?? 'self_funded';
        const needed = funderTypeOf(funding);
        if (needed === undefined) {
          if (row.contract_id !== undefined) addIssue(refine, 'contract_id', 'CONTRACT_NOT_EXPECTED');
          return;
        }
        if (row.contract_id === undefined) {
          addIssue(refine, 'contract_id', 'CONTRACT_REQUIRED');
          return;
        }
        const contract = ctx.contracts?.get(row.contract_id);
        if (!contract) addIssue(refine, 'contract_id', 'CONTRACT_UNKNOWN');
        else if (contract.funder_type !== needed) addIssue(refine, 'contract_id', 'CONTRACT_FUNDER_MISMATCH');
        else if (ok('service_date') && (row.service_date < contract.start_date || row.service_date > contract.end_date))
          addIssue(refine, 'contract_id', 'CONTRACT_PERIOD');
      },
      { when: () => true },
    )
    .transform((row): ServiceRecordInput => {
      // hours is present, or both times are (the refinement guarantees one of the two).
      const hours = row.hours ?? round2((row.end_time! - row.start_time!) / 60);
      return {
        record_id: row.record_id,
        district: row.district,
        street_code: row.street_code,
        community: row.community ?? null,
        ...row.volunteer_id,
        project_code: row.project_code,
        category: row.category,
        service_date: row.service_date,
        start_time: row.start_time !== undefined ? formatClock(row.start_time) : null,
        end_time: row.end_time !== undefined ? formatClock(row.end_time) : null,
        hours,
        beneficiaries: row.beneficiaries ?? 0,
        beneficiary_group: row.beneficiary_group ?? null,
        funding: row.funding ?? 'self_funded',
        contract_id: row.contract_id ?? null,
        status: row.status ?? 'approved',
      };
    });
}

/** The service_records dataset. */
export const serviceRecords: Dataset<ServiceRecordInput> = {
  name: 'service_records',
  zh: '服务记录',
  en: 'Service records',
  scope: 'district',
  columns: SERVICE_RECORD_COLUMNS,
  table: serviceRecordsVersionsTable,
  inputSchema: inputSchemaOf(SERVICE_RECORD_COLUMNS),
  /**
   * Validates a row: the fast path ({@link acceptServiceRecord}) accepts a row where every
   * rule passes, and the zod schema decides every rejection (and anything the fast path
   * leaves to it), so issues are always zod's.
   */
  validate(row: RawRow, ctx: RowContext) {
    const value = acceptServiceRecord(row, ctx);
    return value ? { ok: true, value } : runRowSchema(schemaFor(ctx), row);
  },
  naturalKey: (value) => value.record_id,
};

const schemaFor = perContext(serviceRecordRowSchema);
