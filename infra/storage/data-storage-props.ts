import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Stage } from '../config/stage-config.ts';

/** Properties of {@link DataStorage}. */
export interface DataStorageProps {
  /**
   * Deployment stage: `prod` retains buckets and the key when the stack is deleted,
   * `dev` destroys them (buckets are emptied first).
   * @default 'dev'
   */
  readonly stage?: Stage;
  /**
   * Days after which raw uploads in the landing bucket expire (a backstop: ingest deletes
   * them when the batch ends). Must be between 1 and 7.
   * @default 7
   */
  readonly landingExpiryDays?: number;
  /**
   * Days after which Athena query results expire.
   * @default 7
   */
  readonly athenaResultsExpiryDays?: number;
  /**
   * Days after which S3 and CloudFront access logs expire.
   * @default 365
   */
  readonly accessLogExpiryDays?: number;
  /**
   * Days after which non-current versions in versioned buckets (lake, reports) expire.
   * @default 90
   */
  readonly noncurrentVersionExpiryDays?: number;
  /**
   * Customer-managed key for every bucket except the access-log bucket.
   * @default - a new key with yearly rotation
   */
  readonly encryptionKey?: IKey;
}
