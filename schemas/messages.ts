/**
 * Error catalogue: every rule of the data contract has a stable code and a Chinese and
 * English message. Codes are part of the contract with districts (they appear in
 * `errors.csv`) and with the data-quality tables: never rename one.
 */

/** Row-level rule codes. */
export const ROW_ERRORS = {
  REQUIRED: { zh: '必填项为空', en: 'a required value is missing' },
  RECORD_ID_FORMAT: { zh: '记录编号须为1–64位字母、数字、下划线或连字符', en: 'record_id must be 1–64 of A-Z a-z 0-9 _ -' },
  DUPLICATE_IN_FILE: {
    zh: '同一文件中记录编号重复,以首次出现的行为准',
    en: 'record_id repeats an earlier row of this file; the first row is kept',
  },
  DISTRICT_UNKNOWN: {
    zh: '无法识别的区(请填写区名、区代码或拼音简称)',
    en: 'unknown district (use its name, official code or slug)',
  },
  DISTRICT_MISMATCH: { zh: '所属区与本批次上传的区不一致', en: "district differs from the batch's district" },
  STREET_CODE_FORMAT: { zh: '街道代码须为9位数字', en: 'street_code must be 9 digits' },
  STREET_UNKNOWN: { zh: '街道代码不存在', en: 'no street has this code' },
  STREET_NOT_IN_DISTRICT: { zh: '该街道不属于所属区', en: 'the street does not belong to the district' },
  COMMUNITY_TOO_LONG: { zh: '社区名称不能超过64个字符', en: 'community must be at most 64 characters' },
  ID_NUMBER_CHECKSUM: { zh: '身份证号码校验位错误', en: 'ID number fails its ISO 7064 MOD 11-2 check digit' },
  ID_NUMBER_BIRTH_DATE: { zh: '身份证号码中的出生日期无效', en: 'ID number holds an impossible birth date' },
  VOLUNTEER_NUMBER_FORMAT: {
    zh: '义工编号须为6–32位字母或数字,或18位身份证号码',
    en: 'volunteer_id must be an 18-character ID number or a volunteer number of 6–32 letters/digits',
  },
  PROJECT_CODE_FORMAT: { zh: '项目编号须为1–32位字母、数字、下划线或连字符', en: 'project_code must be 1–32 of A-Z a-z 0-9 _ -' },
  CATEGORY_UNKNOWN: { zh: '无法识别的服务类别', en: 'unknown service category' },
  DATE_FORMAT: {
    zh: '日期格式无效(应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日)',
    en: 'invalid date (use YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)',
  },
  DATE_IN_FUTURE: { zh: '服务日期晚于上传当日', en: 'service_date is after the day of ingestion' },
  DATE_TOO_EARLY: { zh: '日期早于1990-01-01', en: 'date is before 1990-01-01' },
  TIME_FORMAT: { zh: '时间格式无效(应为 HH:MM)', en: 'invalid time (use HH:MM)' },
  TIME_ORDER: { zh: '结束时间须晚于开始时间(同一天内)', en: 'end_time must be after start_time on the same day' },
  HOURS_FORMAT: { zh: '服务时长须为数字,最多两位小数', en: 'hours must be a number with at most 2 decimals' },
  HOURS_RANGE: { zh: '服务时长须大于0且不超过24小时', en: 'hours must be greater than 0 and at most 24' },
  HOURS_MISMATCH: {
    zh: '服务时长与开始、结束时间相差超过0.25小时',
    en: 'hours differ from end_time − start_time by more than 0.25 h',
  },
  BENEFICIARIES_FORMAT: { zh: '受益人数须为0–100000的整数', en: 'beneficiaries must be an integer from 0 to 100000' },
  BENEFICIARY_GROUP_UNKNOWN: { zh: '无法识别的受益群体', en: 'unknown beneficiary group' },
  FUNDING_UNKNOWN: {
    zh: '经费来源须为政府购买、企业购买或自筹',
    en: 'funding must be government_purchase, enterprise_purchase or self_funded',
  },
  CONTRACT_ID_FORMAT: { zh: '合同编号须为1–32位字母、数字、下划线或连字符', en: 'contract_id must be 1–32 of A-Z a-z 0-9 _ -' },
  CONTRACT_REQUIRED: { zh: '购买服务的记录须填写合同编号', en: 'a purchased service needs a contract_id' },
  CONTRACT_NOT_EXPECTED: { zh: '自筹服务不应填写合同编号', en: 'a self-funded service must not name a contract' },
  CONTRACT_UNKNOWN: { zh: '合同编号不存在(请先上传合同)', en: 'no loaded contract has this contract_id' },
  CONTRACT_FUNDER_MISMATCH: {
    zh: '合同的购买方类型与经费来源不一致',
    en: "the contract's funder_type does not match the funding",
  },
  CONTRACT_PERIOD: { zh: '服务日期不在合同有效期内', en: 'service_date is outside the contract dates' },
  STATUS_UNKNOWN: {
    zh: '审核状态须为已审核、待审核或不通过',
    en: 'status must be approved, pending or not_approved',
  },
  VOLUNTEER_IDENTITY_REQUIRED: {
    zh: '义工编号与身份证号码至少填写一项',
    en: 'give volunteer_number or id_number (or both)',
  },
  ID_NUMBER_FORMAT: { zh: '身份证号码须为17位数字加1位数字或X', en: 'id_number must be 17 digits and a digit or X' },
  DATE_ORDER: { zh: '结束日期不能早于开始日期', en: 'end_date is before start_date' },
  TEXT_TOO_LONG: { zh: '文字过长', en: 'text is too long' },
  FUNDER_TYPE_UNKNOWN: {
    zh: '购买方类型须为 government(政府)或 enterprise(企业)',
    en: 'funder_type must be government or enterprise',
  },
  AMOUNT_FORMAT: { zh: '须为不小于0的数字,最多两位小数', en: 'must be a non-negative number with at most 2 decimals' },
  COUNT_FORMAT: { zh: '须为不小于0的整数', en: 'must be a non-negative integer' },
  PROJECT_DISTRICT_UNKNOWN: { zh: '项目所属区须为区名、区代码或 all', en: 'district must be a district or all' },
} as const satisfies Record<string, { zh: string; en: string }>;

