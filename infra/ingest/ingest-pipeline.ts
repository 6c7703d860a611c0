/**
 * Ingest: landing ObjectCreated → SQS (with DLQ) → ingest function (partial batch responses);
 * large files fan out through the chunk queue (with DLQ) to the chunk worker.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../common/nag.ts';
import { grantKeyUse, grantObjects, grantParameterRead, grantTableItems } from '../common/scoped-grants.ts';
import { RedvestFunction } from '../functions/redvest-function.ts';
import type { IngestPipelineProps } from './ingest-pipeline-props.ts';

/** DynamoDB item actions the ingest functions use (no scans, no table management). */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * @example
 * const ingest = new IngestPipeline(this, 'Ingest', { landing, lake, rejects, key, table, keyParameterName });
 * ingest.deadLetterQueue.queueName;
 */
export class IngestPipeline extends Construct {
  /** Receives landing ObjectCreated events. */
  readonly queue: Queue;
  /** Failed landing events. */
  readonly deadLetterQueue: Queue;
  /** Chunk fan-out queue. */
  readonly chunkQueue: Queue;
  /** Failed chunks. */
  readonly chunkDeadLetterQueue: Queue;
  /** The ingest function. */
  readonly ingest: RedvestFunction;
  /** The chunk worker. */
  readonly chunkWorker: RedvestFunction;

  constructor(scope: Construct, id: string, props: IngestPipelineProps) {
    super(scope, id);
    const timeout = props.functionTimeout ?? Duration.minutes(15);
    const visibilityTimeout = Duration.seconds(timeout.toSeconds() * 6);
    const maxReceiveCount = props.maxReceiveCount ?? 3;
    const defaults = props.functionDefaults ?? {};

    const queue = (queueId: string, deadLetter?: Queue): Queue => {
      const created = new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        ...(deadLetter
          ? { visibilityTimeout, deadLetterQueue: { queue: deadLetter, maxReceiveCount } }
          : { retentionPeriod: Duration.days(14) }),
      });
      if (!deadLetter) acknowledge(created, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue.');
      return created;
    };
    this.deadLetterQueue = queue('DeadLetterQueue');
    this.queue = queue('Queue', this.deadLetterQueue);
    this.chunkDeadLetterQueue = queue('ChunkDeadLetterQueue');
    this.chunkQueue = queue('ChunkQueue', this.chunkDeadLetterQueue);

    props.landing.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue));

    const fn = (fnId: string, name: 'ingest' | 'ingest-chunk', description: string, reserved?: number): RedvestFunction =>
      new RedvestFunction(this, fnId, {
        name,
        description,
        timeout,
        memorySize: props.memorySize ?? 2048,
        ephemeralStorageMb: 4096,
        reservedConcurrentExecutions: reserved,
        environment: { ...defaults.environment, REDVEST_CHUNK_QUEUE_URL: this.chunkQueue.queueUrl },
        tracing: defaults.tracing,
        logRetention: defaults.logRetention,
        skipBundling: defaults.skipBundling,
      });
    this.ingest = fn('IngestFunction', 'ingest', 'Parses, validates and stores files landed by districts');
    this.chunkWorker = fn(
      'ChunkFunction',
      'ingest-chunk',
      'Processes one chunk of a large landed file',
      props.chunkConcurrency ?? 10,
    );

    this.ingest.fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    this.chunkWorker.fn.addEventSource(new SqsEventSource(this.chunkQueue, { batchSize: 1, reportBatchItemFailures: true }));
    this.chunkQueue.grantSendMessages(this.ingest.fn);

    for (const worker of [this.ingest, this.chunkWorker]) grantIngestAccess(worker.fn, props);
  }
}

function grantIngestAccess(fn: IFunction, props: IngestPipelineProps): void {
  const role = fn.role!;
  grantObjects(
    role,
    { bucket: props.landing, prefix: '', read: true, delete: true, list: true },
    'Ingest reads and deletes the raw uploads of the batch it processes.',
  );
  grantObjects(
    role,
    { bucket: props.lake, prefix: 'curated/', read: true, write: true, delete: true, list: true },
    'Ingest writes curated Parquet and tombstones per batch and partition.',
  );
  grantObjects(role, { bucket: props.rejects, prefix: '', write: true }, 'Ingest writes one error report per batch.');
  grantKeyUse(role, props.key);
  grantTableItems(role, props.table, TABLE_WRITE_ACTIONS);
  grantParameterRead(role, props.keyParameterName);
}
