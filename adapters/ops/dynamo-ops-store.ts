/**
 * OpsStore on DynamoDB (cloud) or dynalite (embedded): one table, keys `pk`/`sk`,
 * GSIs `byDistrict` (gsi1pk/gsi1sk) and `byVolunteer` (gsi2pk/gsi2sk).
 *
 * Writes are plain or conditional puts and batch puts: no transactions and no TTL, which
 * dynalite lacks.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  type ExpectedAttributeValue,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { backOff } from 'exponential-backoff';
import { ConditionFailedError, type Item, type KeyQuery, type OpsStore, type WriteCondition } from '../ports.ts';
import { OPS_INDEXES } from './ops-table.ts';

export { ensureTable, OPS_INDEXES, tableDefinition } from './ops-table.ts';

/** Backoff of batch retries (exponential with full jitter). */
export interface BatchRetryOptions {
  /** Attempts per batch before giving up. Default 12. */
  maxAttempts?: number;
  /** First delay, ms. Default 50. */
  baseDelayMs?: number;
  /** Largest delay, ms. Default 5000. */
  maxDelayMs?: number;
}

type Marshalled = Record<string, AttributeValue>;

const MARSHALL_OPTIONS = { removeUndefinedValues: true } as const;
const toAttributes = (value: Record<string, unknown>): Marshalled => marshall(value, MARSHALL_OPTIONS);
const fromAttributes = (attributes: Marshalled): Item => unmarshall(attributes) as Item;

const WRITE_CHUNK = 25;
const READ_CHUNK = 100;

/** Errors DynamoDB asks us to retry after a pause. */
const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** Thrown inside the retry loop while a batch still has unprocessed entries. */
class UnprocessedError extends Error {
  constructor(count: number) {
    super(`${count} entries left unprocessed`);
    this.name = 'UnprocessedError';
  }
}

function isRetryable(error: unknown): boolean {
  const name = (error as Error | undefined)?.name ?? '';
  return error instanceof UnprocessedError || RETRYABLE.has(name);
}

function keyOf(item: { pk?: unknown; sk?: unknown }): string {
  if (typeof item.pk !== 'string' || typeof item.sk !== 'string') throw new Error('ops items need string pk and sk attributes');
  return `${item.pk}\u0000${item.sk}`;
}

function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}

