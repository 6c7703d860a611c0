/**
 * Shapes of generated sample data: canonical rows (English keys, codes, ISO dates, every value a
 * string, '' for empty), the presentation of each file, and ground truth for tests.
 */

export type DatasetName = 'service_records' | 'registrations' | 'projects' | 'contracts';

/** A service record as generated, before a file style presents it (labels, dates, headers). */
export interface ServiceRecordRow {
  record_id: string;
  /** District slug (a bad row may name another district). */
  district: string;
  street_code: string;
  community: string;
  volunteer_id: string;
  project_code: string;
  category: string;
  /** ISO date when valid; bad rows hold the raw text. */
  service_date: string;
  start_time: string;
  end_time: string;
  hours: string;
  beneficiaries: string;
  beneficiary_group: string;
  funding: string;
  contract_id: string;
  status: string;
  /** Personal columns a district system exports; ingest must drop them. */
  name: string;
  phone: string;
}

export interface RegistrationRow {
  volunteer_number: string;
  id_number: string;
  district: string;
  street_code: string;
  registered_on: string;
}

export interface ProjectRow {
  project_code: string;
  name_zh: string;
  name_en: string;
  category: string;
  district: string;
  start_date: string;
  end_date: string;
}

export interface ContractRow {
  contract_id: string;
  funder: string;
  funder_type: string;
  start_date: string;
  end_date: string;
  budget_cny: string;
  target_hours: string;
  target_volunteers: string;
  target_beneficiaries: string;
}

export interface RowsByDataset {
  service_records: ServiceRecordRow;
  registrations: RegistrationRow;
  projects: ProjectRow;
  contracts: ContractRow;
}

/** How a file presents its rows. */
export interface FileStyle {
  format: 'csv' | 'xlsx' | 'jsonl';
  /** CSV only. */
  encoding?: 'utf-8' | 'gbk';
  /** CSV UTF-8 only: start with a byte order mark. */
  bom?: boolean;
  /** CSV only. Default comma. */
  delimiter?: ',' | '\t';
  /** Header set: English keys, the main Chinese headers, or the alternative Chinese aliases. */
  headers: 'en' | 'zh' | 'zh-alt';
  /** Dates: `2024-03-05`, `2024/3/5`, `2024年3月5日`, or (XLSX) real date cells. */
  dates: 'iso' | 'slash' | 'zh' | 'cell';
  /** Category, group, funding and status as codes or Chinese labels. */
  labels: 'code' | 'zh';
  /** District column as slug, official code (zh for areas without one), Chinese name, or name without suffix. */
  districtAs: 'slug' | 'code' | 'zh' | 'zh-short';
  /** Include the personal columns 姓名 and 手机 (name, phone in JSON Lines). */
  personal: boolean;
  /** JSON Lines: numeric fields as numbers or numeric strings. */
  numbersAs?: 'number' | 'string';
  /** Volunteer numbers and ID check characters written in lower case (matched case-insensitively). */
  lowerCaseIds?: boolean;
}

export type BatchPhase = 'reference' | 'registrations' | 'initial' | 'correction';

/** One file's worth of rows. */
export interface GeneratedBatch<D extends DatasetName = DatasetName> {
  /** ASCII file stem, e.g. `service_records-futian-initial`. */
  name: string;
  dataset: D;
  /** District slug, or `city` for federation-level datasets. */
  district: string;
  phase: BatchPhase;
  style: FileStyle;
  rows: RowsByDataset[D][];
}

/** Every kind of bad service record the generator makes; each bad row carries exactly one. */
export const BAD_ROW_KINDS = [
  'id_checksum',
  'id_birth_date',
  'volunteer_number_invalid',
  'bad_date',
  'date_too_early',
  'future_date',
  'end_before_start',
  'bad_time',
  'hours_out_of_range',
  'hours_precision',
  'hours_mismatch',
  'hours_missing',
  'unknown_category',
  'wrong_district',
  'unknown_street',
  'foreign_street',
  'contract_missing',
  'contract_unknown',
  'contract_wrong_type',
  'date_outside_contract',
  'contract_on_self_funded',
  'duplicate_in_file',
  'community_too_long',
  'bad_record_id',
  'bad_beneficiaries',
] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];

/** A row made bad on purpose. */
export interface BadRowTruth {
  /** Batch name (file stem). */
  batch: string;
  district: string;
  /** 0-based index among the batch's data rows (spreadsheet row = index + 2, JSON Lines line = index + 1). */
  index: number;
  record_id: string;
  kind: BadRowKind;
  /** The contract column at fault. */
  column: keyof ServiceRecordRow;
}

export type CorrectionKind = 'changed' | 'moved_month' | 'unchanged' | 'withdrawn' | 'approved';

/** A row of a correction batch and what it does to the earlier version. */
export interface CorrectionTruth {
  batch: string;
  district: string;
  record_id: string;
  kind: CorrectionKind;
  /** `YYYY-MM` of the earlier version and of the correction. */
  from_month: string;
  to_month: string;
}

export interface GenerateOptions {
  /** Last day of history, `YYYY-MM-DD` (Asia/Shanghai today by default in the CLI). */
  asOf: string;
  seed: number;
  /** Service record rows in the initial batches (bad rows included). Default 20,000. */
  records?: number;
  /** Share of those rows made bad on purpose. Default 0.02. */
  badRowShare?: number;
  /** Months of history. Default 24. */
  months?: number;
}

export interface GeneratedDataset {
  options: Required<GenerateOptions>;
  /** Batches in ingest order: reference data, registrations, service records, corrections. */
  batches: GeneratedBatch[];
  truth: {
    volunteers: number;
    /** Volunteers known by ID number in one district and by volunteer number in another. */
    linkedVolunteers: number;
    badRows: BadRowTruth[];
    corrections: CorrectionTruth[];
  };
}
