/**
 * The producer side of one channel: collects records into a batch, turns full batches into
 * buffers, and sends a buffer only when the consumer has granted a credit (credit-based flow
 * control). Events queue behind buffers so nothing overtakes data. When buffers wait for credit
 * the subpartition is "blocked" and the task stops producing (backpressure). An unaligned
 * checkpoint's barrier is the one exception: it goes to the front and the frames it overtook are
 * handed back to be persisted (docs/checkpoints.md, "Unaligned checkpoints").
 */
import { isDataFrame, type DataEvent, type DataFrame } from "./frames.js";
import { RecordBatchEncoder } from "./record-batch-codec.js";
import { NO_TIMESTAMP } from "./record-batch-codec.js";
import { persistFrame, restoredFrame, type PersistedFrame } from "./in-flight-data.js";

export interface FrameSender {
  send(frame: DataFrame): void;
}

export interface OutputCounters {
  records: number;
  bytes: number;
  buffers: number;
}

/** Target size of one network buffer (Flink's 32 KiB memory segment). */
export const TARGET_BUFFER_BYTES = 32 * 1024;
const MAX_BATCH_RECORDS = 8192;
/** Batch size for a consumer in the same worker (nothing is serialized, so no byte size to aim at). */
const LOCAL_BATCH_RECORDS = 1024;

export class ResultSubpartition {
  private values: unknown[] = [];
  private timestamps: number[] | null = null;
  private credits = 0;
  private readonly backlog: DataFrame[] = [];
  private batchLimit: number;
  private blockedListener: (() => void) | undefined;
  private barrierSent: ((checkpointId: number) => void) | undefined;

  constructor(
    readonly channel: string,
    private readonly sender: FrameSender,
    private readonly encoder: RecordBatchEncoder,
    private readonly counters: OutputCounters,
    /** With a buffer timeout of 0, every record is flushed at once. */
    private readonly flushEveryRecord: boolean,
    /** The consumer runs in the same worker: batches are handed over without serialization. */
    private readonly local = false,
  ) {
    this.batchLimit = flushEveryRecord ? 1 : local ? LOCAL_BATCH_RECORDS : 64;
  }

  add(value: unknown, timestamp: number): void {
    const n = this.values.length;
    this.values.push(value);
    if (timestamp !== NO_TIMESTAMP) {
      if (!this.timestamps) this.timestamps = new Array<number>(n).fill(NO_TIMESTAMP);
      this.timestamps.push(timestamp);
    } else if (this.timestamps) {
      this.timestamps.push(NO_TIMESTAMP);
    }
    if (n + 1 >= this.batchLimit) this.flush();
  }

  /** Finishes the partly filled batch, if any, into a buffer. */
  flush(): void {
    const records = this.values.length;
    if (records === 0) return;
    if (this.local) {
      this.counters.records += records;
      this.counters.buffers++;
      this.enqueue({ t: "records", ch: this.channel, values: this.values, timestamps: this.timestamps });
      this.values = [];
      this.timestamps = null;
      return;
    }
    const data = this.encoder.encode(this.values, this.timestamps);
    this.values = [];
    this.timestamps = null;
    this.counters.records += records;
    this.counters.bytes += data.byteLength;
    this.counters.buffers++;
    if (!this.flushEveryRecord) {
      // Aim the next batch at the target buffer size from this batch's bytes per record.
      const perRecord = data.byteLength / records;
      // At least one record: records larger than a buffer get a buffer each (a floor above 1 would
      // multiply the bytes in flight per credit for large records).
      this.batchLimit = Math.max(1, Math.min(MAX_BATCH_RECORDS, Math.floor(TARGET_BUFFER_BYTES / perRecord)));
    }
    this.enqueue({ t: "buffer", ch: this.channel, data, records });
  }

  sendEvent(event: DataEvent): void {
    this.flush();
    this.enqueue({ t: "event", ch: this.channel, event });
  }

  /**
   * Sends an unaligned barrier ahead of the queued data: it overtakes every frame queued after the
   * last barrier still waiting here (never another barrier, so checkpoints stay in order). Returns
   * the overtaken frames, which stay queued and are sent after it: they are the channel's in-flight
   * output of this checkpoint.
   */
  sendPriorityBarrier(event: Extract<DataEvent, { kind: "barrier" }>): PersistedFrame[] {
    this.flush();
    return this.insertBarrier(event, this.backlog.length);
  }

  /**
   * An aligned barrier of checkpoint `checkpointId` still waiting for the data before it past its
   * aligned-checkpoint-timeout turns unaligned: it moves ahead of that data, which is returned as
   * in-flight output. Undefined when the barrier has already gone out.
   */
  overtakeQueuedBarrier(checkpointId: number): PersistedFrame[] | undefined {
    const at = this.backlog.findIndex((f) => f.t === "event" && f.event.kind === "barrier" && f.event.checkpointId === checkpointId);
    if (at < 0) return undefined;
    const frame = this.backlog[at] as Extract<DataFrame, { t: "event" }>;
    this.backlog.splice(at, 1);
    const { alignedTimeoutMs: _, ...event } = frame.event as Extract<DataEvent, { kind: "barrier" }>;
    return this.insertBarrier({ ...event, unaligned: true }, at);
  }

  /** Puts the barrier after the last barrier among the first `end` queued frames; returns what it overtook. */
  private insertBarrier(event: Extract<DataEvent, { kind: "barrier" }>, end: number): PersistedFrame[] {
    let at = end;
    while (at > 0 && !(this.backlog[at - 1]!.t === "event" && (this.backlog[at - 1] as Extract<DataFrame, { t: "event" }>).event.kind === "barrier")) at--;
    const overtaken: PersistedFrame[] = [];
    for (let i = at; i < end; i++) {
      const p = persistFrame(this.backlog[i]!, this.encoder);
      if (p) overtaken.push(p);
    }
    this.backlog.splice(at, 0, { t: "event", ch: this.channel, event });
    this.drain();
    return overtaken;
  }

  /** Restore: the in-flight output of the checkpoint goes out first, before anything produced now. */
  restoreInFlight(frames: readonly PersistedFrame[]): void {
    this.backlog.unshift(...frames.map((f) => restoredFrame(f, this.channel)));
    this.drain();
  }

  /** Calls `listener` with the checkpoint id of every barrier that leaves this subpartition. */
  onBarrierSent(listener: (checkpointId: number) => void): void {
    this.barrierSent = listener;
  }

  addCredits(n: number): void {
    this.credits += n;
    this.drain();
    if (this.backlog.length === 0 && this.blockedListener) {
      const l = this.blockedListener;
      this.blockedListener = undefined;
      l();
    }
  }

  /** Buffers waiting for credit (the producer must pause while there are any). */
  get backlogBuffers(): number {
    let n = 0;
    for (const f of this.backlog) if (isDataFrame(f)) n++;
    return n;
  }

  get isBlocked(): boolean {
    return this.backlog.length > 0;
  }

  /** Calls `listener` once when the backlog has drained. */
  whenUnblocked(listener: () => void): void {
    if (!this.isBlocked) listener();
    else this.blockedListener = listener;
  }

  private enqueue(frame: DataFrame): void {
    this.backlog.push(frame);
    this.drain();
  }

  private drain(): void {
    while (this.backlog.length > 0) {
      const f = this.backlog[0]!;
      if (isDataFrame(f)) {
        if (this.credits === 0) return;
        this.credits--;
      }
      this.backlog.shift();
      this.sender.send(f);
      if (f.t === "event" && f.event.kind === "barrier") this.barrierSent?.(f.event.checkpointId);
    }
  }
}
