/**
 * The local stand-in for S3 → SQS → ingest: turns "an object was created in landing/" into an
 * S3-shaped `ObjectCreated:Put` event and hands it to the ingest handler, one event at a
 * time in arrival order. Fed by the local API server (filesystem landing store) or by
 * s3rver's `event` emitter.
 */
import type { S3Event } from 'aws-lambda';
import type { RunningS3rver } from '../adapters/blob/s3rver-server.ts';
import type { Runtime } from '../adapters/runtime.ts';
import { localLambdaContext } from '../functions/commons/local-context.ts';
import { type CreatedObject, s3ObjectsCreatedEvent } from '../functions/commons/s3-event-keys.ts';

export type { CreatedObject };

/** Delivers an event to ingest (the handler, wrapped as its trigger expects). */
export type S3EventDelivery = (event: S3Event) => Promise<unknown>;

export interface LocalS3EventRunner {
  /** Queues a created object; delivery happens in the background, in order. */
  notify(object: CreatedObject): void;
  /** Queues a ready-made event (e.g. from s3rver). */
  notifyEvent(event: S3Event): void;
  /** Resolves when every queued event has been delivered (failures are reported, not thrown). */
  idle(): Promise<void>;
}

/**
 * A runner that delivers events one after another; a failed delivery goes to `onError` and
 * does not stop later ones (in the cloud the message would go to the DLQ).
 *
 * @example
 * const runner = createLocalS3EventRunner((event) => ingestHandler(event, context), console.error);
 * runner.notify({ bucket: 'landing', key, size });
 * await runner.idle();
 */
export function createLocalS3EventRunner(
  deliver: S3EventDelivery,
  onError: (error: unknown, event: S3Event) => void,
): LocalS3EventRunner {
  let tail: Promise<void> = Promise.resolve();
  const notifyEvent = (event: S3Event) => {
    tail = tail.then(() =>
      deliver(event).then(
        () => undefined,
        (error: unknown) => onError(error, event),
      ),
    );
  };
  return {
    notify(object) {
      notifyEvent(s3ObjectsCreatedEvent([object]));
    },
    notifyEvent,
    async idle() {
      let seen: Promise<void>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}

/**
 * Feeds s3rver's `ObjectCreated:*` notifications (for keys under `landing/`) into a runner:
 * the local equivalent of the landing bucket's notification to the ingest queue.
 *
 * @example
 * attachS3rverEvents(s3rver, runner);
 */
export function attachS3rverEvents(s3rver: RunningS3rver, runner: LocalS3EventRunner, keyFilter = /(^|\/)landing\//): void {
  s3rver.onEvent((record) => {
    if (!record.eventName.startsWith('ObjectCreated:')) return;
    // s3rver reports keys as stored (unlike S3, which URL-encodes them): re-encoded below.
    const key = record.s3.object.key;
    if (!keyFilter.test(key)) return;
    runner.notify({ bucket: record.s3.bucket.name, key, size: record.s3.object.size ?? 0 });
  });
}

/**
 * Delivery to the ingest function's handler (`functions/ingest/handler.ts`, the same middy
 * chain as in the cloud) over a runtime, as the landing bucket's notification would invoke it.
 * A batch's internal error rejects the delivery (the runner reports it).
 *
 * @example
 * const runner = createLocalS3EventRunner(ingestDeliveryOver(runtime), console.error);
 */
export function ingestDeliveryOver(runtime: Runtime): S3EventDelivery {
  let handle: Promise<(event: S3Event) => Promise<unknown>> | undefined;
  return async (event) => {
    handle ??= Promise.all([import('../functions/ingest/handler.ts'), import('../functions/commons/ingest-deps.ts')]).then(
      ([{ createIngestHandler }, { ingestDepsOf }]) => {
        const deps = ingestDepsOf(runtime);
        const handler = createIngestHandler(() => deps);
        return (s3Event: S3Event) => handler(s3Event, localLambdaContext('ingest'));
      },
    );
    return (await handle)(event);
  };
}
