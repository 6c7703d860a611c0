/**
 * Who may upload and read what: a district officer acts for their own district only; federation
 * staff (`city`) upload the federation-level datasets and may upload for any district.
 */
import type { Caller } from '../../adapters/auth/caller.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import { DATASETS } from '../../schemas/datasets/index.ts';
import { CITY, resolveDistrict } from '../../schemas/reference/districts.ts';
import { ApiError } from './api-errors.ts';

/**
 * The district a new batch belongs to, or an {@link ApiError} (403 before any batch exists):
 * - federation-level datasets (`scope: 'city'`) belong to `city` and only `city` callers upload them;
 * - a district caller uploads for their own district; naming another one is refused;
 * - a `city` caller names the district of a per-district dataset (slug, code or Chinese name).
 *
 * @example
 * uploadDistrict({ sub: 'u', district: 'futian' }, 'service_records', undefined); // 'futian'
 * uploadDistrict({ sub: 'u', district: 'city' }, 'service_records', '南山'); // 'nanshan'
 * uploadDistrict({ sub: 'u', district: 'futian' }, 'service_records', 'nanshan'); // throws 403
 */
export function uploadDistrict(caller: Caller, dataset: DatasetName, requested: string | undefined): string {
  const asked = requested === undefined ? undefined : requested.trim() === CITY ? CITY : resolveDistrict(requested)?.slug;
  if (requested !== undefined && asked === undefined) throw new ApiError('DISTRICT_UNKNOWN');

  if (DATASETS[dataset].scope === 'city') {
    if (caller.district !== CITY) throw new ApiError('CITY_DATASET_FORBIDDEN');
    if (asked !== undefined && asked !== CITY) throw new ApiError('BAD_REQUEST', `${dataset} is uploaded as district "city"`);
    return CITY;
  }
  if (caller.district === CITY) {
    if (asked === undefined || asked === CITY) throw new ApiError('DISTRICT_REQUIRED');
    return asked;
  }
  if (asked !== undefined && asked !== caller.district) throw new ApiError('DISTRICT_FORBIDDEN');
  return caller.district;
}

/**
 * Whether a caller may see a batch: its own district's, or any for `city`.
 *
 * @example
 * canReadBatch({ sub: 'u', district: 'futian' }, { district: 'nanshan' }); // false
 */
export function canReadBatch(caller: Caller, batch: { district: string }): boolean {
  return caller.district === CITY || caller.district === batch.district;
}
