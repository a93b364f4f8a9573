/**
 * The consumer side of a task's inputs: one channel per upstream subtask. It grants each channel
 * `buffersPerChannel` credits, queues what arrives, and returns a credit for every buffer the task
 * has processed, so at most that many buffers per channel are ever in flight. Each input's
 * channel watermarks and statuses go through a StatusWatermarkValve (status-watermark-valve.ts).
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
  ended: boolean;
  /** The producer sent end-of-data (or ended): no more records, barriers may still come. */
  dataEnded: boolean;
  /** Ended by a stop-with-savepoint without draining (see DataEvent "end-of-partition"). */
  stopped: boolean;
}

export interface QueuedFrame {
  channel: InputChannel;
  frame: DataFrame;
}

export class InputGate {
  readonly channels: InputChannel[] = [];
  private queue: QueuedFrame[] = [];
  private head = 0;
  /** Channels blocked by checkpoint alignment, and what arrived on them meanwhile (in order). */
  private readonly blocked = new Set<InputChannel>();
  private held: QueuedFrame[] = [];
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

  addChannel(id: string, inputIndex: number, producer: WorkerKey, credits = this.buffersPerChannel): void {
    const valveIndex = this.valves[inputIndex]!.addChannel();
    const channel: InputChannel = { id, inputIndex, producer, credits, valveIndex, ended: false, dataEnded: false, stopped: false };
    this.channels.push(channel);
    this.endpoint.registerConsumer(id, (frame) => {
      this.queue.push({ channel, frame });
      this.onArrival();
    });
  }

  /** Opens the channels for data: the producers may send once they have credit. */
  grantInitialCredits(): void {
    for (const c of this.channels) this.endpoint.send(c.producer, { t: "credit", ch: c.id, credits: c.credits });
  }

  next(): QueuedFrame | undefined {
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
