/**
 * The batch's error report, `errors.csv`: one line per failing rule of a rejected row, UTF-8
 * with BOM (so Excel shows Chinese), columns file,row,column,value,code,message_zh,message_en.
 *
 * Every value written is first masked: anything shaped like an ID number keeps its first 4
 * and last 2 characters (`440304**********3X`), anything shaped like a mainland mobile number
 * its first 3 and last 2 (`138******78`); then cells starting with `=`, `+`, `-`, `@`, tab or
 * CR are prefixed with `'` so a spreadsheet never runs them as formulas.
 */
import { describeError, type ErrorCode } from '../../schemas/messages.ts';

/** Columns of errors.csv, in order. */
export const ERROR_REPORT_COLUMNS = ['file', 'row', 'column', 'value', 'code', 'message_zh', 'message_en'] as const;

/** UTF-8 byte order mark. */
export const BOM = '\uFEFF';

const ID_NUMBER_RUN = /(?<![0-9])(\d{6})(\d{8})(\d{2})(\d)([0-9Xx])(?![0-9A-Za-z])|(?<![0-9])\d{15}(?![0-9])/g;
const MOBILE_RUN = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

/**
 * Masks ID-number-shaped and mobile-number-shaped runs inside a value.
 *
 * @example
 * maskPersonal('44030419900101001X'); // '4403************1X'
 * maskPersonal('tel 13812345678');      // 'tel 138******78'
 */
export function maskPersonal(value: string): string {
  return value
    .replace(ID_NUMBER_RUN, (run) => `${run.slice(0, 4)}${'*'.repeat(run.length - 6)}${run.slice(-2)}`)
    .replace(MOBILE_RUN, (run) => `${run.slice(0, 3)}${'*'.repeat(6)}${run.slice(-2)}`);
}

/**
 * Prefixes a cell that a spreadsheet would treat as a formula with `'`.
 *
 * @example
 * guardFormula('=1+1'); // "'=1+1"
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quotes a CSV field when it holds a delimiter, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A report cell: masked, guarded, quoted. */
export function reportCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  return csvField(guardFormula(maskPersonal(String(value))));
}

/** One line of the report. */
export interface ErrorLine {
  file: string;
  row: number;
  column: string;
  value: string | undefined;
  code: ErrorCode;
}

/**
 * A report line as CSV text (with the trailing newline).
 *
 * @example
 * errorLineCsv({ file: 'a.csv', row: 3, column: 'hours', value: '25', code: 'HOURS_RANGE' });
 * // 'a.csv,3,hours,25,HOURS_RANGE,服务时长须大于0且不超过24小时,hours must be greater than 0 and at most 24\r\n'
 */
export function errorLineCsv(line: ErrorLine): string {
  const { zh, en } = describeError(line.code);
  return `${[line.file, line.row, line.column, line.value, line.code, zh, en].map(reportCell).join(',')}\r\n`;
}

/** The header line of the report, BOM included. */
export function errorReportHeader(): string {
  return `${BOM}${ERROR_REPORT_COLUMNS.join(',')}\r\n`;
}

/**
 * Key of a batch's report in the rejects store.
 *
 * @example
 * errorsReportKey('service_records', 'futian', 'b1'); // 'rejects/service_records/district=futian/batch=b1/errors.csv'
 */
export function errorsReportKey(dataset: string, district: string, batchId: string): string {
  return `rejects/${dataset}/district=${district}/batch=${batchId}/errors.csv`;
}

/** Key of one chunk's part of the report, combined into errors.csv when the batch ends. */
export function errorsPartKey(dataset: string, district: string, batchId: string, chunk: number): string {
  return `rejects/${dataset}/district=${district}/batch=${batchId}/parts/${String(chunk).padStart(4, '0')}.csv`;
}

/** Prefix of a batch's report parts. */
export function errorsPartsPrefix(dataset: string, district: string, batchId: string): string {
  return `rejects/${dataset}/district=${district}/batch=${batchId}/parts/`;
}
