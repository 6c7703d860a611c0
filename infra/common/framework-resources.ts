/**
 * Acknowledgements for the helper functions CDK itself adds (bucket notifications, auto-delete
 * of dev buckets, site deployment, log retention): their code and roles are maintained by CDK.
 */
import { Aspects, type Stack } from 'aws-cdk-lib';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledge, wildcardFindings } from './nag.ts';

/** Ids prefixes of the singleton helpers CDK adds to a stack, with what each does. */
const FRAMEWORK_HELPERS: readonly { prefix: string; purpose: string }[] = [
  { prefix: 'BucketNotificationsHandler', purpose: 'configures the landing bucket’s event notification' },
  { prefix: 'Custom::S3AutoDeleteObjectsCustomResourceProvider', purpose: 'empties dev buckets on stack deletion' },
  { prefix: 'Custom::CDKBucketDeployment', purpose: 'copies the built dashboard site to its bucket' },
];

/**
 * Acknowledges the findings cdk-nag reports on CDK's own helper functions, with specific reasons.
 * Call once, after every construct is added.
 *
 * @example
 * acknowledgeFrameworkResources(stack);
 */
export function acknowledgeFrameworkResources(stack: Stack): void {
  // Some helpers (the site deployment) add their grants late, so acknowledge when aspects run.
  Aspects.of(stack).add({
    visit: (node) => {
      if (node === stack) acknowledgeNow(stack);
    },
  });
}

function acknowledgeNow(stack: Stack): void {
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('SchedulerRoleForTarget')) {
      acknowledgeSchedulerRole(child);
      continue;
    }
    const helper = FRAMEWORK_HELPERS.find((candidate) => child.node.id.startsWith(candidate.prefix));
    if (helper === undefined) continue;
    const why = `CDK-managed helper that ${helper.purpose}; its code, runtime and role are maintained by aws-cdk-lib.`;
    acknowledge(
      child,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      why,
    );
    acknowledge(child, 'AwsSolutions-IAM5[Resource::*]', why);
    acknowledge(child, 'AwsSolutions-L1', why);
  }
}

/** EventBridge Scheduler target roles: `lambda:InvokeFunction` on one function and its versions (`<arn>:*`). */
function acknowledgeSchedulerRole(role: IConstruct): void {
  const policy = role.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  const statements = (policy?.document.toJSON() as { Statement?: object[] } | undefined)?.Statement ?? [];
  for (const statement of statements)
    for (const id of wildcardFindings(role, statement))
      acknowledge(
        role,
        id,
        'EventBridge Scheduler invokes one scheduled function; the suffix covers its versions and aliases only.',
      );
}
