/**
 * Chinese resident ID numbers (GB 11643-1999) for sample data: 6-digit area code, 8-digit
 * birth date, 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check
 * character. Generated numbers use Shenzhen area codes (4403xx) and are fictitious. The check
 * character comes from the data contract's own rule (`schemas/rules/id-number.ts`).
 */
import { idNumberCheckChar } from '../../schemas/rules/id-number.ts';

const CHECK_CHARS = '10X98765432';

/**
 * Whether an 18-character ID number has a valid check character (birth date not checked).
 *
 * @example
 * hasValidIdChecksum('11010519491231002X'); // true
 */
export function hasValidIdChecksum(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id.slice(17).toUpperCase();
}

/** What an ID number encodes. */
export interface IdNumberParts {
  /** 6-digit area code, e.g. `440304`. */
  area: string;
  /** Birth date `YYYYMMDD` (may be impossible, for bad rows). */
  birth: string;
  /** `male` gives an odd sequence, `female` an even one. */
  sex: 'male' | 'female';
  /** Sequence stem 0–49; the generator makes it odd or even. */
  serial: number;
}

/**
 * Builds an ID number with a correct check character.
 *
 * @example
 * makeIdNumber({ area: '440304', birth: '19900101', sex: 'female', serial: 12 }); // '44030419900101024?'
 */
export function makeIdNumber(parts: IdNumberParts): string {
  const sequence = parts.serial * 2 + (parts.sex === 'male' ? 1 : 0);
  const first17 = `${parts.area}${parts.birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * The same ID number with a wrong check character.
 *
 * @example
 * hasValidIdChecksum(withWrongCheckChar('11010519491231002X')); // false
 */
export function withWrongCheckChar(id: string): string {
  const right = id.slice(17).toUpperCase();
  const index = (CHECK_CHARS.indexOf(right) + 1) % CHECK_CHARS.length;
  return id.slice(0, 17) + CHECK_CHARS[index];
}
