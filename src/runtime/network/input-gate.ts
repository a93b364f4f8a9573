/**
 * The consumer side of a task's inputs: one channel per upstream subtask. It grants each channel
 * `buffersPerChannel` credits, queues what arrives, and returns a credit for every buffer the task
 * has processed, so at most that many buffers per channel are ever in flight. Each input's
 * channel watermarks and statuses go through a StatusWatermarkValve (status-watermark-valve.ts).
 *
 * An unaligned checkpoint's barrier overtakes what its channel has queued (a priority frame, taken
 * before anything else), unless an older barrier of that channel is still queued: barriers stay in
 * order. Every frame carries its arrival number, so the checkpoint can tell which queued frames
 * came before a channel's barrier (docs/checkpoints.md, "Unaligned checkpoints").
 */
import { isDataFrame, type DataEvent, type DataFrame, type WorkerKey } from "./frames.js";
import type { DataEndpoint } from "./data-endpoint.js";
import { StatusWatermarkValve, type ValveChange } from "./status-watermark-valve.js";

export interface InputChannel {
  readonly id: string;
  readonly inputIndex: number;
  readonly producer: WorkerKey;
  /** Buffers this channel may have in flight. */
  readonly credits: number;
  /** This channel's index in its input's valve. */
  readonly valveIndex: number;
  /** Names the channel across attempts (`<edgeId>/<producerSubtask>`): its in-flight data in a checkpoint. */
  readonly stateKey: string;
  /** Barriers of this channel queued and not taken yet. */
  queuedBarriers: number;
  ended: boolean;
  /** The producer sent end-of-data (or ended): no more records, barriers may still come. */
  dataEnded: boolean;
  /** Ended by a stop-with-savepoint without draining (see DataEvent "end-of-partition"). */
  stopped: boolean;
}

export interface QueuedFrame {
  channel: InputChannel;
  frame: DataFrame;
  /** Arrival number, increasing over the gate. */
  seq: number;
  /** In-flight data of the restored checkpoint: it took no credit, so none goes back for it. */
  recovered?: boolean;
  /**
   * A priority notice that this aligned barrier (with an aligned-checkpoint-timeout) has arrived
   * and waits behind data (Flink's barrier announcement): the task can start the timeout's clock,
   * and move the barrier ahead (prioritizeBarriers) if it switches to unaligned.
   */
  announcement?: boolean;
}

/** Sees every frame as it arrives, before it is queued (unaligned checkpoints record in-flight input). */
export type ArrivalObserver = (item: QueuedFrame) => void;

export class InputGate {
  readonly channels: InputChannel[] = [];
  private queue: QueuedFrame[] = [];
  private head = 0;
  /** Channels blocked by checkpoint alignment, and what arrived on them meanwhile (in order). */
  private readonly blocked = new Set<InputChannel>();
  private held: QueuedFrame[] = [];
  /** Unaligned barriers that overtook their channel's queue. */
  private priority: QueuedFrame[] = [];
  private arrivals = 0;
  private observer: ArrivalObserver | undefined;
  /** One valve per input index. */
  private readonly valves: StatusWatermarkValve[];

  constructor(
    private readonly endpoint: DataEndpoint,
    readonly numInputs: number,
    private readonly buffersPerChannel: number,
    private readonly onArrival: () => void,
  ) {
    this.valves = Array.from({ length: numInputs }, () => new StatusWatermarkValve());
  }

  addChannel(id: string, inputIndex: number, producer: WorkerKey, credits = this.buffersPerChannel, stateKey = id): void {
    const valveIndex = this.valves[inputIndex]!.addChannel();
    const channel: InputChannel = { id, inputIndex, producer, credits, valveIndex, stateKey, ended: false, dataEnded: false, stopped: false, queuedBarriers: 0 };
    this.channels.push(channel);
    this.endpoint.registerConsumer(id, (frame) => {
      const item: QueuedFrame = { channel, frame, seq: ++this.arrivals };
      this.observer?.(item);
      const barrier = frame.t === "event" && frame.event.kind === "barrier" ? frame.event : undefined;
      if (barrier?.unaligned && channel.queuedBarriers === 0) this.priority.push(item);
      else {
        this.queue.push(item);
        if (barrier?.alignedTimeoutMs !== undefined) this.priority.push({ ...item, announcement: true });
      }
      if (barrier) channel.queuedBarriers++;
      this.onArrival();
    });
  }

  observeArrivals(observer: ArrivalObserver | undefined): void {
    this.observer = observer;
  }

  /** Restore: the checkpoint's in-flight input of each channel is processed before anything new. */
  prependRecovered(frames: ReadonlyArray<{ channel: InputChannel; frame: DataFrame }>): void {
    const recovered = frames.map(({ channel, frame }) => ({ channel, frame, seq: ++this.arrivals, recovered: true }));
    this.queue = [...recovered, ...this.queue.slice(this.head)];
    this.head = 0;
  }

