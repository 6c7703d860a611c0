/**
 * Errors of the upload API: an HTTP status and a bilingual body `{ code, message_zh, message_en }`.
 * Codes are stable (the CLI and district tools may branch on them).
 */
import { FILE_ERRORS } from '../../schemas/messages.ts';

/** Every error the upload API answers with, by code. */
export const UPLOAD_API_ERRORS = {
  UNAUTHORIZED: { status: 401, zh: '未提供有效的身份令牌', en: 'a valid bearer token is required' },
  TOKEN_EXPIRED: { status: 401, zh: '身份令牌已过期,请重新获取', en: 'the token has expired; get a new one' },
  DISTRICT_FORBIDDEN: { status: 403, ...FILE_ERRORS.DISTRICT_FORBIDDEN },
  CITY_DATASET_FORBIDDEN: {
    status: 403,
    zh: '该数据集由市义工联统一上传',
    en: 'only federation (city) staff may upload this dataset',
  },
  BATCH_FORBIDDEN: { status: 403, zh: '无权查看其他区的批次', en: "another district's batch is not visible to you" },
  BATCH_NOT_FOUND: { status: 404, zh: '批次不存在', en: 'no batch has this id' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'no such route' },
  BAD_REQUEST: { status: 400, zh: '请求内容无效', en: 'the request body is not valid' },
  DATASET_UNKNOWN: {
    status: 400,
    zh: '未知的数据集(应为 service_records、registrations、projects 或 contracts)',
    en: 'unknown dataset (use service_records, registrations, projects or contracts)',
  },
  DISTRICT_UNKNOWN: { status: 400, zh: '无法识别的区', en: 'unknown district' },
  DISTRICT_REQUIRED: {
    status: 400,
    zh: '市义工联上传区级数据时须指定所属区',
    en: 'a city caller must name the district of a per-district dataset',
  },
  FILE_NAME_INVALID: {
    status: 400,
    zh: '文件名无效(须为 .csv、.tsv、.txt、.xlsx、.jsonl 或 .ndjson 文件)',
    en: 'invalid file name (use a .csv, .tsv, .txt, .xlsx, .jsonl or .ndjson file)',
  },
  FILE_TOO_LARGE: { status: 413, ...FILE_ERRORS.FILE_TOO_LARGE },
  UPLOAD_LINK_INVALID: { status: 403, zh: '上传链接无效或已过期', en: 'the upload link is invalid or has expired' },
  UPLOAD_ALREADY_RECEIVED: { status: 409, zh: '该批次已收到文件', en: 'this batch has already received its file' },
  INTERNAL_ERROR: { status: 500, zh: '服务内部错误,请稍后再试', en: 'internal error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type UploadApiErrorCode = keyof typeof UPLOAD_API_ERRORS;

/** The JSON body of every error answer. */
export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
}

/**
 * An error the API answers with its status and bilingual body. `detail` (English, no personal
 * data) is appended to both messages when given.
 *
 * @example
 * throw new ApiError('BATCH_NOT_FOUND');
 */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: UploadApiErrorCode,
    readonly detail?: string,
  ) {
    super(detail === undefined ? UPLOAD_API_ERRORS[code].en : `${UPLOAD_API_ERRORS[code].en}: ${detail}`);
    this.name = 'ApiError';
    this.status = UPLOAD_API_ERRORS[code].status;
  }

  /** The bilingual response body. */
  get body(): ApiErrorBody {
    const entry = UPLOAD_API_ERRORS[this.code];
    const suffix = this.detail === undefined ? '' : `: ${this.detail}`;
    return { code: this.code, message_zh: `${entry.zh}${suffix}`, message_en: `${entry.en}${suffix}` };
  }
}
