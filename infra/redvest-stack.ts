/**
 * The Redvest stack: storage, ingest, upload API, analytics, dashboards and operations.
 */
import { CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AnalyticsJobs } from './analytics/analytics-jobs.ts';
import { LakeCatalog } from './analytics/lake-catalog.ts';
import { QueryWorkgroup } from './analytics/query-workgroup.ts';
import { UploadApi } from './api/upload-api.ts';
import { acknowledgeFrameworkResources } from './common/framework-resources.ts';
import { isChinaRegion, supportsXRay } from './common/partition.ts';
import { DashboardSite } from './dashboards/dashboard-site.ts';
import type { FunctionDefaults } from './functions/function-defaults.ts';
import type { RedvestFunction } from './functions/redvest-function.ts';
import { IngestPipeline } from './ingest/ingest-pipeline.ts';
import { Monitoring } from './operations/monitoring.ts';
import type { RedvestStackProps } from './redvest-stack-props.ts';
import { DataStorage } from './storage/data-storage.ts';
import { OpsTable } from './storage/ops-table.ts';

/** `s3://bucket` store URL of a bucket, as `adapters/config.ts` reads it. */
function storeUrl(bucketName: string): string {
  return `s3://${bucketName}`;
}

/**
 * @example
 * const stack = new RedvestStack(app, 'Redvest-dev', { config, lakeTables: lakeTableSpecs({ curated: CURATED_TABLES, aggregates: AGGREGATE_TABLES }) });
 */
export class RedvestStack extends Stack {
  readonly storage: DataStorage;
  readonly ops: OpsTable;
  readonly monitoring: Monitoring;
  readonly ingest: IngestPipeline;
  readonly uploadApi: UploadApi;
  readonly catalog: LakeCatalog;
  readonly workgroup: QueryWorkgroup;
  readonly analytics: AnalyticsJobs;
  readonly dashboards: DashboardSite;
  /** Every function, by folder name under `functions/`. */
  readonly functions: ReadonlyMap<string, RedvestFunction>;

