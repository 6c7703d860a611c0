/**
 * Scheduled analytics: EventBridge Scheduler runs the aggregate function nightly (Asia/Shanghai);
 * each successful run triggers the dashboard export (Lambda on-success destination); the report
 * function runs quarterly. Failed runs go to the alarm topic.
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaDestination, SnsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcards } from '../common/nag.ts';
import { grantKeyUse, grantObjects, grantTableItems, grantWithReason } from '../common/scoped-grants.ts';
import { RedvestFunction } from '../functions/redvest-function.ts';
import type { AnalyticsJobsProps } from './analytics-jobs-props.ts';

/**
 * @example
 * const jobs = new AnalyticsJobs(this, 'Analytics', { lake, athenaResults, athenaResultsPrefix: 'athena/', reports, site, key, table, workgroupArn, databaseName, failureTopic });
 */
export class AnalyticsJobs extends Construct {
  /** Nightly aggregation. */
  readonly aggregate: RedvestFunction;
  /** Dashboard data export, after each aggregation. */
  readonly dashboardExport: RedvestFunction;
  /** Quarterly impact reports. */
  readonly report: RedvestFunction;
  /** Schedules that could not be delivered. */
  readonly scheduleDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: AnalyticsJobsProps) {
    super(scope, id);
    const defaults = props.functionDefaults ?? {};
    const timeout = Duration.minutes(props.timeoutMinutes ?? 15);
    const make = (fnId: string, name: 'aggregate' | 'dashboard-export' | 'report', description: string) =>
      new RedvestFunction(this, fnId, {
        name,
        description,
        timeout,
        memorySize: 1024,
        environment: defaults.environment,
        tracing: defaults.tracing,
        logRetention: defaults.logRetention,
        skipBundling: defaults.skipBundling,
      });
    this.aggregate = make('AggregateFunction', 'aggregate', 'Nightly aggregation of the lake with Athena');
    this.dashboardExport = make('DashboardExportFunction', 'dashboard-export', 'Exports dashboard data to the site bucket');
    this.report = make('ReportFunction', 'report', 'Quarterly impact reports per purchase contract');

    const queryAccess = (role: IRole): void => this.grantQueries(role, props);
    queryAccess(this.aggregate.fn.role!);
    queryAccess(this.dashboardExport.fn.role!);
    queryAccess(this.report.fn.role!);
    grantObjects(
      this.aggregate.fn.role!,
      { bucket: props.lake, prefix: 'aggregates/', write: true, delete: true },
      'Aggregation replaces the aggregate tables’ Parquet files (UNLOAD).',
    );
    grantTableItems(this.aggregate.fn.role!, props.table, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
    ]);
    this.grantTablePublishing(this.aggregate.fn.role!, props);
    grantObjects(
      this.dashboardExport.fn.role!,
      { bucket: props.site, prefix: 'data/', write: true, delete: true, list: true },
      'The export rewrites the dashboard data files.',
    );
    grantObjects(
      this.report.fn.role!,
      { bucket: props.reports, prefix: '', read: true, write: true, list: true },
      'Reports are written per contract and period.',
    );
    grantTableItems(this.report.fn.role!, props.table, ['dynamodb:GetItem', 'dynamodb:Query']);

    this.aggregate.fn.configureAsyncInvoke({
      retryAttempts: 1,
      onSuccess: new LambdaDestination(this.dashboardExport.fn),
      onFailure: new SnsDestination(props.failureTopic),
    });
    for (const fn of [this.dashboardExport, this.report])
      fn.fn.configureAsyncInvoke({ retryAttempts: 1, onFailure: new SnsDestination(props.failureTopic) });
    acknowledgeWildcards(
      this.aggregate.fn.role!,
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [`${this.dashboardExport.fn.functionArn}:*`] }),
      'The on-success destination invokes the dashboard export function (any of its versions) only.',
    );
    for (const fn of [this.aggregate, this.dashboardExport, this.report])
      acknowledge(
        fn.fn.role!,
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'Publishing failed runs to the KMS-encrypted alarm topic (SNS grantPublish) needs data keys of the data key only.',
      );

    this.scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.scheduleDeadLetterQueue, 'AwsSolutions-SQS3', 'This queue is itself the schedules’ dead-letter queue.');

    new Schedule(this, 'NightlyAggregate', {
      description: 'Nightly aggregation (Asia/Shanghai); the dashboard export follows on success',
      schedule: ScheduleExpression.cron(props.aggregateSchedule ?? { minute: '0', hour: '2', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(this.aggregate.fn, {
        input: ScheduleTargetInput.fromObject({ source: 'schedule', job: 'nightly-aggregate' }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: 2,
      }),
    });
    new Schedule(this, 'QuarterlyReport', {
      description: 'Quarterly impact reports for the quarter just ended (Asia/Shanghai)',
      schedule: ScheduleExpression.cron(
        props.reportSchedule ?? { minute: '0', hour: '4', day: '1', month: '1,4,7,10', timeZone: TimeZone.ASIA_SHANGHAI },
      ),
      target: new LambdaInvoke(this.report.fn, {
        input: ScheduleTargetInput.fromObject({ source: 'schedule', job: 'quarterly-report' }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: 2,
      }),
    });
  }

  /**
   * Glue GetTable and UpdateTable on exactly the published tables (Glue authorises a table call
   * against the catalog, the database and the table).
   */
  private grantTablePublishing(role: IRole, props: AnalyticsJobsProps): void {
    const tables = props.publishedTables ?? [];
    if (tables.length === 0) return;
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['glue:GetTable', 'glue:UpdateTable'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.databaseName }),
          ...tables.map((table) =>
            stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.databaseName}/${table}` }),
          ),
        ],
      }),
    );
    // Each run reads its intermediate months through per-run tables `{table}__run_{hash}` with
    // explicit partitions (adapters/catalog/glue-run-tables.ts); their names are not known at synth time.
    grantWithReason(
      role,
      new PolicyStatement({
        actions: ['glue:CreateTable', 'glue:GetTable', 'glue:BatchCreatePartition', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.databaseName }),
          stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.databaseName}/*__run_*` }),
        ],
      }),
      'The aggregation creates one Glue table per run and intermediate table, named {table}__run_{hash}, whose names are only known at run time.',
    );
  }

  /** Athena in the workgroup, Glue reads of the database, reads of the lake, results in the results prefix. */
  private grantQueries(role: IRole, props: AnalyticsJobsProps): void {
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [props.workgroupArn],
      }),
    );
    grantWithReason(
      role,
      new PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.databaseName }),
          stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.databaseName}/*` }),
        ],
      }),
      'Read-only catalog access to the tables of the Redvest database, which are all generated from schemas/.',
    );
    grantObjects(
      role,
      { bucket: props.lake, prefix: 'curated/', read: true, list: true },
      'Athena reads the curated datasets on behalf of the caller.',
    );
    grantObjects(
      role,
      { bucket: props.lake, prefix: 'aggregates/', read: true, list: true },
      'Athena reads the aggregate tables on behalf of the caller.',
    );
    grantObjects(
      role,
      { bucket: props.athenaResults, prefix: props.athenaResultsPrefix, read: true, write: true, list: true },
      'Athena writes and the caller reads query results of its own queries.',
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetBucketLocation'],
        resources: [props.athenaResults.bucketArn, props.lake.bucketArn],
      }),
    );
    grantKeyUse(role, props.key);
  }
}
