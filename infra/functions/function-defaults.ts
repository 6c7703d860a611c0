import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Settings every construct passes on to the functions it creates. */
export interface FunctionDefaults {
  /**
   * Environment shared by all functions (store URLs, table, engine; see `adapters/config.ts`).
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Active X-Ray tracing.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Log retention.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Tests only: deploy a prepared non-deployable asset instead of bundling.
   * @default false
   */
  readonly skipBundling?: boolean;
}
