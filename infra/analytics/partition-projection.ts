/**
 * Athena partition projection for the lake's Hive partitions (`year=/month=/district=`), so no
 * partition is ever registered in Glue.
 */
import type { GlueColumn } from './lake-catalog-props.ts';

/** Settings the projection needs. */
export interface ProjectionSettings {
  /** Values of `district`. */
  districts: readonly string[];
  /** First projected year. */
  firstYear: number;
}

/**
 * Glue table parameters enabling projection over the given partition keys, with the storage
 * location template. Throws on a partition key it does not know how to project.
 *
 * @example
 * projectionParameters('s3://lake/curated/t/', [{ name: 'year', type: 'string' }], { districts: ['futian'], firstYear: 2015 });
 * // { 'projection.enabled': 'true', 'projection.year.type': 'date', …, 'storage.location.template': 's3://lake/curated/t/year=${year}/' }
 */
export function projectionParameters(
  location: string,
  partitionKeys: readonly GlueColumn[],
  settings: ProjectionSettings,
): Record<string, string> {
  if (partitionKeys.length === 0) return {};
  const parameters: Record<string, string> = { 'projection.enabled': 'true' };
  for (const key of partitionKeys) {
    const p = `projection.${key.name}`;
    switch (key.name) {
      case 'year':
        Object.assign(parameters, {
          [`${p}.type`]: 'date',
          [`${p}.format`]: 'yyyy',
          [`${p}.range`]: `${settings.firstYear},NOW`,
          [`${p}.interval`]: '1',
          [`${p}.interval.unit`]: 'YEARS',
        });
        break;
      case 'month':
        Object.assign(parameters, { [`${p}.type`]: 'integer', [`${p}.range`]: '1,12', [`${p}.digits`]: '2' });
        break;
      case 'district':
        Object.assign(parameters, { [`${p}.type`]: 'enum', [`${p}.values`]: settings.districts.join(',') });
        break;
      default:
        throw new Error(`no partition projection defined for partition key "${key.name}"`);
    }
  }
  const path = partitionKeys.map((key) => `${key.name}=\${${key.name}}`).join('/');
  parameters['storage.location.template'] = `${location}${path}/`;
  return parameters;
}
