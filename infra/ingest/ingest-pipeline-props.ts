import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { FunctionDefaults } from '../functions/function-defaults.ts';

/** Properties of {@link IngestPipeline}. */
export interface IngestPipelineProps {
  /** Bucket whose ObjectCreated events start ingestion (read and deleted by ingest only). */
  readonly landing: IBucket;
  /** Lake bucket; ingest writes under `curated/`. */
  readonly lake: IBucket;
  /** Error reports bucket. */
  readonly rejects: IBucket;
  /** Key encrypting the buckets. */
  readonly key: IKey;
  /** Operational table (records, batch manifests). */
  readonly table: ITable;
  /** SSM SecureString parameter name of the pseudonymisation key. */
  readonly keyParameterName: string;
  /** Settings passed to both functions. */
  readonly functionDefaults?: FunctionDefaults;
  /**
   * Timeout of the ingest and chunk functions; queue visibility is six times this.
   * @default Duration.minutes(15)
   */
  readonly functionTimeout?: Duration;
  /**
   * Memory of the ingest and chunk functions, MB.
   * @default 2048
   */
  readonly memorySize?: number;
  /**
   * Receives before a message moves to its dead-letter queue.
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * Most chunk workers running at once (protects DynamoDB and the lake from bursts).
   * @default 10
   */
  readonly chunkConcurrency?: number;
}