/** File-level failure codes (the whole batch fails, nothing is written). */
export const FILE_ERRORS = {
  FILE_UNREADABLE: {
    zh: '文件无法读取(不是有效的 CSV、XLSX 或 JSON Lines)',
    en: 'the file is not a readable CSV, XLSX or JSON Lines file',
  },
  FILE_EMPTY: { zh: '文件中没有表头或数据', en: 'the file holds no header or no data' },
  MISSING_COLUMNS: { zh: '缺少必需的列', en: 'required columns are missing' },
  FILE_TOO_LARGE: { zh: '文件超过大小上限', en: 'the file is over the size limit' },
  TOO_MANY_ROWS: { zh: '文件行数超过上限', en: 'the file has more rows than the limit' },
  XLSX_TOO_LARGE: { zh: 'Excel 文件解压后超过上限', en: 'the XLSX file inflates past the limit' },
  UNSUPPORTED_FORMAT: { zh: '不支持的文件格式', en: 'unsupported file format' },
  DISTRICT_FORBIDDEN: { zh: '无权上传其他区的数据', en: "uploading another district's data is not allowed" },
  INTERNAL_ERROR: { zh: '处理过程中发生内部错误', en: 'an internal error stopped the batch' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type RowErrorCode = keyof typeof ROW_ERRORS;
export type FileErrorCode = keyof typeof FILE_ERRORS;
export type ErrorCode = RowErrorCode | FileErrorCode;

/** True when a string is a known row-level code. */
export function isRowErrorCode(code: string): code is RowErrorCode {
  return Object.hasOwn(ROW_ERRORS, code);
}

/**
 * The bilingual message of a code.
 *
 * @example
 * describeError('HOURS_RANGE').zh; // '服务时长须大于0且不超过24小时'
 */
export function describeError(code: ErrorCode): { zh: string; en: string } {
  return (ROW_ERRORS as Record<string, { zh: string; en: string }>)[code] ?? FILE_ERRORS[code as FileErrorCode];
}
