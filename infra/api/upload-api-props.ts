import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { FunctionDefaults } from '../functions/function-defaults.ts';
import type { ApiAuthProps } from './api-auth-props.ts';

/** Properties of {@link UploadApi}. */
export interface UploadApiProps {
  /** Landing bucket: the API presigns uploads into it. */
  readonly landing: IBucket;
  /** Error reports bucket: the API presigns downloads from it. */
  readonly rejects: IBucket;
  /** Key encrypting the buckets. */
  readonly key: IKey;
  /** Operational table (batch manifests). */
  readonly table: ITable;
  /**
   * Authentication of callers.
   * @default { mode: 'cognito' }
   */
  readonly auth?: ApiAuthProps;
  /**
   * Steady-state requests per second across the API.
   * @default 20
   */
  readonly throttleRateLimit?: number;
  /**
   * Burst of requests across the API.
   * @default 40
   */
  readonly throttleBurstLimit?: number;
  /**
   * Origins allowed by CORS (the dashboards' domain, for browser uploads).
   * @default - no CORS
   */
  readonly corsAllowedOrigins?: string[];
  /** Settings passed to the handler. */
  readonly functionDefaults?: FunctionDefaults;
}
