/**
 * How each district's system exports its files: a fixed table so that every format, encoding,
 * header set and date style appears in every generated dataset whatever the seed.
 */
import type { FileStyle } from './model.ts';

/** Initial service-record batches, per district. */
export const SERVICE_RECORD_STYLES: Readonly<Record<string, FileStyle>> = {
  luohu: {
    format: 'csv',
    encoding: 'utf-8',
    bom: true,
    headers: 'zh',
    dates: 'slash',
    labels: 'zh',
    districtAs: 'zh',
    personal: true,
  },
  futian: { format: 'xlsx', headers: 'zh', dates: 'cell', labels: 'zh', districtAs: 'zh-short', personal: true },
  nanshan: {
    format: 'jsonl',
    headers: 'en',
    dates: 'iso',
    labels: 'code',
    districtAs: 'slug',
    personal: true,
    numbersAs: 'number',
  },
  baoan: { format: 'csv', encoding: 'gbk', headers: 'zh', dates: 'zh', labels: 'zh', districtAs: 'zh', personal: true },
  longgang: {
    format: 'csv',
    encoding: 'utf-8',
    headers: 'en',
    dates: 'iso',
    labels: 'code',
    districtAs: 'code',
    personal: false,
  },
  yantian: {
    format: 'csv',
    encoding: 'utf-8',
    delimiter: '\t',
    headers: 'zh-alt',
    dates: 'iso',
    labels: 'zh',
    districtAs: 'zh',
    personal: false,
  },
  longhua: {
    format: 'xlsx',
    headers: 'en',
    dates: 'iso',
    labels: 'code',
    districtAs: 'slug',
    personal: false,
    lowerCaseIds: true,
  },
  pingshan: {
    format: 'jsonl',
    headers: 'en',
    dates: 'slash',
    labels: 'zh',
    districtAs: 'zh',
    personal: false,
    numbersAs: 'string',
  },
  guangming: {
    format: 'csv',
    encoding: 'gbk',
    headers: 'zh-alt',
    dates: 'slash',
    labels: 'zh',
    districtAs: 'zh-short',
    personal: true,
  },
  dapeng: {
    format: 'csv',
    encoding: 'utf-8',
    bom: true,
    headers: 'en',
    dates: 'iso',
    labels: 'code',
    districtAs: 'slug',
    personal: false,
  },
  shenshan: { format: 'xlsx', headers: 'zh', dates: 'cell', labels: 'zh', districtAs: 'zh', personal: false },
};

/** Correction batches: a district may send corrections from another tool than its first export. */
export const CORRECTION_STYLES: readonly FileStyle[] = [
  { format: 'csv', encoding: 'utf-8', bom: true, headers: 'zh', dates: 'iso', labels: 'zh', districtAs: 'zh', personal: false },
  { format: 'jsonl', headers: 'en', dates: 'iso', labels: 'code', districtAs: 'slug', personal: false, numbersAs: 'number' },
  { format: 'xlsx', headers: 'zh', dates: 'cell', labels: 'zh', districtAs: 'zh', personal: false },
  { format: 'csv', encoding: 'gbk', headers: 'zh', dates: 'zh', labels: 'zh', districtAs: 'zh-short', personal: false },
];

/** Registrations: mostly plain CSV, one GBK and one XLSX. */
export function registrationStyle(district: string): FileStyle {
  if (district === 'baoan')
    return { format: 'csv', encoding: 'gbk', headers: 'en', dates: 'iso', labels: 'code', districtAs: 'slug', personal: false };
  if (district === 'futian')
    return { format: 'xlsx', headers: 'en', dates: 'cell', labels: 'code', districtAs: 'slug', personal: false };
  return { format: 'csv', encoding: 'utf-8', headers: 'en', dates: 'iso', labels: 'code', districtAs: 'slug', personal: false };
}

/** Federation reference data: CSV UTF-8 with BOM (edited in Excel by federation staff). */
export const REFERENCE_STYLE: FileStyle = {
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  headers: 'en',
  dates: 'iso',
  labels: 'code',
  districtAs: 'slug',
  personal: false,
};