  /** Frames queued and not taken yet (priority, queued and held), for a checkpoint to look at. */
  *pending(): Iterable<QueuedFrame> {
    for (const p of this.priority) if (!p.announcement) yield p;
    for (let i = this.head; i < this.queue.length; i++) yield this.queue[i]!;
    yield* this.held;
  }

  /** A priority frame, if any (taken even while the task cannot process records). */
  nextPriority(): QueuedFrame | undefined {
    const item = this.priority.shift();
    if (item && !item.announcement) item.channel.queuedBarriers--;
    return item;
  }

  /**
   * An alignment turned unaligned: the queued barriers of that checkpoint overtake the data queued
   * before them (which the checkpoint persists as in-flight input).
   */
  prioritizeBarriers(checkpointId: number): void {
    for (let i = this.head; i < this.queue.length; i++) {
      const item = this.queue[i]!;
      if (item.frame.t !== "event" || item.frame.event.kind !== "barrier" || item.frame.event.checkpointId !== checkpointId) continue;
      this.queue.splice(i--, 1);
      this.priority.push(item);
    }
  }

  get hasPriority(): boolean {
    return this.priority.length > 0;
  }

  /** Opens the channels for data: the producers may send once they have credit. */
  grantInitialCredits(): void {
    for (const c of this.channels) this.endpoint.send(c.producer, { t: "credit", ch: c.id, credits: c.credits });
  }

  next(): QueuedFrame | undefined {
    const urgent = this.nextPriority();
    if (urgent) return urgent;
    for (;;) {
      if (this.head >= this.queue.length) return undefined;
      const item = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      if (this.blocked.size > 0 && this.blocked.has(item.channel)) {
        this.held.push(item);
        continue;
      }
      if (item.frame.t === "event" && item.frame.event.kind === "barrier") item.channel.queuedBarriers--;
      return item;
    }
  }

  /** Holds back what arrives on `channel` until unblockAll() (exactly-once barrier alignment). */
  block(channel: InputChannel): void {
    this.blocked.add(channel);
  }

  /** Releases every blocked channel; what they held is processed first, in arrival order. */
  unblockAll(): void {
    this.blocked.clear();
    if (this.held.length === 0) return;
    this.queue = [...this.held, ...this.queue.slice(this.head)];
    this.head = 0;
    this.held = [];
  }

  /** Credits granted over all channels: how many buffers may be queued at most. */
  get capacity(): number {
    let n = 0;
    for (const c of this.channels) n += c.credits;
    return n;
  }

  get queuedBuffers(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if (isDataFrame(this.queue[i]!.frame)) n++;
    for (const h of this.held) if (isDataFrame(h.frame)) n++;
    return n;
  }

  /** The task processed a buffer: give its producer one more credit (none for recovered in-flight data). */
  processed(item: QueuedFrame): void {
    if (!item.recovered) this.returnCredit(item.channel);
  }

  /** The task processed a buffer from `channel`: give the producer one more credit. */
  returnCredit(channel: InputChannel): void {
    this.endpoint.send(channel.producer, { t: "credit", ch: channel.id, credits: 1 });
  }

  get allEnded(): boolean {
    return this.channels.every((c) => c.ended);
  }

  /** Some channel was stopped (not drained): the task stops too, without finishing its operators. */
  get anyStopped(): boolean {
    return this.channels.some((c) => c.stopped);
  }

  inputEnded(inputIndex: number): boolean {
    return this.channels.every((c) => c.inputIndex !== inputIndex || c.ended);
  }

  /** Every channel has sent end-of-data or ended: no record will come any more. */
  get allDataEnded(): boolean {
    return this.channels.every((c) => c.dataEnded);
  }

  /** No record will come on input `inputIndex` any more. */
  inputDataEnded(inputIndex: number): boolean {
    return this.channels.every((c) => c.inputIndex !== inputIndex || c.dataEnded);
  }

  /**
   * Applies a watermark, status or end-of-partition event; returns what changed for the channel's
   * input (hand it on with deliverValveChange, which keeps Flink's order).
   */
  applyEvent(channel: InputChannel, event: DataEvent): ValveChange {
    const valve = this.valves[channel.inputIndex]!;
    if (event.kind === "watermark") return valve.inputWatermark(channel.valveIndex, event.timestamp);
    if (event.kind === "stream-status") return valve.inputStreamStatus(channel.valveIndex, event.idle);
    if (event.kind === "end-of-partition") {
      channel.ended = true;
      channel.dataEnded = true;
      channel.stopped = event.stopped === true;
      return valve.endOfPartition(channel.valveIndex, channel.stopped);
    }
    // For event time the channel has ended: its final watermark came before (the valve ignores the
    // end-of-partition that follows).
    if (event.kind === "end-of-data") {
      channel.dataEnded = true;
      return valve.endOfPartition(channel.valveIndex, false);
    }
    return {};
  }

  currentWatermark(): number | null {
    let m = Number.POSITIVE_INFINITY;
    for (const v of this.valves) if (v.currentWatermark < m) m = v.currentWatermark;
    return Number.isFinite(m) ? m : null;
  }

  close(): void {
    for (const c of this.channels) this.endpoint.unregister(c.id);
  }
}
