/**
 * The operational DynamoDB table (records, batch manifests, volunteer profiles), built from the
 * adapter's `OPS_INDEXES` (`adapters/ops/ops-table.ts`, whose `tableDefinition()` the tests compare with): `pk`/`sk` string keys and the
 * `byDistrict` (`gsi1pk`, `gsi1sk`) and `byVolunteer` (`gsi2pk`, `gsi2sk`) indexes.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { OPS_INDEXES } from '../../adapters/ops/ops-table.ts';
import type { OpsTableProps } from './ops-table-props.ts';

/**
 * On-demand table with point-in-time recovery, encrypted with the data key.
 *
 * @example
 * const ops = new OpsTable(this, 'Ops', { stage: 'prod' }, storage.key);
 */
export class OpsTable extends Construct {
  /** The table. */
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: OpsTableProps, key: IKey) {
    super(scope, id);
    const prod = (props.stage ?? 'dev') === 'prod';
    // Table (not TableV2): a customer-managed key on TableV2 cannot synthesise environment-agnostic.
    const table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [indexName, keys] of Object.entries(OPS_INDEXES)) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: keys.partitionKey, type: AttributeType.STRING },
        sortKey: { name: keys.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.table = table;
  }
}
