import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Stage } from '../config/stage-config.ts';

/** Properties of {@link QueryWorkgroup}. */
export interface QueryWorkgroupProps {
  /** Bucket receiving query results. */
  readonly results: IBucket;
  /** Key encrypting query results. */
  readonly key: IKey;
  /**
   * Workgroup name.
   * @default 'redvest'
   */
  readonly name?: string;
  /**
   * Key prefix of results in the results bucket, ending with `/`.
   * @default 'athena/'
   */
  readonly resultsPrefix?: string;
  /**
   * Largest amount of data one query may scan, in bytes (Athena bills $5 per TB).
   * @default 10 GiB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * Deployment stage: in `dev` deleting the stack deletes the workgroup with its history.
   * @default 'dev'
   */
  readonly stage?: Stage;
}
