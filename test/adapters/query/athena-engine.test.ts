import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AthenaEngine, AthenaQueryError, requestToken } from '../../../adapters/query/athena-engine.ts';

const athena = mockClient(AthenaClient);
const SQL = 'SELECT district, service_date, hours, n, ok, at FROM agg WHERE 1 = 1';
const cell = (v?: string) => (v === undefined ? {} : { VarCharValue: v });
const columns = [
  { Name: 'district', Label: 'district', Type: 'varchar' },
  { Name: 'service_date', Label: 'service_date', Type: 'date' },
  { Name: 'hours', Label: 'hours', Type: 'decimal' },
  { Name: 'n', Label: 'n', Type: 'bigint' },
  { Name: 'ok', Label: 'ok', Type: 'boolean' },
  { Name: 'at', Label: 'at', Type: 'timestamp' },
];

function engine(runId = 'run-2026-11-01') {
  return new AthenaEngine({
    client: new AthenaClient({ region: 'cn-north-1' }),
    workgroup: 'redvest',
    database: 'redvest_db',
    outputLocation: 's3://results/athena/',
    runId,
    pollInitialMs: 1,
    pollMaxMs: 4,
    timeoutMs: 2_000,
    startBaseDelayMs: 1,
  });
}

const expectedStart = {
  QueryString: SQL,
  WorkGroup: 'redvest',
  QueryExecutionContext: { Database: 'redvest_db' },
  ClientRequestToken: requestToken('run-2026-11-01', SQL),
  ResultConfiguration: { OutputLocation: 's3://results/athena/' },
};

describe('AthenaEngine (aws-sdk-client-mock)', () => {
  beforeEach(() => athena.reset());
  afterEach(() => athena.reset());

  it('starts with an idempotency token, polls until SUCCEEDED and reads two result pages', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'QUEUED' }, StatementType: 'DML' } })
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'RUNNING' }, StatementType: 'DML' } })
      .resolves({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'SUCCEEDED' }, StatementType: 'DML' } });
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: undefined })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [
            { Data: columns.map((c) => cell(c.Name)) },
            {
              Data: [cell('futian'), cell('2026-10-31'), cell('12.50'), cell('3'), cell('true'), cell('2026-11-01 08:30:15.25')],
            },
          ],
        },
        NextToken: 'page-2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'page-2' })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [
            {
              Data: [cell('福田'), cell(), cell('0.1'), cell('9007199254740993'), cell('false'), cell('2026-11-01 00:00:00.000')],
            },
          ],
        },
      });

    const rows = await engine().query(SQL);

    expect(rows).toEqual([
      { district: 'futian', service_date: '2026-10-31', hours: 12.5, n: 3, ok: true, at: '2026-11-01T08:30:15.250Z' },
      { district: '福田', service_date: null, hours: 0.1, n: 9007199254740993n, ok: false, at: '2026-11-01T00:00:00.000Z' },
    ]);
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([expectedStart]);
    expect(athena.commandCalls(GetQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-1' },
      { QueryExecutionId: 'q-1' },
      { QueryExecutionId: 'q-1' },
    ]);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: undefined },
      { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'page-2' },
    ]);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it('derives the token from the run id and the SQL', () => {
    expect(requestToken('r1', SQL)).toBe(requestToken('r1', SQL));
    expect(requestToken('r1', SQL)).not.toBe(requestToken('r2', SQL));
    expect(requestToken('r1', SQL)).not.toBe(requestToken('r1', `${SQL} `));
    expect(requestToken('r1', SQL)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['FAILED', 'SYNTAX_ERROR: line 1:8: Column x cannot be resolved'],
    ['CANCELLED', 'Query cancelled by user'],
  ] as const)('throws with the StateChangeReason when the query ends %s', async (state, reason) => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-2', Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { QueryExecutionId: 'q-2', Status: { State: state, StateChangeReason: reason } } });

    const error = await engine()
      .execute(SQL)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AthenaQueryError);
    expect(error).toMatchObject({ state, reason, queryExecutionId: 'q-2' });
    expect((error as Error).message).toContain(reason);
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([expectedStart]);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('retries StartQueryExecution on TooManyRequestsException with the same token', async () => {
    const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    athena.on(StartQueryExecutionCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ QueryExecutionId: 'q-3' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { QueryExecutionId: 'q-3', Status: { State: 'SUCCEEDED' }, StatementType: 'DDL' },
    });

    await engine().execute(SQL);

    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      expectedStart,
      expectedStart,
      expectedStart,
    ]);
    expect(athena.commandCalls(GetQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([{ QueryExecutionId: 'q-3' }]);
  });

  it('does not retry other start errors', async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(new Error('bad SQL'), { name: 'InvalidRequestException' }));
    await expect(engine().execute(SQL)).rejects.toThrow('bad SQL');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
  });

  it('stops the query and throws when it outlives the timeout', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-4' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { QueryExecutionId: 'q-4', Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    const quick = new AthenaEngine({
      client: new AthenaClient({ region: 'cn-north-1' }),
      workgroup: 'redvest',
      database: 'redvest_db',
      runId: 'run-t',
      pollInitialMs: 5,
      pollMaxMs: 20,
      timeoutMs: 100,
    });

    const error = await quick.query(SQL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AthenaQueryError);
    expect(error).toMatchObject({ state: 'TIMEOUT', queryExecutionId: 'q-4' });
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueryString: SQL,
        WorkGroup: 'redvest',
        QueryExecutionContext: { Database: 'redvest_db' },
        ClientRequestToken: requestToken('run-t', SQL),
      },
    ]);
    expect(athena.commandCalls(GetQueryExecutionCommand).length).toBeGreaterThan(2);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([{ QueryExecutionId: 'q-4' }]);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });
});