  constructor(scope: Construct, id: string, props: RedvestStackProps) {
    super(scope, id, {
      ...props,
      env: props.env ?? { account: props.config.account, region: props.config.region },
    });
    const config = props.config;
    const prod = config.stage === 'prod';
    const china = isChinaRegion(config.region);
    const keyParameterName = props.keyParameterName ?? `/redvest/${config.stage}/volunteer-key`;

    this.storage = new DataStorage(this, 'Storage', { stage: config.stage });
    this.ops = new OpsTable(this, 'Ops', { stage: config.stage }, this.storage.key);
    this.monitoring = new Monitoring(this, 'Monitoring', { key: this.storage.key, alarmEmail: config.alarmEmail });
    this.catalog = new LakeCatalog(this, 'Catalog', { lake: this.storage.lake, tables: props.lakeTables });
    this.workgroup = new QueryWorkgroup(this, 'Workgroup', {
      results: this.storage.athenaResults,
      key: this.storage.key,
      stage: config.stage,
    });

    const functionDefaults: FunctionDefaults = {
      tracing: supportsXRay(config.region),
      logRetention: prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      skipBundling: config.skipBundling,
      environment: {
        REDVEST_LANDING_URL: storeUrl(this.storage.landing.bucketName),
        REDVEST_LAKE_URL: storeUrl(this.storage.lake.bucketName),
        REDVEST_REJECTS_URL: storeUrl(this.storage.rejects.bucketName),
        REDVEST_REPORTS_URL: storeUrl(this.storage.reports.bucketName),
        REDVEST_SITE_URL: storeUrl(this.storage.site.bucketName),
        REDVEST_OPS: 'dynamodb',
        REDVEST_TABLE: this.ops.table.tableName,
        REDVEST_ENGINE: 'athena',
        REDVEST_ATHENA_WORKGROUP: this.workgroup.name,
        REDVEST_GLUE_DATABASE: this.catalog.databaseName,
        REDVEST_ATHENA_OUTPUT: this.workgroup.outputLocation,
        REDVEST_KEY_PARAMETER: keyParameterName,
      },
    };

    this.ingest = new IngestPipeline(this, 'Ingest', {
      landing: this.storage.landing,
      lake: this.storage.lake,
      rejects: this.storage.rejects,
      key: this.storage.key,
      table: this.ops.table,
      keyParameterName,
      functionDefaults,
    });
    this.uploadApi = new UploadApi(this, 'UploadApi', {
      landing: this.storage.landing,
      rejects: this.storage.rejects,
      key: this.storage.key,
      table: this.ops.table,
      auth: { mode: config.auth, oidcIssuer: config.oidcIssuer, oidcAudience: config.oidcAudience, stage: config.stage },
      // The dashboards are built below (their sign-in may use this API's user pool).
      corsAllowedOrigins: [Lazy.string({ produce: () => this.dashboards.url })],
      functionDefaults,
    });
    this.dashboards = new DashboardSite(this, 'Dashboards', {
      site: this.storage.site,
      accessLogs: this.storage.accessLogs,
      siteDir: props.dashboardSiteDir,
      domainName: config.dashboardDomain,
      certificate: config.dashboardCertificate,
      china,
      allowedCidrs: config.dashboardAllowedCidrs,
      signIn: config.dashboardSignIn
        ? {
            publicKeyPem: config.dashboardSignInPublicKey!,
            privateKeySecretName: config.dashboardSignInKeySecret,
            mode: config.auth,
            userPool: this.uploadApi.auth.userPool,
            oidcIssuer: config.oidcIssuer,
            oidcClientId: config.dashboardSignInClientId,
            sessionSeconds: config.dashboardSignInSessionSeconds,
            stage: config.stage,
            functionDefaults,
          }
        : undefined,
    });
    this.analytics = new AnalyticsJobs(this, 'Analytics', {
      lake: this.storage.lake,
      athenaResults: this.storage.athenaResults,
      athenaResultsPrefix: this.workgroup.resultsPrefix,
      reports: this.storage.reports,
      site: this.storage.site,
      key: this.storage.key,
      table: this.ops.table,
      workgroupArn: this.workgroup.arn,
      databaseName: this.catalog.databaseName,
      publishedTables: props.lakeTables.filter((spec) => spec.area === 'aggregates').map((spec) => spec.name),
      failureTopic: this.monitoring.topic,
      functionDefaults,
    });

    this.functions = new Map<string, RedvestFunction>([
      ['ingest', this.ingest.ingest],
      ['ingest-chunk', this.ingest.chunkWorker],
      ['upload-api', this.uploadApi.handler],
      ['aggregate', this.analytics.aggregate],
      ['dashboard-export', this.analytics.dashboardExport],
      ['report', this.analytics.report],
      ...(this.dashboards.signIn ? [['dashboard-sign-in', this.dashboards.signIn.handler] as const] : []),
    ]);

    const m = this.monitoring;
    m.watchFunction('Ingest', this.ingest.ingest.fn);
    m.watchFunction('IngestChunk', this.ingest.chunkWorker.fn);
    m.watchDeadLetterQueue('IngestDlq', this.ingest.deadLetterQueue);
    m.watchDeadLetterQueue('ChunkDlq', this.ingest.chunkDeadLetterQueue);
    m.watchRejectionRate('redvest-ingest');
    m.watchFunction('UploadApi', this.uploadApi.handler.fn);
    m.watchFunction('Aggregate', this.analytics.aggregate.fn, 'Nightly aggregation failed');
    m.watchFunction('DashboardExport', this.analytics.dashboardExport.fn, 'Dashboard export failed');
    m.watchFunction('Report', this.analytics.report.fn, 'Quarterly report failed');
    m.watchDeadLetterQueue('ScheduleDlq', this.analytics.scheduleDeadLetterQueue);
    m.watchAthena(this.workgroup.name);
    if (this.dashboards.signIn) m.watchFunction('DashboardSignIn', this.dashboards.signIn.handler.fn);

    acknowledgeFrameworkResources(this);

    new CfnOutput(this, 'UploadApiUrl', { value: this.uploadApi.api.apiEndpoint });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboards.url });
    new CfnOutput(this, 'LandingBucket', { value: this.storage.landing.bucketName });
    new CfnOutput(this, 'AlarmTopic', { value: this.monitoring.topic.topicArn });
    if (this.uploadApi.auth.userPool) {
      new CfnOutput(this, 'UserPoolId', { value: this.uploadApi.auth.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.uploadApi.auth.userPoolClient!.userPoolClientId });
    }
  }
}