/** A DynamoDB ConditionExpression with its names and values. */
export interface ConditionExpression {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * Maps a {@link WriteCondition} to a DynamoDB condition expression (values as plain JavaScript).
 *
 * @example
 * conditionExpression({ kind: 'notExists' }); // { ConditionExpression: 'attribute_not_exists(pk)' }
 */
export function conditionExpression(condition: WriteCondition): ConditionExpression {
  switch (condition.kind) {
    case 'notExists':
      return { ConditionExpression: 'attribute_not_exists(pk)' };
    case 'absentOrLessThan':
      return {
        ConditionExpression: 'attribute_not_exists(#c) OR #c < :c',
        ExpressionAttributeNames: { '#c': condition.attribute },
        ExpressionAttributeValues: { ':c': condition.value },
      };
    case 'attributeIn': {
      if (condition.values.length === 0) throw new Error('attributeIn needs at least one value');
      const values: Record<string, unknown> = {};
      condition.values.forEach((value, index) => {
        values[`:c${index}`] = value;
      });
      return {
        ConditionExpression: `#c IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#c': condition.attribute },
        ExpressionAttributeValues: values,
      };
    }
  }
}

/**
 * The `Expected` form of a condition, where one exists (`notExists`, `attributeIn`). Puts use it
 * rather than the equivalent ConditionExpression because dynalite parses every expression with a
 * PEG parser (about a tenth of its CPU when ingest puts one conditional pointer per record),
 * while DynamoDB evaluates both forms alike. `absentOrLessThan` needs two tests of one
 * attribute and `attributeIn` over values of mixed types needs the expression's IN, which
 * `Expected` cannot state: they stay expressions.
 *
 * @example
 * expectedCondition({ kind: 'notExists' }); // { pk: { Exists: false } }
 */
export function expectedCondition(condition: WriteCondition): Record<string, ExpectedAttributeValue> | undefined {
  switch (condition.kind) {
    case 'notExists':
      return { pk: { Exists: false } };
    case 'attributeIn':
      if (condition.values.length === 0) throw new Error('attributeIn needs at least one value');
      // Expected's IN takes values of one type only; mixed lists stay an expression.
      if (new Set(condition.values.map((value) => typeof value)).size > 1) return undefined;
      return {
        [condition.attribute]: {
          ComparisonOperator: 'IN',
          AttributeValueList: condition.values.map((value) => toAttributes({ value }).value!),
        },
      };
    case 'absentOrLessThan':
      return undefined;
  }
}

function marshalledCondition(condition: WriteCondition) {
  const expected = expectedCondition(condition);
  if (expected) return { Expected: expected };
  const { ExpressionAttributeValues: values, ...rest } = conditionExpression(condition);
  return values ? { ...rest, ExpressionAttributeValues: toAttributes(values) } : rest;
}

/**
 * The OpsStore over a DynamoDB (or dynalite) table.
 *
 * @example
 * const ops = new DynamoOpsStore(createDynamoClient({ endpoint, local: true }), 'redvest-ops');
 * await ops.put({ pk: 'BATCH#b1', sk: 'MANIFEST', status: 'RECEIVED' }, { kind: 'notExists' });
 */
export class DynamoOpsStore implements OpsStore {
  private readonly retry: Required<BatchRetryOptions>;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
    retry: BatchRetryOptions = {},
  ) {
    this.retry = {
      maxAttempts: retry.maxAttempts ?? 12,
      baseDelayMs: retry.baseDelayMs ?? 50,
      maxDelayMs: retry.maxDelayMs ?? 5000,
    };
  }

  async get(pk: string, sk: string): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: toAttributes({ pk, sk }), ConsistentRead: true }),
    );
    return out.Item ? fromAttributes(out.Item) : undefined;
  }

  async batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]> {
    const unique = [...new Map(keys.map((key) => [keyOf(key), { pk: key.pk, sk: key.sk }])).values()];
    const found: Item[] = [];
    for (const chunk of chunks(unique, READ_CHUNK)) {
      let pending: Marshalled[] = chunk.map(toAttributes);
      await this.withBackoff(async () => {
        const out = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) found.push(fromAttributes(item));
        const left = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (left.length > 0) {
          pending = left;
          throw new UnprocessedError(left.length);
        }
      });
    }
    return found;
  }

  async put(item: Item, condition?: WriteCondition): Promise<void> {
    keyOf(item);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toAttributes(item),
          ...(condition ? marshalledCondition(condition) : {}),
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException')
        throw new ConditionFailedError(`condition ${condition?.kind ?? ''} failed for ${String(item.pk)} / ${String(item.sk)}`);
      throw error;
    }
  }

  async batchPut(items: Item[]): Promise<void> {
    // One request may not name a key twice; the last put of a key wins, as sequential puts would.
    const unique = [...new Map(items.map((item) => [keyOf(item), item])).values()];
    for (const chunk of chunks(unique, WRITE_CHUNK)) {
      let pending: WriteRequest[] = chunk.map((item) => ({ PutRequest: { Item: toAttributes(item) } }));
      await this.withBackoff(async () => {
        const out = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
        const left = out.UnprocessedItems?.[this.tableName] ?? [];
        if (left.length > 0) {
          pending = left;
          throw new UnprocessedError(left.length);
        }
      });
    }
  }

  async query(q: KeyQuery): Promise<Item[]> {
    const keys = q.index ? OPS_INDEXES[q.index] : { partitionKey: 'pk', sortKey: 'sk' };
    const names: Record<string, string> = { '#p': keys.partitionKey };
    const values: Record<string, unknown> = { ':p': q.partition };
    let keyCondition = '#p = :p';
    if (q.sortPrefix !== undefined && q.sortPrefix !== '') {
      names['#s'] = keys.sortKey;
      values[':s'] = q.sortPrefix;
      keyCondition += ' AND begins_with(#s, :s)';
    }
    const items: Item[] = [];
    let startKey: Marshalled | undefined;
    do {
      const remaining = q.limit === undefined ? undefined : q.limit - items.length;
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: q.index,
          KeyConditionExpression: keyCondition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toAttributes(values),
          ScanIndexForward: !q.descending,
          Limit: remaining,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) items.push(fromAttributes(item));
      startKey = out.LastEvaluatedKey;
    } while (startKey && (q.limit === undefined || items.length < q.limit));
    return items;
  }

  async delete(pk: string, sk: string): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: toAttributes({ pk, sk }) }));
  }

  private async withBackoff(attempt: () => Promise<void>): Promise<void> {
    await backOff(attempt, {
      numOfAttempts: this.retry.maxAttempts,
      startingDelay: this.retry.baseDelayMs,
      maxDelay: this.retry.maxDelayMs,
      timeMultiple: 2,
      jitter: 'full',
      retry: (error) => isRetryable(error),
    });
  }
}
