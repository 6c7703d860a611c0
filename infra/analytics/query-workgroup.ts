/**
 * The Athena workgroup: enforced configuration (clients cannot override it), results
 * encrypted with the data key, a bytes-scanned cutoff per query and CloudWatch metrics.
 */
import { Stack } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { Construct } from 'constructs';
import type { QueryWorkgroupProps } from './query-workgroup-props.ts';

/**
 * @example
 * const workgroup = new QueryWorkgroup(this, 'Workgroup', { results, key });
 * workgroup.outputLocation; // 's3://<results>/athena/'
 */
export class QueryWorkgroup extends Construct {
  /** Workgroup name. */
  readonly name: string;
  /** Workgroup ARN. */
  readonly arn: string;
  /** `s3://bucket/prefix/` of query results. */
  readonly outputLocation: string;
  /** Key prefix of results. */
  readonly resultsPrefix: string;

  constructor(scope: Construct, id: string, props: QueryWorkgroupProps) {
    super(scope, id);
    this.name = props.name ?? 'redvest';
    this.resultsPrefix = props.resultsPrefix ?? 'athena/';
    this.outputLocation = `s3://${props.results.bucketName}/${this.resultsPrefix}`;
    const workgroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: this.name,
      description: 'Redvest aggregations and report queries',
      state: 'ENABLED',
      recursiveDeleteOption: (props.stage ?? 'dev') !== 'prod',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.outputLocation,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.key.keyArn },
        },
      },
    });
    this.arn = Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: workgroup.ref });
  }
}
