/**
 * The collect sink behind collectAsync() and executeAndCollect(limit) (docs/architecture.md,
 * "Collecting results"; the protocol: src/runtime/coordination/collect-protocol.ts). It runs at
 * parallelism 1, numbers its records from 0, and keeps every record the client has not
 * acknowledged in a buffer of at most `maxBufferBytes` (collect-sink.batch-size.max): new records
 * go to the JobMaster's collect coordinator in batches; while the buffer is full the task takes no
 * input, which backpressures the job. The buffer and its offset are the sink's checkpointed state,
 * so a restored sink can hand out again what its checkpoint covers and the client did not have yet.
 */
import { randomUUID } from "node:crypto";
import { Packr } from "msgpackr";
import { ListStateDescriptor } from "../../../api/state/state-descriptors.js";
import type { CollectAck, CollectPush } from "../../coordination/collect-protocol.js";
import { StreamOperator, type SnapshotOptions } from "../stream-operator.js";

const STATE = "$collect-buffer";
/** Records pushed at once at the most; a partial batch goes after PUSH_DELAY_MS. */
const PUSH_BATCH = 1024;
const PUSH_DELAY_MS = 20;

interface BufferState {
  offset: number;
  values: unknown[];
}

const sizer = new Packr({ moreTypes: true, useRecords: false });

export class CollectIteratorSinkOperator extends StreamOperator {
  /** A new version per attempt: the client tells a restarted sink by it. */
  private readonly version = randomUUID();
  private buffer: unknown[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  /** Offset of buffer[0]: the client has acknowledged everything below. */
  private bufferOffset = 0;
  /** Records below this offset have been pushed to the coordinator. */
  private pushedUpTo = 0;
  private lastCheckpointedOffset = 0;
  /** Checkpoint id → the offset its snapshot covered (savepoints are not restored by failover: not here). */
  private readonly pendingCheckpoints = new Map<number, number>();
  private waiters: Array<() => void> = [];
  private cancelPushTimer: (() => void) | undefined;

  private get maxBufferBytes(): number {
    return Number(this.ctx.descriptor.config.maxBufferBytes ?? 2 * 1024 * 1024);
  }

  override initializeState(restored: boolean): void {
    if (!restored) return;
    const [state] = this.state().get() as BufferState[];
    if (!state) return;
    this.bufferOffset = state.offset;
    this.buffer = [...state.values];
    this.sizes = this.buffer.map(sizeOf);
    this.bytes = this.sizes.reduce((a, b) => a + b, 0);
    // The checkpoint this sink came back from is complete: all it covers may go to the consumer.
    this.lastCheckpointedOffset = this.bufferOffset + this.buffer.length;
    this.pushedUpTo = this.bufferOffset;
  }

  override open(): void {
    // Announce this version (and a restored buffer) at once, before any new record.
    this.push();
  }

  processElement(value: unknown): void {
    const size = sizeOf(value);
    this.buffer.push(value);
    this.sizes.push(size);
    this.bytes += size;
    if (this.bufferOffset + this.buffer.length - this.pushedUpTo >= PUSH_BATCH) this.push();
    else this.cancelPushTimer ??= this.ctx.processingTime.setTimer(this.ctx.processingTime.now() + PUSH_DELAY_MS, () => this.push());
  }

  /** The buffer is full: the task stops taking input until the client acknowledges records. */
  override get isBackpressured(): boolean {
    return this.bytes >= this.maxBufferBytes && this.buffer.length > 0;
  }

  override whenNotBackpressured(): Promise<void> {
    if (!this.isBackpressured) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** From the coordinator: the client holds every record below `offset`. */
  handleOperatorEvent(event: CollectAck): void {
    if (event.version !== this.version || event.offset <= this.bufferOffset) return;
    const drop = Math.min(event.offset - this.bufferOffset, this.buffer.length);
    for (let i = 0; i < drop; i++) this.bytes -= this.sizes[i]!;
    this.buffer.splice(0, drop);
    this.sizes.splice(0, drop);
    this.bufferOffset += drop;
    if (!this.isBackpressured) for (const resume of this.waiters.splice(0)) resume();
  }

  override snapshotState(checkpointId: number, options?: SnapshotOptions): void {
    this.state().update([{ offset: this.bufferOffset, values: [...this.buffer] } satisfies BufferState]);
    if (!options?.isSavepoint) this.pendingCheckpoints.set(checkpointId, this.bufferOffset + this.buffer.length);
  }

  override notifyCheckpointComplete(checkpointId: number): void {
    const covered = this.pendingCheckpoints.get(checkpointId);
    for (const id of [...this.pendingCheckpoints.keys()]) if (id <= checkpointId) this.pendingCheckpoints.delete(id);
    if (covered === undefined || covered <= this.lastCheckpointedOffset) return;
    this.lastCheckpointedOffset = covered;
    this.push();
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    this.pendingCheckpoints.delete(checkpointId);
  }

  override finish(): void {
    this.push();
  }

  override close(): void {
    this.cancelPushTimer?.();
    this.cancelPushTimer = undefined;
  }

  /** Sends the records not pushed yet (possibly none: a new checkpointed offset, or the version). */
  private push(): void {
    this.cancelPushTimer?.();
    this.cancelPushTimer = undefined;
    const from = this.pushedUpTo;
    const values = this.buffer.slice(from - this.bufferOffset);
    this.pushedUpTo = this.bufferOffset + this.buffer.length;
    const push: CollectPush = { kind: "collect-push", nodeId: this.ctx.descriptor.nodeId, version: this.version, offset: from, values, lastCheckpointedOffset: this.lastCheckpointedOffset };
    this.ctx.sendToCoordinator!(push);
  }

  private state(): { get(): unknown[]; update(values: unknown[]): void } {
    const list = this.ctx.operatorState!.getListState<unknown>(new ListStateDescriptor<unknown>(STATE));
    return { get: () => [...(list.get() ?? [])], update: (v) => list.update(v) };
  }
}

function sizeOf(value: unknown): number {
  return sizer.pack(value).length;
}
