/** Value rules shared by several datasets: identifiers, funding and status vocabularies. */

/** Record, project and contract identifiers: ASCII letters, digits, `_` and `-`. */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const PROJECT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
export const CONTRACT_ID = /^[A-Za-z0-9_-]{1,32}$/;
/**
 * `RECORD_ID`, `PROJECT_CODE` or `CONTRACT_ID` (with `maxLength` 64, 32, 32) as a loop over
 * the characters: what the accept path calls per row, where a regular expression costs more
 * than the check itself.
 *
 * @example
 * isCode('FUB-000001', 64); // true
 * isCode('FUB 1', 64);      // false
 */
export function isCode(text: string, maxLength: number): boolean {
  const n = text.length;
  if (n === 0 || n > maxLength) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // 0-9, A-Z, a-z, '_' and '-'.
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Volunteer numbers: 6–32 letters or digits (compared case-insensitively). */
export const VOLUNTEER_NUMBER = /^[A-Za-z0-9]{6,32}$/;

export const FUNDING = ['government_purchase', 'enterprise_purchase', 'self_funded'] as const;
export type Funding = (typeof FUNDING)[number];
export const STATUSES = ['approved', 'pending', 'not_approved'] as const;
export type Status = (typeof STATUSES)[number];
export const FUNDER_TYPES = ['government', 'enterprise'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

const FUNDING_WORDS: Record<string, Funding> = {
  government_purchase: 'government_purchase',
  政府购买: 'government_purchase',
  政府购买服务: 'government_purchase',
  enterprise_purchase: 'enterprise_purchase',
  企业购买: 'enterprise_purchase',
  企业购买服务: 'enterprise_purchase',
  self_funded: 'self_funded',
  自筹: 'self_funded',
  自主开展: 'self_funded',
};
const STATUS_WORDS: Record<string, Status> = {
  approved: 'approved',
  已审核: 'approved',
  已通过: 'approved',
  审核通过: 'approved',
  pending: 'pending',
  待审核: 'pending',
  not_approved: 'not_approved',
  不通过: 'not_approved',
  未通过: 'not_approved',
  审核不通过: 'not_approved',
};
const FUNDER_TYPE_WORDS: Record<string, FunderType> = {
  government: 'government',
  政府: 'government',
  enterprise: 'enterprise',
  企业: 'enterprise',
};

/** Resolves a funding code or its Chinese label. */
export function resolveFunding(value: string): Funding | undefined {
  return FUNDING_WORDS[value.trim().toLowerCase()] ?? FUNDING_WORDS[value.trim()];
}
/** Resolves a status code or its Chinese label. */
export function resolveStatus(value: string): Status | undefined {
  return STATUS_WORDS[value.trim().toLowerCase()] ?? STATUS_WORDS[value.trim()];
}
/** Resolves a funder type code or its Chinese label. */
export function resolveFunderType(value: string): FunderType | undefined {
  return FUNDER_TYPE_WORDS[value.trim().toLowerCase()] ?? FUNDER_TYPE_WORDS[value.trim()];
}

/** The funder type a purchased funding needs. */
export function funderTypeOf(funding: Funding): FunderType | undefined {
  if (funding === 'government_purchase') return 'government';
  if (funding === 'enterprise_purchase') return 'enterprise';
  return undefined;
}
