import type { Duration } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { FunctionName } from './function-entries.ts';

/** Properties of {@link RedvestFunction}. */
export interface RedvestFunctionProps {
  /** Folder under `functions/` whose `handler.ts` is the entry. */
  readonly name: FunctionName;
  /** What the function does (shown in the console). */
  readonly description: string;
  /**
   * Environment variables read by `adapters/config.ts`.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Memory in MB.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * Timeout.
   * @default Duration.minutes(1)
   */
  readonly timeout?: Duration;
  /**
   * Ephemeral /tmp storage in MB.
   * @default 512
   */
  readonly ephemeralStorageMb?: number;
  /**
   * Active X-Ray tracing (turn off where the partition has no X-Ray).
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Log retention of the function's log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Powertools log level.
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Skip esbuild and deploy a tiny prepared asset instead. For tests only: the result is not deployable.
   * @default false
   */
  readonly skipBundling?: boolean;
  /**
   * Reserved concurrency.
   * @default - unreserved
   */
  readonly reservedConcurrentExecutions?: number;
}
