/**
 * Least-privilege grants written out action by action, scoped to one bucket prefix, one key
 * or one table, each with the reason cdk-nag is told about its remaining wildcard.
 */
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledgeWildcards } from './nag.ts';

/** What a function may do with the objects under one prefix of one bucket. */
export interface ObjectAccess {
  /** The bucket. */
  bucket: IBucket;
  /** Key prefix, e.g. `curated/`; `''` means the whole bucket. */
  prefix: string;
  /** s3:GetObject. Default false. */
  read?: boolean;
  /** s3:PutObject and s3:AbortMultipartUpload. Default false. */
  write?: boolean;
  /** s3:DeleteObject. Default false. */
  delete?: boolean;
  /** s3:ListBucket restricted to the prefix. Default false. */
  list?: boolean;
}

function addWithReason(role: IRole, statement: PolicyStatement, reason: string): void {
  role.addToPrincipalPolicy(statement);
  acknowledgeWildcards(role, statement, reason);
}

/**
 * Grants object access under one prefix of one bucket.
 *
 * @example
 * grantObjects(role, { bucket: lake, prefix: 'curated/', write: true }, 'Ingest writes curated Parquet per batch.');
 */
export function grantObjects(role: IRole, access: ObjectAccess, reason: string): void {
  const actions = [
    ...(access.read ? ['s3:GetObject'] : []),
    ...(access.write ? ['s3:PutObject', 's3:AbortMultipartUpload'] : []),
    ...(access.delete ? ['s3:DeleteObject'] : []),
  ];
  if (actions.length > 0) {
    const objects = new PolicyStatement({ actions, resources: [access.bucket.arnForObjects(`${access.prefix}*`)] });
    addWithReason(role, objects, `${reason} Object keys are not known in advance; access is limited to "${access.prefix}*".`);
  }
  if (access.list) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [access.bucket.bucketArn],
        ...(access.prefix === '' ? {} : { conditions: { StringLike: { 's3:prefix': [`${access.prefix}*`] } } }),
      }),
    );
  }
}

/**
 * Grants use of the customer-managed key (no `kms:*`, no `GenerateDataKey*` wildcard).
 *
 * @example
 * grantKeyUse(role, key);
 */
export function grantKeyUse(role: IRole, key: IKey): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }),
  );
}

/**
 * Adds a statement and acknowledges its wildcards with a specific reason.
 *
 * @example
 * grantWithReason(role, new PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] }), 'X-Ray has no resource ARNs.');
 */
export function grantWithReason(role: IRole, statement: PolicyStatement, reason: string): void {
  addWithReason(role, statement, reason);
}

/**
 * Grants item-level actions on a table and its indexes (never table management, never `dynamodb:*`).
 *
 * @example
 * grantTableItems(role, table, ['dynamodb:GetItem', 'dynamodb:Query']);
 */
export function grantTableItems(role: IRole, table: ITable, actions: readonly string[]): void {
  addWithReason(
    role,
    new PolicyStatement({ actions: [...actions], resources: [table.tableArn, `${table.tableArn}/index/*`] }),
    'Queries use the table’s own global secondary indexes (byDistrict, byVolunteer) only.',
  );
}

/**
 * Grants reading one SSM parameter by name.
 *
 * @example
 * grantParameterRead(role, '/redvest/prod/volunteer-key');
 */
export function grantParameterRead(role: IRole, parameterName: string): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [
        Stack.of(role).formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.replace(/^\//, '') }),
      ],
    }),
  );
}
