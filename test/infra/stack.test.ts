/**
 * Template assertions per construct over one synthesis of the global dev stack
 * (bundling skipped), plus cdk-nag over the whole app.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../adapters/ops/ops-table.ts';
import { AGGREGATE_TABLES, CURATED_TABLES, INTERMEDIATE_TABLES } from '../../schemas/tables.ts';
import { type SynthResult, synthApp } from './synth-app.ts';

let synth: SynthResult;
let template: Template;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The policy statements attached to the role of one function (by function construct path fragment). */
function statementsOf(fnId: string): Statement[] {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.includes(fnId) && id.includes('Role'));
  expect(roleId, `role of ${fnId}`).toBeDefined();
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId!))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsOn(statements: Statement[], resourceFragment: string): string[] {
  return statements
    .filter((statement) => JSON.stringify(statement.Resource).includes(resourceFragment))
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
}

/** A CloudFormation value as text: `Fn::Join` joined, `Ref`s and `Fn::GetAtt`s as `${…}`. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Ref' in v) return `\${${v.Ref as string}}`;
  if ('Fn::GetAtt' in v) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flat).join(separator);
  }
  return JSON.stringify(value);
}

function logicalId(type: string, fragment: string): string {
  const id = Object.keys(template.findResources(type)).find((candidate) => candidate.includes(fragment));
  expect(id, `${type} ${fragment}`).toBeDefined();
  return id!;
}

beforeAll(() => {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'redvest-site-'));
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>红马甲</title>');
  mkdirSync(path.join(siteDir, 'data'));
  writeFileSync(path.join(siteDir, 'data', 'stale.json'), '{}');
  synth = synthApp({ stage: 'dev', dashboardAllowedCidrs: '203.0.113.0/24', dashboardSiteDir: siteDir });
  template = synth.template;
});

describe('storage', () => {
  it('creates a rotating customer-managed key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('blocks public access, enforces TLS and encrypts every bucket', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(7);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const sse = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
      const expected = id.includes('AccessLogs') || id.includes('Site') ? 'AES256' : 'aws:kms';
      expect(sse.SSEAlgorithm, id).toBe(expected);
    }
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(7);
    for (const policy of policies)
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
  });

  it('expires raw uploads within 7 days and Athena results after 7 days, versions primary data', () => {
    const landing = template.findResources('AWS::S3::Bucket')[logicalId('AWS::S3::Bucket', 'Landing')]!;
    const landingRules = landing.Properties.LifecycleConfiguration.Rules as { ExpirationInDays?: number }[];
    expect(landingRules.find((rule) => rule.ExpirationInDays !== undefined)?.ExpirationInDays).toBeLessThanOrEqual(7);
    expect(landing.Properties.VersioningConfiguration).toBeUndefined();
    const results = template.findResources('AWS::S3::Bucket')[logicalId('AWS::S3::Bucket', 'AthenaResults')]!;
    expect(results.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(7);
    for (const name of ['StorageLake', 'StorageReports'])
      expect(
        template.findResources('AWS::S3::Bucket')[logicalId('AWS::S3::Bucket', name)]!.Properties.VersioningConfiguration,
      ).toEqual({
        Status: 'Enabled',
      });
  });

  it('creates the on-demand ops table with PITR and both indexes (no deletion protection in dev)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: false,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byDistrict',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byVolunteer',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('matches the adapter’s tableDefinition (keys, indexes, projections)', () => {
    const definition = tableDefinition('any');
    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]!.Properties;
    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect(table.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      (a.AttributeName ?? '').localeCompare(b.AttributeName ?? '');
    expect([...table.AttributeDefinitions].sort(byName)).toEqual([...definition.AttributeDefinitions!].sort(byName));
    expect(table.BillingMode).toBe(definition.BillingMode);
  });
});

describe('ingest', () => {
  it('sends landing ObjectCreated events to a queue with a dead-letter queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId('AWS::S3::Bucket', 'Landing') },
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], QueueArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'IngestQueue'), 'Arn'] } },
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'IngestDeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 3,
      },
      VisibilityTimeout: 5400,
      SqsManagedSseEnabled: true,
    });
  });

  it('wires both queues to their functions with partial batch responses', () => {
    for (const [queue, fn] of [
      ['IngestQueue', 'IngestIngestFunction'],
      ['IngestChunkQueue', 'IngestChunkFunction'],
    ] as const)
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', queue), 'Arn'] },
        FunctionName: { Ref: logicalId('AWS::Lambda::Function', fn) },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
  });

  it('scopes the ingest role to the landing bucket, curated/ of the lake, rejects, the table and the key parameter', () => {
    const statements = statementsOf('IngestIngestFunction');
    const landing = logicalId('AWS::S3::Bucket', 'Landing');
    const lake = logicalId('AWS::S3::Bucket', 'StorageLake');
    expect(actionsOn(statements, landing).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket'].sort());
    const lakeObjects = statements.find(
      (statement) =>
        JSON.stringify(statement.Resource).includes(`${lake}`) && JSON.stringify(statement.Resource).includes('/curated/*'),
    );
    expect(lakeObjects?.Action).toEqual(['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject']);
    const lakeList = statements.find(
      (statement) => statement.Action === 's3:ListBucket' && JSON.stringify(statement.Resource).includes(lake),
    );
    expect(lakeList?.Condition).toEqual({ StringLike: { 's3:prefix': ['curated/*'] } });
    expect(JSON.stringify(statements)).not.toContain('aggregates/');
    expect(actionsOn(statements, logicalId('AWS::DynamoDB::Table', 'Ops'))).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(statements)).toContain('parameter/redvest/dev/volunteer-key');
    for (const statement of statements)
      for (const action of [statement.Action].flat()) expect(action === '*' || action.endsWith(':*'), action).toBe(false);
  });
});

describe('upload API', () => {
  it('throttles and logs the $default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('custom:district') },
    });
  });

  it('routes the three batch routes through the Cognito JWT authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['GET /batches', 'GET /batches/{id}', 'POST /batches']);
    for (const route of routes) expect(route.AuthorizationType).toBe('JWT');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'district', AttributeDataType: 'String' })]),
    });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.ReadAttributes).toContain('custom:district');
    expect(client.WriteAttributes).not.toContain('custom:district');
  });

  it('lets the API write to landing and read rejects, nothing in the lake', () => {
    const statements = statementsOf('UploadApiHandler');
    expect(actionsOn(statements, logicalId('AWS::S3::Bucket', 'Landing'))).toEqual(['s3:PutObject', 's3:AbortMultipartUpload']);
    expect(actionsOn(statements, logicalId('AWS::S3::Bucket', 'Rejects'))).toEqual(['s3:GetObject']);
    expect(actionsOn(statements, logicalId('AWS::S3::Bucket', 'StorageLake'))).toEqual([]);
  });
});

describe('analytics', () => {
  it('defines one Glue table per lake table with projection and columns from schemas/', () => {
    const tables = Object.values(template.findResources('AWS::Glue::Table')).map((table) => table.Properties.TableInput);
    const names = [...Object.keys(CURATED_TABLES), ...Object.keys(AGGREGATE_TABLES), ...Object.keys(INTERMEDIATE_TABLES)];
    expect(tables.map((table) => table.Name).sort()).toEqual(names.sort());
    for (const def of Object.values(CURATED_TABLES)) {
      const input = tables.find((table) => table.Name === def.name)!;
      expect(input.StorageDescriptor.Columns.map((column: { Name: string }) => column.Name)).toEqual(
        def.columns.map((c) => c.name),
      );
      expect(input.PartitionKeys.map((column: { Name: string }) => column.Name)).toEqual(def.partitionKeys.map((c) => c.name));
      if (def.partitionKeys.some((key) => key.name === 'district')) {
        expect(input.Parameters['projection.enabled']).toBe('true');
        expect(input.Parameters['projection.district.values'].split(',')).toHaveLength(12);
        expect(JSON.stringify(input.Parameters['storage.location.template'])).toContain(`/curated/${def.name}/`);
      }
    }
  });

  it('catalogues the intermediate table under the run outputs, its month projected as yyyy-MM', () => {
    const tables = Object.values(template.findResources('AWS::Glue::Table')).map((table) => table.Properties.TableInput);
    const input = tables.find((table) => table.Name === 'int_volunteer_month')!;
    expect(input.PartitionKeys.map((column: { Name: string }) => column.Name)).toEqual(['run_id', 'part', 'month']);
    expect(input.Parameters).toMatchObject({
      'projection.month.type': 'date',
      'projection.month.format': 'yyyy-MM',
      'projection.run_id.type': 'injected',
    });
    expect(flat(input.Parameters['storage.location.template'])).toMatch(
      /^s3:\/\/\$\{StorageLake\w+\}\/aggregates\/runs\/\$\{run_id\}\/int_volunteer_month\/part-\$\{part\}\/month=\$\{month\}\/$/,
    );
  });

  it('enforces the Athena workgroup configuration with encrypted results and a scan cutoff', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: Match.anyValue() } },
      },
    });
  });

  it('schedules the nightly aggregation and the quarterly report in Asia/Shanghai', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules.map((s) => [s.ScheduleExpression, s.ScheduleExpressionTimezone]).sort()).toEqual([
      ['cron(0 2 * * ? *)', 'Asia/Shanghai'],
      ['cron(0 4 1 1,4,7,10 ? *)', 'Asia/Shanghai'],
    ]);
  });

  it('runs the dashboard export after each successful aggregation and reports failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId('AWS::Lambda::Function', 'AnalyticsAggregateFunction') },
      DestinationConfig: {
        OnSuccess: {
          Destination: { 'Fn::GetAtt': [logicalId('AWS::Lambda::Function', 'AnalyticsDashboardExportFunction'), 'Arn'] },
        },
        OnFailure: { Destination: { Ref: logicalId('AWS::SNS::Topic', 'AlarmTopic') } },
      },
    });
  });

  it('lets the aggregation write aggregates/ only and the export write data/ of the site only', () => {
    const aggregate = statementsOf('AnalyticsAggregateFunction');
    const written = aggregate.filter((s) => [s.Action].flat().includes('s3:PutObject')).map((s) => JSON.stringify(s.Resource));
    expect(written.some((r) => r.includes('/aggregates/*'))).toBe(true);
    expect(written.some((r) => r.includes('/curated/*'))).toBe(false);
    const exporter = statementsOf('AnalyticsDashboardExportFunction');
    const exportWrites = exporter
      .filter((s) => [s.Action].flat().includes('s3:PutObject'))
      .map((s) => JSON.stringify(s.Resource));
    expect(exportWrites).toHaveLength(2); // data/ of the site, athena/ of the results bucket
    expect(exportWrites.some((r) => r.includes(logicalId('AWS::S3::Bucket', 'Site')) && r.includes('/data/*'))).toBe(true);
  });
});

describe('Glue table publishing', () => {
  const arn = (resource: string) => `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:${resource}`;

  it('lets the aggregation get and update exactly the aggregate tables (plus the catalog and database)', () => {
    const updates = statementsOf('AnalyticsAggregateFunction').filter((s) => [s.Action].flat().includes('glue:UpdateTable'));
    expect(updates).toHaveLength(1);
    const [statement] = updates;
    expect([statement!.Action].flat().sort()).toEqual(['glue:GetTable', 'glue:UpdateTable']);
    expect(statement!.Condition).toBeUndefined();
    expect(([statement!.Resource].flat() as unknown[]).map(flat).sort()).toEqual(
      [
        arn('catalog'),
        arn('database/redvest'),
        ...Object.keys(AGGREGATE_TABLES).map((table) => arn(`table/redvest/${table}`)),
      ].sort(),
    );
    for (const table of Object.keys(CURATED_TABLES)) expect(JSON.stringify(statement!.Resource)).not.toContain(table);
  });

  it('lets the aggregation create only its per-run intermediate tables and their partitions', () => {
    const creates = statementsOf('AnalyticsAggregateFunction').filter((s) => [s.Action].flat().includes('glue:CreateTable'));
    expect(creates).toHaveLength(1);
    const [statement] = creates;
    expect([statement!.Action].flat().sort()).toEqual([
      'glue:BatchCreatePartition',
      'glue:CreateTable',
      'glue:GetPartitions',
      'glue:GetTable',
    ]);
    expect(([statement!.Resource].flat() as unknown[]).map(flat).sort()).toEqual(
      [arn('catalog'), arn('database/redvest'), arn('table/redvest/*__run_*')].sort(),
    );
    const others = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((s) => [s.Action].flat().includes('glue:CreateTable')),
    );
    expect(others).toHaveLength(1);
  });

  it('lets no other role update a Glue table', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    const updaters = policies
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as Statement[]).some((s) =>
          [s.Action].flat().some((action) => action === 'glue:UpdateTable' || action === 'glue:*'),
        ),
      )
      .map(([, policy]) => JSON.stringify(policy.Properties.Roles));
    expect(updaters).toHaveLength(1);
    expect(updaters[0]).toContain('AnalyticsAggregateFunction');
  });
});

describe('runtime configuration', () => {
  const configSource = readFileSync(path.join(import.meta.dirname, '../../adapters/config.ts'), 'utf8');
  const readByConfig = new Set([...configSource.matchAll(/\b(REDVEST_[A-Z0-9_]+)\b/g)].map((m) => m[1]));
  const functions = () =>
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined,
    );

  it('gives every function the stores, table, engine and key parameter under the names adapters/config.ts reads', () => {
    expect(functions()).toHaveLength(6);
    const bucket = (fragment: string) => `s3://\${${logicalId('AWS::S3::Bucket', fragment)}}`;
    for (const [id, fn] of functions()) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      for (const name of Object.keys(variables).filter((key) => key.startsWith('REDVEST_')))
        expect(readByConfig.has(name), `${id} ${name}`).toBe(true);
      expect(flat(variables.REDVEST_LANDING_URL)).toBe(bucket('Landing'));
      expect(flat(variables.REDVEST_LAKE_URL)).toBe(bucket('Lake'));
      expect(flat(variables.REDVEST_REJECTS_URL)).toBe(bucket('Rejects'));
      expect(flat(variables.REDVEST_REPORTS_URL)).toBe(bucket('Reports'));
      expect(flat(variables.REDVEST_SITE_URL)).toBe(bucket('Site'));
      expect(flat(variables.REDVEST_TABLE)).toBe(`\${${logicalId('AWS::DynamoDB::Table', 'Ops')}}`);
      expect(flat(variables.REDVEST_ATHENA_OUTPUT)).toMatch(/^s3:\/\/\$\{StorageAthenaResults\w+\}\//);
    }
  });

  it('gives the ingest function and the chunk worker the chunk queue URL', () => {
    const queue = logicalId('AWS::SQS::Queue', 'IngestChunkQueue');
    expect(queue).not.toContain('DeadLetter');
    const withQueue = functions()
      .filter(([, fn]) => fn.Properties.Environment.Variables.REDVEST_CHUNK_QUEUE_URL !== undefined)
      .map(([id, fn]) => {
        expect(flat(fn.Properties.Environment.Variables.REDVEST_CHUNK_QUEUE_URL)).toBe(`\${${queue}}`);
        return id;
      });
    expect(withQueue).toHaveLength(2);
    expect(withQueue.some((id) => id.startsWith('IngestIngestFunction'))).toBe(true);
    expect(withQueue.some((id) => id.startsWith('IngestChunkFunction'))).toBe(true);
  });
});

describe('dashboards', () => {
  it('serves the site bucket through CloudFront with origin access control and an IP allow-list', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      FunctionCode: Match.stringLikeRegexp('\\[\\[3405803776,4294967040\\]\\]'), // 203.0.113.0/24
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      },
    });
  });

  it('deploys the built site without pruning and without touching data/', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: false, Exclude: ['data/*'] });
  });
});

describe('operations', () => {
  it('runs every function on arm64 Node.js 22 with JSON logs, tracing and retention', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined,
    );
    expect(functions).toHaveLength(6);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogFormat, id).toBe('JSON');
      expect(fn.Properties.Environment.Variables).toMatchObject({
        REDVEST_OPS: 'dynamodb',
        REDVEST_ENGINE: 'athena',
        REDVEST_ATHENA_WORKGROUP: 'redvest',
        REDVEST_GLUE_DATABASE: 'redvest',
        REDVEST_KEY_PARAMETER: '/redvest/dev/volunteer-key',
      });
    }
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('alarms on function errors, dead-letter depth and rejection rate, all to the SNS topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
    const topic = logicalId('AWS::SNS::Topic', 'AlarmTopic');
    expect(alarms.length).toBe(6 + 3 + 1);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    expect(alarms.filter((alarm) => alarm.MetricName === 'Errors')).toHaveLength(6);
    expect(alarms.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(alarms.some((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('RowsRejected'))).toBe(true);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('wires exactly the six functions, one per folder under functions/', () => {
    expect([...synth.stack.functions.keys()].sort()).toEqual([
      'aggregate',
      'dashboard-export',
      'ingest',
      'ingest-chunk',
      'report',
      'upload-api',
    ]);
    for (const [name, fn] of synth.stack.functions) expect(fn.entry).toMatch(new RegExp(`functions/${name}/handler\\.ts$`));
  });
});

describe('cdk-nag', () => {
  it('reports zero unsuppressed AwsSolutions findings', () => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual(
      [],
    );
  });

  it('writes no arn:aws: literal into the template', () => {
    expect(synth.json).not.toContain('arn:aws:');
  });
});
