/**
 * cdk-nag acknowledgements with a reason attached where the permission is granted.
 *
 * cdk-nag 3 acknowledges each finding individually (`AwsSolutions-IAM5[Resource::…]`), so wildcard
 * findings are computed from the statement itself, exactly as cdk-nag flattens them.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag rule (or finding) on a construct and its descendants.
 *
 * @example
 * acknowledge(bucket, 'AwsSolutions-S1', 'This bucket is the access-log target itself.');
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The `AwsSolutions-IAM5` finding ids a statement raises (wildcard actions and resources).
 *
 * @example
 * wildcardFindings(stack, statement); // ['AwsSolutions-IAM5[Resource::<LakeBucket.Arn>/curated/*]']
 */
export function wildcardFindings(scope: IConstruct, statement: PolicyStatement | object): string[] {
  const raw = 'toStatementJson' in statement ? (statement as PolicyStatement).toStatementJson() : statement;
  const json = Stack.of(scope).resolve(raw) as { Effect?: string; Action?: unknown; Resource?: unknown };
  if (json.Effect !== undefined && json.Effect !== 'Allow') return [];
  const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const actions = list(json.Action)
    .filter((action): action is string => typeof action === 'string' && action.includes('*'))
    .map((action) => `Action::${action}`);
  const resources = list(json.Resource)
    .map((resource) => flattenCfnReference(resource))
    .filter((resource) => resource.includes('*'))
    .map((resource) => `Resource::${resource}`);
  return [...actions, ...resources].map((finding) => `AwsSolutions-IAM5[${finding}]`);
}

/**
 * Acknowledges every wildcard finding of a statement on the identity that holds it.
 *
 * @example
 * acknowledgeWildcards(role, statement, 'Objects under curated/ only: keys are per batch.');
 */
export function acknowledgeWildcards(holder: IConstruct, statement: PolicyStatement, reason: string): void {
  for (const id of wildcardFindings(holder, statement)) acknowledge(holder, id, reason);
}
