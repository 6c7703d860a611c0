/**
 * The operational table's shape, shared by the CDK construct, the local runtime and tests.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/** Key attributes of each secondary index, by the index names used in {@link KeyQuery}. */
export const OPS_INDEXES = {
  byDistrict: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  byVolunteer: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

/**
 * The CreateTable input of the operational table: on-demand, `pk`/`sk` string keys and the
 * two GSIs (`byDistrict` on gsi1pk/gsi1sk, `byVolunteer` on gsi2pk/gsi2sk), projection ALL.
 *
 * @example
 * await client.send(new CreateTableCommand(tableDefinition('redvest-ops')));
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const gsi = (name: keyof typeof OPS_INDEXES) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: OPS_INDEXES[name].partitionKey, KeyType: 'HASH' as const },
      { AttributeName: OPS_INDEXES[name].sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [gsi('byDistrict'), gsi('byVolunteer')],
  };
}

/**
 * Creates the table when it does not exist and waits until it is active (local use:
 * dynalite; in the cloud the CDK stack owns the table).
 *
 * @example
 * await ensureTable(createDynamoClient({ endpoint }), 'redvest-ops');
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === 'ACTIVE') return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (createError) {
      if ((createError as Error).name !== 'ResourceInUseException') throw createError;
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
}
