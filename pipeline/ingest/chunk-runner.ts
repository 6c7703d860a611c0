/**
 * How a batch's chunks run. A streaming runner receives rows from the coordinator's single
 * parse (in-process, or worker threads locally); a queue runner hands chunk descriptions to a
 * queue (SQS in the cloud) whose consumers read their own row range from the upload and
 * finish the batch when the last chunk is done.
 */
import type { LaneGroup } from './lane-group.ts';
import type { BatchFacts, ChunkResult } from './process-chunk.ts';

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
  /** Processes one lane: the groups the coordinator routes to it. */
  runLane(facts: BatchFacts, lane: number, groups: AsyncIterable<LaneGroup>): Promise<ChunkResult>;
  /** Lanes run in other threads: a CSV reaches them as text (cheaper to copy than rows). */
  readonly crossesThreads?: boolean;
  /** Starts up to `lanes` lanes ahead of their batch (worker threads boot while pass 1 reads). */
  prepare?(lanes: number): void;
  /** Stops lanes prepared but not used. */
  release?(): Promise<void>;
  close?(): Promise<void>;
}

export interface QueueChunkRunner {
  readonly kind: 'queue';
  /** Sends every chunk task; their consumers complete the batch. */
  dispatch(tasks: ChunkTask[]): Promise<void>;
}

export type ChunkRunner = StreamingChunkRunner | QueueChunkRunner;

/**
 * A bounded single-producer queue of lane groups: `push` waits while `capacity` groups are
 * pending, so a fast parser never runs ahead of a slow lane by more than that.
 */
export class RowGroupQueue implements AsyncIterable<LaneGroup> {
  private readonly items: LaneGroup[] = [];
  private closed = false;
  private failure: Error | undefined;
  private wakeConsumer: (() => void) | undefined;
  /** Producers waiting for room, in arrival order (each push keeps its place). */
  private readonly waitingProducers: (() => void)[] = [];

  constructor(private readonly capacity = 4) {}

  async push(group: LaneGroup): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.items.length >= this.capacity || this.waitingProducers.length > 0)
      await new Promise<void>((r) => this.waitingProducers.push(r));
    if (this.failure) throw this.failure;
    this.items.push(group);
    this.wakeConsumer?.();
  }

  close(): void {
    this.closed = true;
    this.wakeConsumer?.();
  }

  /** Called by the consumer when it gives up: pending and later pushes throw. */
  abort(error: Error): void {
    this.failure = error;
    for (const wake of this.waitingProducers.splice(0)) wake();
  }

  private admitProducer(): void {
    if (this.items.length < this.capacity) this.waitingProducers.shift()?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<LaneGroup> {
    for (;;) {
      if (this.items.length > 0) {
        const group = this.items.shift()!;
        this.admitProducer();
        yield group;
        continue;
      }
      if (this.closed && this.waitingProducers.length === 0) return;
      await new Promise<void>((r) => (this.wakeConsumer = r));
    }
  }
}
