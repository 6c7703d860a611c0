/**
 * Athena partition projection for the lake's Hive partitions, so no partition is ever
 * registered in Glue. Each key's projection follows from the table's own partition layout:
 *
 * - `year` → date `yyyy`;
 * - `month` after a `year` key → month of the year, integer 01–12 (curated tables:
 *   `year=2026/month=03/…`); `month` without a `year` key → the month carries its year, date
 *   `yyyy-MM` (the intermediate table: `month=2026-03/`);
 * - `district` → enum of the district slugs;
 * - `run_id` → injected (a run id is only known at run time: queries name it);
 * - `part` → integer from 0 (the statement parts of one run).
 */
import type { GlueColumn } from './lake-catalog-props.ts';

/** Settings the projection needs. */
export interface ProjectionSettings {
  /** Values of `district`. */
  districts: readonly string[];
  /** First projected year. */
  firstYear: number;
  /**
   * Highest projected statement part of one run.
   * @default 9
   */
  maxPart?: number;
}

/** One projected partition key: its Glue parameters and the values it yields. */
export interface KeyProjection {
  /** `projection.<key>.*` parameters without the prefix, e.g. `{ type: 'date', format: 'yyyy-MM' }`. */
  parameters: Record<string, string>;
  /** A regular expression (source, anchored by the caller) every projected value matches. */
  valuePattern: string;
}

/**
 * How one partition key is projected, given every partition key of its table.
 *
 * @example
 * keyProjection('month', ['month'], { districts: [], firstYear: 2015 }).parameters;
 * // { type: 'date', format: 'yyyy-MM', range: '2015-01,NOW', interval: '1', 'interval.unit': 'MONTHS' }
 */
export function keyProjection(key: string, allKeys: readonly string[], settings: ProjectionSettings): KeyProjection {
  switch (key) {
    case 'year':
      return {
        parameters: {
          type: 'date',
          format: 'yyyy',
          range: `${settings.firstYear},NOW`,
          interval: '1',
          'interval.unit': 'YEARS',
        },
        valuePattern: '\\d{4}',
      };
    case 'month':
      return allKeys.includes('year')
        ? { parameters: { type: 'integer', range: '1,12', digits: '2' }, valuePattern: '(?:0[1-9]|1[0-2])' }
        : {
            parameters: {
              type: 'date',
              format: 'yyyy-MM',
              range: `${settings.firstYear}-01,NOW`,
              interval: '1',
              'interval.unit': 'MONTHS',
            },
            valuePattern: '\\d{4}-(?:0[1-9]|1[0-2])',
          };
    case 'district':
      return {
        parameters: { type: 'enum', values: settings.districts.join(',') },
        valuePattern: `(?:${settings.districts.map((d) => d.replace(/[^a-z0-9]/gi, '\\$&')).join('|')})`,
      };
    case 'run_id':
      return { parameters: { type: 'injected' }, valuePattern: '[^/]+' };
    case 'part':
      return { parameters: { type: 'integer', range: `0,${settings.maxPart ?? 9}` }, valuePattern: '\\d+' };
    default:
      throw new Error(`no partition projection defined for partition key "${key}"`);
  }
}

/**
 * The Hive path of one partition directory: `key=${key}/` per key, in order.
 *
 * @example
 * hivePartitionPath(['year', 'month']); // 'year=${year}/month=${month}/'
 */
export function hivePartitionPath(keys: readonly string[]): string {
  return keys.map((key) => `${key}=\${${key}}/`).join('');
}

/**
 * Glue table parameters enabling projection over the given partition keys, with the storage
 * location template (`location` + `partitionPath`, default the Hive path of the keys). Throws
 * on a partition key it does not know how to project, and on a template that does not name
 * every key.
 *
 * @example
 * projectionParameters('s3://lake/curated/t/', [{ name: 'year', type: 'string' }], { districts: ['futian'], firstYear: 2015 });
 * // { 'projection.enabled': 'true', 'projection.year.type': 'date', …, 'storage.location.template': 's3://lake/curated/t/year=${year}/' }
 */
export function projectionParameters(
  location: string,
  partitionKeys: readonly GlueColumn[],
  settings: ProjectionSettings,
  partitionPath?: string,
): Record<string, string> {
  if (partitionKeys.length === 0) return {};
  const names = partitionKeys.map((key) => key.name);
  const parameters: Record<string, string> = { 'projection.enabled': 'true' };
  for (const name of names)
    for (const [property, value] of Object.entries(keyProjection(name, names, settings).parameters))
      parameters[`projection.${name}.${property}`] = value;
  const path = partitionPath ?? hivePartitionPath(names);
  for (const name of names)
    if (!path.includes(`\${${name}}`)) throw new Error(`partition path "${path}" does not place partition key "${name}"`);
  parameters['storage.location.template'] = `${location}${path}`;
  return parameters;
}

/**
 * A regular expression matching exactly the partition directories a projection yields (the
 * template with each `${key}` replaced by the values its projection produces), with one named
 * group per key.
 *
 * @example
 * projectedLocationPattern(parameters, ['month'], settings).exec('s3://lake/x/month=2026-03/')?.groups?.month; // '2026-03'
 */
export function projectedLocationPattern(
  parameters: Record<string, string>,
  keys: readonly string[],
  settings: ProjectionSettings,
): RegExp {
  const template = parameters['storage.location.template'];
  if (template === undefined) throw new Error('no storage.location.template');
  let source = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const key of keys)
    source = source.replace(
      new RegExp(`\\\\\\$\\\\\\{${key}\\\\\\}`, 'g'),
      `(?<${key}>${keyProjection(key, keys, settings).valuePattern})`,
    );
  return new RegExp(`^${source}$`);
}
