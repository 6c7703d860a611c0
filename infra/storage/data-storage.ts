/**
 * Storage: one customer-managed KMS key and the buckets of the pipeline, all blocking public
 * access, enforcing TLS and encrypted (the access-log bucket with S3-managed keys, which the
 * log delivery services require).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, type BucketProps, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../common/nag.ts';
import type { DataStorageProps } from './data-storage-props.ts';

/**
 * The key and buckets: landing (raw uploads, short-lived), lake (curated and aggregates),
 * rejects (error reports), reports, Athena results, dashboard site and access logs.
 *
 * @example
 * const storage = new DataStorage(this, 'Storage', { stage: 'prod' });
 * storage.lake.bucketName;
 */
export class DataStorage extends Construct {
  /** Customer-managed key encrypting the data buckets, queues and logs. */
  readonly key: IKey;
  /** Raw uploads; the only place raw personal data may exist. */
  readonly landing: IBucket;
  /** Curated Parquet (`curated/`) and aggregates (`aggregates/`). */
  readonly lake: IBucket;
  /** Row-level error reports. */
  readonly rejects: IBucket;
  /** Impact reports. */
  readonly reports: IBucket;
  /** Athena query results. */
  readonly athenaResults: IBucket;
  /** Static dashboard site and its exported `data/` (S3-managed encryption: aggregates only). */
  readonly site: IBucket;
  /** S3 server access logs and CloudFront logs (S3-managed encryption). */
  readonly accessLogs: IBucket;

  constructor(scope: Construct, id: string, props: DataStorageProps = {}) {
    super(scope, id);
    const prod = (props.stage ?? 'dev') === 'prod';
    const landingExpiryDays = props.landingExpiryDays ?? 7;
    if (landingExpiryDays < 1 || landingExpiryDays > 7)
      throw new Error(`landingExpiryDays must be between 1 and 7, got ${landingExpiryDays}`);
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key =
      props.encryptionKey ??
      new Key(this, 'Key', {
        description: 'Redvest data encryption key (buckets, queues, logs)',
        enableKeyRotation: true,
        removalPolicy,
      });

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.accessLogExpiryDays ?? 365) }],
      removalPolicy,
      autoDeleteObjects: !prod,
    });
    acknowledge(this.accessLogs, 'AwsSolutions-S1', 'This is the access-log bucket; logging it into itself would loop.');

    const dataBucket = (bucketId: string, extra: Partial<BucketProps>): Bucket =>
      new Bucket(this, bucketId, {
        encryption: BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `s3/${bucketId.toLowerCase()}/`,
        removalPolicy,
        autoDeleteObjects: !prod,
        ...extra,
      });
    const noncurrent = Duration.days(props.noncurrentVersionExpiryDays ?? 90);

    this.landing = dataBucket('Landing', {
      versioned: false,
      lifecycleRules: [
        { id: 'expire-raw-uploads', expiration: Duration.days(landingExpiryDays) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.lake = dataBucket('Lake', {
      versioned: true,
      lifecycleRules: [{ id: 'expire-noncurrent', noncurrentVersionExpiration: noncurrent }],
    });
    this.rejects = dataBucket('Rejects', { versioned: false });
    this.reports = dataBucket('Reports', {
      versioned: true,
      lifecycleRules: [{ id: 'expire-noncurrent', noncurrentVersionExpiration: noncurrent }],
    });
    this.athenaResults = dataBucket('AthenaResults', {
      versioned: false,
      lifecycleRules: [{ id: 'expire-results', expiration: Duration.days(props.athenaResultsExpiryDays ?? 7) }],
    });
    // Published aggregates only (suppressed below city level): S3-managed keys let CloudFront's
    // origin access control read it without a key policy open to every distribution.
    this.site = dataBucket('Site', {
      versioned: false,
      encryption: BucketEncryption.S3_MANAGED,
      encryptionKey: undefined,
      bucketKeyEnabled: false,
    });
  }
}
