/**
 * What every dataset of the contract provides: its input columns with accepted headers,
 * row validation with coded bilingual issues, and the lake table its records land in.
 */
import type { z } from 'zod';
import type { TableDef } from './contract.ts';
import { describeError, isRowErrorCode, type RowErrorCode } from './messages.ts';
import { isoDay } from './rules/dates.ts';

export type DatasetName = 'service_records' | 'registrations' | 'projects' | 'contracts';

/** One input column: its English key and the headers accepted for it. */
export interface InputColumn {
  key: string;
  /** Accepted header names besides the key itself (Chinese headers, variants). */
  aliases: readonly string[];
  /** `true` required; `'conditional'` required under a rule given in the description. */
  required: boolean | 'conditional';
  zh: string;
  en: string;
  /** JSON Lines may carry this column as a number as well as a string. */
  numeric?: boolean;
}

/** A contract a purchased service record must name (what validation needs of it). */
export interface ContractRef {
  contract_id: string;
  funder_type: 'government' | 'enterprise';
  start_date: string;
  end_date: string;
}

/** Facts a row is validated against. */
export interface RowContext {
  /** The batch's district slug (`city` for federation-level datasets). */
  district: string;
  /** Ingestion day in Asia/Shanghai, `YYYY-MM-DD`. */
  today: string;
  /** Loaded contracts by id (service records only). */
  contracts?: ReadonlyMap<string, ContractRef>;
}

/** One failing rule of a row. */
export interface RowIssue {
  column: string;
  code: RowErrorCode;
  /** The offending cell as received (before masking); undefined when empty. */
  value: string | undefined;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; issues: RowIssue[] };

/** A cell after reading: text, or nothing. */
export type Cell = string | undefined;
/** A row keyed by input column key. */
export type RawRow = Record<string, Cell>;

/** Header mapping of a file. */
export interface HeaderMapping {
  /** For each header position, the input key it maps to (undefined = ignored). */
  keys: (string | undefined)[];
  /** Headers that map to no column (ignored, reported once as a warning). */
  unknown: string[];
  /** Personal columns recognised and dropped (姓名, 手机 …). */
  personal: string[];
  /** Required columns absent from the header. */
  missing: string[];
}

/** Headers of personal columns that are dropped on sight and never stored. */
export const PERSONAL_HEADERS: readonly string[] = [
  '姓名',
  '名字',
  'name',
  'full_name',
  '手机',
  '手机号',
  '手机号码',
  '电话',
  '联系电话',
  'phone',
  'mobile',
  '住址',
  '地址',
  'address',
  '邮箱',
  'email',
];

/** One dataset of the contract. */
export interface Dataset<T> {
  name: DatasetName;
  zh: string;
  en: string;
  /** `district`: uploaded per district; `city`: federation-level reference data. */
  scope: 'district' | 'city';
  columns: readonly InputColumn[];
  /** The lake table its accepted (pseudonymised) records are stored in. */
  table: TableDef;
  /** Validates and normalises one row; issues are coded and name their column. */
  validate(row: RawRow, ctx: RowContext): RowResult<T>;
  /** The natural key of a validated record within its district (e.g. record_id). */
  naturalKey(value: T): string;
  /** zod schema of one input row, for the JSON Schema handed to district IT. */
  inputSchema: z.ZodObject;
}

function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/**
 * Maps a file's header row to input keys (English keys or Chinese aliases, any order).
 *
 * @example
 * mapHeaders(dataset.columns, ['记录编号', '姓名']).keys; // ['record_id', undefined]
 */
export function mapHeaders(columns: readonly InputColumn[], headers: readonly string[]): HeaderMapping {
  const lookup = new Map<string, string>();
  for (const c of columns) {
    lookup.set(normaliseHeader(c.key), c.key);
    for (const a of c.aliases) lookup.set(normaliseHeader(a), c.key);
  }
  const personal = new Set(PERSONAL_HEADERS.map(normaliseHeader));
  const result: HeaderMapping = { keys: [], unknown: [], personal: [], missing: [] };
  const seen = new Set<string>();
  for (const raw of headers) {
    const h = normaliseHeader(raw ?? '');
    const key = lookup.get(h);
    if (key && !seen.has(key)) {
      result.keys.push(key);
      seen.add(key);
    } else {
      result.keys.push(undefined);
      if (personal.has(h)) result.personal.push(raw);
      else if (h !== '') result.unknown.push(raw);
    }
  }
  for (const c of columns) if (c.required === true && !seen.has(c.key)) result.missing.push(c.key);
  return result;
}

/**
 * Turns a cell as a reader delivers it (string, number, Date, boolean, null) into text:
 * trimmed, empty → undefined, Date → `YYYY-MM-DD` (spreadsheet date cells).
 *
 * @example
 * cellText(' 2.5 '); // '2.5'
 */
export function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoDay(value);
  const text = (typeof value === 'string' ? value : String(value)).trim();
  return text === '' ? undefined : text;
}

/**
 * Converts zod issues into coded row issues. Every issue message produced by the contract's
 * schemas is an error code; anything else is a bug and is thrown.
 */
export function toRowIssues(error: z.ZodError, row: RawRow): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const issue of error.issues) {
    const column = String(issue.path[0] ?? '');
    const code = issue.message;
    if (!isRowErrorCode(code)) throw new Error(`schema produced an uncoded issue on ${column}: ${code}`);
    issues.push({ column, code, value: row[column] });
  }
  return issues;
}

/** Message pair for an issue, for reports and error files. */
export function issueMessages(issue: RowIssue): { zh: string; en: string } {
  return describeError(issue.code);
}

/**
 * zod error option mapping a missing value to `REQUIRED` and anything else to `code`.
 *
 * @example
 * z.string(coded('RECORD_ID_FORMAT'));
 */
export function coded(code: RowErrorCode): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'REQUIRED' : code) };
}

/**
 * Runs a dataset's zod row schema and converts the outcome into a {@link RowResult}.
 */
export function runRowSchema<T>(schema: z.ZodType<T>, row: RawRow): RowResult<T> {
  const result = schema.safeParse(row);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: toRowIssues(result.error, row) };
}

/** Adds a coded issue on a column from inside a refinement. */
export function addIssue(ctx: z.RefinementCtx, column: string, code: RowErrorCode): void {
  ctx.addIssue({ code: 'custom', path: [column], message: code });
}

/** Columns that failed a field rule already (cross-field rules skip them). */
export function failedColumns(ctx: z.RefinementCtx): Set<string> {
  const issues = (ctx as unknown as { issues?: { path: PropertyKey[] }[] }).issues ?? [];
  return new Set(issues.map((i) => String(i.path[0])));
}
