/** Chinese and English names of the keys a report breaks delivery down by. */
import { BENEFICIARY_GROUPS, DISTRICTS, streetByCode } from '../../schemas/reference/index.ts';

/** Names of one district, street or beneficiary group. */
export interface Names {
  zh: string;
  en: string;
}

/**
 * Names of a district slug (the slug itself when unknown).
 *
 * @example
 * districtNames('futian'); // { zh: '福田区', en: 'Futian' }
 */
export function districtNames(slug: string): Names {
  const district = DISTRICTS.find((d) => d.slug === slug);
  return district ? { zh: district.zh, en: district.en } : { zh: slug, en: slug };
}

/**
 * Names of a street code: the Chinese name, and in English its district and code.
 *
 * @example
 * streetNames('440304001'); // { zh: '福田区 南园街道', en: 'Futian 440304001' }
 */
export function streetNames(code: string): Names {
  const street = streetByCode(code);
  if (!street) return { zh: code, en: code };
  const district = districtNames(street.district);
  return { zh: `${district.zh} ${street.zh}`, en: `${district.en} ${code}` };
}

/**
 * Names of a beneficiary group code (`none` = not stated).
 *
 * @example
 * beneficiaryGroupNames('elderly'); // { zh: '老年人', en: 'Elderly people' }
 */
export function beneficiaryGroupNames(code: string): Names {
  if (code === 'none') return { zh: '未注明', en: 'Not stated' };
  const group = BENEFICIARY_GROUPS.find((g) => g.code === code);
  return group ? { zh: group.zh, en: group.en } : { zh: code, en: code };
}
