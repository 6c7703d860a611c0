/**
 * Landing keys carried by the events the ingest function receives: SQS messages wrapping S3
 * ObjectCreated notifications (the cloud path), or an S3 notification itself (the local runner
 * and the CLI invoke the handler with one).
 */
import type { S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';

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

/** An object that has just been written. */
export interface CreatedObject {
  bucket: string;
  /** Object key as stored (not URL-encoded). */
  key: string;
  size: number;
  eTag?: string;
}

/**
 * Encodes a key as S3 notifications carry it (URL-encoded, spaces as `+`).
 *
 * @example
 * encodeS3EventKey('landing/a b/福田.csv'); // 'landing/a+b/%E7%A6%8F%E7%94%B0.csv'
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

/**
 * An S3 `ObjectCreated:Put` notification for the given objects (the local stand-in for the
 * landing bucket's notifications).
 *
 * @example
 * const event = s3ObjectsCreatedEvent([{ bucket: 'landing', key: 'landing/…/a.csv', size: 10 }]);
 */
export function s3ObjectsCreatedEvent(objects: CreatedObject[], now: Date = new Date()): S3Event {
  const records = objects.map(
    (object, index): S3EventRecord => ({
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
        configurationId: 'redvest-local-landing',
        bucket: { name: object.bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${object.bucket}` },
        object: {
          key: encodeS3EventKey(object.key),
          size: object.size,
          eTag: object.eTag ?? '',
          sequencer: `${now.getTime().toString(16)}${index}`.toUpperCase(),
        },
      },
    }),
  );
  return { Records: records };
}

/**
 * An S3-shaped ObjectCreated event for one key (`redvest ingest`, tests).
 *
 * @example
 * s3ObjectCreatedEvent('redvest-landing', 'landing/…/records.csv', 1024);
 */
export function s3ObjectCreatedEvent(bucket: string, key: string, size: number, now: Date = new Date()): S3Event {
  return s3ObjectsCreatedEvent([{ bucket, key, size }], now);
}
