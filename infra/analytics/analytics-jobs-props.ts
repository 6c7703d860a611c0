import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { CronOptionsWithTimezone } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { FunctionDefaults } from '../functions/function-defaults.ts';

/** Properties of {@link AnalyticsJobs}. */
export interface AnalyticsJobsProps {
  /** Lake bucket: read `curated/`, read and write `aggregates/`. */
  readonly lake: IBucket;
  /** Athena results bucket. */
  readonly athenaResults: IBucket;
  /** Key prefix of Athena results (as the workgroup writes them). */
  readonly athenaResultsPrefix: string;
  /** Impact reports bucket. */
  readonly reports: IBucket;
  /** Dashboard site bucket: the export writes `data/`. */
  readonly site: IBucket;
  /** Key encrypting the buckets. */
  readonly key: IKey;
  /** Operational table (derived totals are written back). */
  readonly table: ITable;
  /** Athena workgroup ARN. */
  readonly workgroupArn: string;
  /** Glue database name. */
  readonly databaseName: string;
  /**
   * Glue tables whose location the aggregation switches to each run's output (Glue GetTable and
   * UpdateTable, `adapters/catalog/glue-table-catalog.ts`): the aggregate tables.
   * @default [] - no catalog updates
   */
  readonly publishedTables?: readonly string[];
  /** Topic receiving failed scheduled runs (Lambda on-failure destination). */
  readonly failureTopic: ITopic;
  /** Settings passed to the functions. */
  readonly functionDefaults?: FunctionDefaults;
  /**
   * When the nightly aggregation runs; the dashboard export follows each successful run.
   * @default 02:00 every day, Asia/Shanghai
   */
  readonly aggregateSchedule?: CronOptionsWithTimezone;
  /**
   * When impact reports for the quarter just ended are produced.
   * @default 04:00 on 1 January, April, July and October, Asia/Shanghai
   */
  readonly reportSchedule?: CronOptionsWithTimezone;
  /**
   * Timeout of the aggregate and report functions.
   * @default Duration.minutes(15)
   */
  readonly timeoutMinutes?: number;
}
