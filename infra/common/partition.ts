/**
 * Facts about AWS partitions and regions that change what the stack may use.
 * Nothing here hard-codes a partition into a template: templates use `Aws.PARTITION`.
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * Whether a region is one of the AWS China regions (`cn-north-1`, `cn-northwest-1`).
 *
 * @example
 * isChinaRegion('cn-north-1'); // true
 * isChinaRegion(undefined); // false (environment-agnostic synth)
 */
export function isChinaRegion(region: string | undefined): boolean {
  return region?.startsWith('cn-') ?? false;
}

/** Partitions in which AWS X-Ray is offered. */
const X_RAY_PARTITIONS: ReadonlySet<string> = new Set(['aws', 'aws-cn', 'aws-us-gov']);

/**
 * Whether Lambda active tracing (X-Ray) can be enabled in the region's partition.
 * An unknown region (environment-agnostic synth) is treated as the commercial partition.
 *
 * @example
 * supportsXRay('cn-north-1'); // true
 * supportsXRay('us-isob-east-1'); // false
 */
export function supportsXRay(region: string | undefined): boolean {
  if (region === undefined) return true;
  const partition = RegionInfo.get(region).partition ?? 'aws';
  return X_RAY_PARTITIONS.has(partition);
}
