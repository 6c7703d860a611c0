/**
 * How a batch's chunks run. A streaming runner receives rows from the coordinator's single
 * parse (in-process, or worker threads locally); a queue runner hands chunk descriptions to a
 * queue (SQS in the cloud) whose consumers read their own row range from the upload and
 * finish the batch when the last chunk is done.
 */
import type { BatchFacts, ChunkResult, ChunkRow } from './process-chunk.ts';

/** A chunk as a queue message describes it: rows [firstOrdinal, endOrdinal) of the file's data rows. */
export interface ChunkTask {
  landingKey: string;
  facts: BatchFacts;
  chunk: number;
  chunks: number;
  firstOrdinal: number;
  endOrdinal: number;
}

export interface StreamingChunkRunner {
  readonly kind: 'stream';
  /** Parallel lanes for a batch of `chunks` chunks (1 = run in the caller). */
  lanes(chunks: number): number;
  /** Processes one lane: the rows the coordinator routes to it. */
  runLane(facts: BatchFacts, lane: number, rows: AsyncIterable<readonly ChunkRow[]>): Promise<ChunkResult>;
  close?(): Promise<void>;
}

export interface QueueChunkRunner {
  readonly kind: 'queue';
  /** Sends every chunk task; their consumers complete the batch. */
  dispatch(tasks: ChunkTask[]): Promise<void>;
}

export type ChunkRunner = StreamingChunkRunner | QueueChunkRunner;

/**
 * A bounded single-producer queue of row groups: `push` waits while `capacity` groups are
 * pending, so a fast parser never runs ahead of a slow lane by more than that.
 */
export class RowGroupQueue implements AsyncIterable<readonly ChunkRow[]> {
  private readonly items: (readonly ChunkRow[])[] = [];
  private closed = false;
  private failure: Error | undefined;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  constructor(private readonly capacity = 4) {}

  async push(group: readonly ChunkRow[]): Promise<void> {
    while (this.items.length >= this.capacity && !this.failure) await new Promise<void>((r) => (this.wakeProducer = r));
    if (this.failure) throw this.failure;
    this.items.push(group);
    this.wakeConsumer?.();
  }

  close(): void {
    this.closed = true;
    this.wakeConsumer?.();
  }

  /** Called by the consumer when it gives up: the producer's next push throws. */
  abort(error: Error): void {
    this.failure = error;
    this.wakeProducer?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<readonly ChunkRow[]> {
    for (;;) {
      if (this.items.length > 0) {
        const group = this.items.shift()!;
        this.wakeProducer?.();
        yield group;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => (this.wakeConsumer = r));
    }
  }
}
