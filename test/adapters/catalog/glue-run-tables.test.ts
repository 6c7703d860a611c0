import { AlreadyExistsException, BatchCreatePartitionCommand, CreateTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { glueRunTables, runTableName } from '../../../adapters/catalog/glue-run-tables.ts';
import { intRegistrations } from '../../../pipeline/aggregate/intermediate-tables.ts';
import { AGGREGATE_TABLES } from '../../../schemas/tables.ts';

const month = (run: string, m: string) => `s3://lake/aggregates/runs/${run}/int_registrations/part-0/month=${m}/`;

describe('glueRunTables', () => {
  const glue = mockClient(GlueClient);
  const registry = () => glueRunTables(new GlueClient({}), 'redvest');
  beforeEach(() => glue.reset());

  it('creates a month-partitioned table over months of several runs, one partition per location', async () => {
    glue.on(CreateTableCommand).resolves({});
    glue.on(BatchCreatePartitionCommand).resolves({ Errors: [] });
    const locations = [month('r1', '2026-10'), month('r2', '2026-11')];
    const name = await registry().register(intRegistrations, locations);
    expect(name).toBe(runTableName('int_registrations', locations));
    expect(name).toMatch(/^int_registrations__run_[0-9a-f]{16}$/);
    expect(runTableName('int_registrations', [...locations].reverse())).toBe(name);

    const create = glue.commandCalls(CreateTableCommand)[0]!.args[0].input;
    expect(create.DatabaseName).toBe('redvest');
    expect(create.TableInput?.Name).toBe(name);
    expect(create.TableInput?.PartitionKeys?.map((k) => k.Name)).toEqual(['month']);
    expect(create.TableInput?.StorageDescriptor?.Location).toBe('s3://lake/aggregates/runs/');
    expect(create.TableInput?.StorageDescriptor?.Columns?.map((c) => c.Name)).not.toContain('month');

    const batch = glue.commandCalls(BatchCreatePartitionCommand)[0]!.args[0].input;
    expect(batch.TableName).toBe(name);
    expect(batch.PartitionInputList?.map((p) => [p.Values, p.StorageDescriptor?.Location])).toEqual([
      [['2026-10'], locations[0]],
      [['2026-11'], locations[1]],
    ]);
  });

  it('splits partitions into calls of 100 and tolerates a retry (table and partitions already there)', async () => {
    glue.on(CreateTableCommand).rejects(new AlreadyExistsException({ message: 'exists', $metadata: {} }));
    glue.on(BatchCreatePartitionCommand).resolves({
      Errors: [{ PartitionValues: ['2020-01'], ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'exists' } }],
    });
    const locations = Array.from({ length: 130 }, (_, i) =>
      month('r1', `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
    );
    await registry().register(intRegistrations, locations);
    expect(glue.commandCalls(BatchCreatePartitionCommand).map((c) => c.args[0].input.PartitionInputList?.length)).toEqual([
      100, 30,
    ]);
  });

  it('fails on any other partition error, and on locations that do not fit the table', async () => {
    glue.on(CreateTableCommand).resolves({});
    glue.on(BatchCreatePartitionCommand).resolves({
      Errors: [
        {
          PartitionValues: ['2026-10'],
          ErrorDetail: { ErrorCode: 'ResourceNumberLimitExceededException', ErrorMessage: 'limit' },
        },
      ],
    });
    await expect(registry().register(intRegistrations, [month('r1', '2026-10')])).rejects.toThrow(
      /1 partition\(s\) not created: ResourceNumberLimitExceededException limit/,
    );
    await expect(registry().register(intRegistrations, ['s3://lake/aggregates/runs/r1/x/'])).rejects.toThrow(
      /not a month partition/,
    );
    const participation = AGGREGATE_TABLES.agg_participation!;
    await expect(registry().register(participation, ['s3://a/', 's3://b/'])).rejects.toThrow(/exactly one location/);
  });

  it('creates an unpartitioned table at its one location (an aggregate output) without partitions', async () => {
    glue.on(CreateTableCommand).resolves({});
    const location = 's3://lake/aggregates/runs/r1/agg_participation/';
    await registry().register(AGGREGATE_TABLES.agg_participation!, [location]);
    expect(glue.commandCalls(CreateTableCommand)[0]!.args[0].input.TableInput?.StorageDescriptor?.Location).toBe(location);
    expect(glue.commandCalls(BatchCreatePartitionCommand)).toHaveLength(0);
  });
});
