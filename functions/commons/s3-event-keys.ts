/**
 * Landing keys carried by the events the ingest function receives: SQS messages wrapping S3
 * ObjectCreated notifications (the cloud path), or an S3 notification itself (the local runner
 * and the CLI invoke the handler with one).
 */
import type { S3Event, SQSEvent, SQSRecord } from 'aws-lambda';

/** One landing object to ingest, with the SQS message it came from (for partial failures). */
export interface LandingObject {
  key: string;
  eventTime?: string;
  messageId?: string;
}

/**
 * Decodes an S3 notification key (URL-encoded, spaces as `+`).
 *
 * @example
 * decodeEventKey('landing/x/batch%3Db1/a+b.csv'); // 'landing/x/batch=b1/a b.csv'
 */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

function fromS3Event(event: Partial<S3Event>, messageId?: string): LandingObject[] {
  const objects: LandingObject[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated:')) continue;
    objects.push({ key: decodeEventKey(record.s3.object.key), eventTime: record.eventTime, messageId });
  }
  return objects;
}

/** True when the event is an SQS batch. */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: { eventSource?: string }[] } | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && records[0]?.eventSource === 'aws:sqs';
}

/**
 * The landing objects of an SQS message (its body is an S3 notification; `s3:TestEvent`
 * bodies yield nothing). Throws on a body that is not JSON.
 */
export function landingObjectsOfMessage(record: SQSRecord): LandingObject[] {
  const body = JSON.parse(record.body) as Partial<S3Event>;
  return fromS3Event(body, record.messageId);
}

/**
 * Every landing object of a direct S3 event.
 *
 * @example
 * landingObjectsOfS3Event(event)[0].key; // 'landing/service_records/district=futian/batch=b1/x.csv'
 */
export function landingObjectsOfS3Event(event: S3Event): LandingObject[] {
  return fromS3Event(event);
}

/**
 * An S3-shaped ObjectCreated event for one key (the local runner and `redvest ingest`).
 *
 * @example
 * s3ObjectCreatedEvent('redvest-landing', 'landing/…/records.csv', 1024);
 */
export function s3ObjectCreatedEvent(bucket: string, key: string, size: number, now: Date = new Date()): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'local',
        eventTime: now.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'landing',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: 'local',
            sequencer: '0',
          },
        },
      },
    ],
  };
}
