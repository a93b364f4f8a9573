/**
 * The consumer side of a task's inputs: one channel per upstream subtask. It grants each channel
 * `buffersPerChannel` credits, queues what arrives, and returns a credit for every buffer the task
 * has processed, so at most that many buffers per channel are ever in flight. It also tracks each
 * channel's watermark and status (Flink's StatusWatermarkValve): an input's watermark is the
 * minimum over its active channels; ended channels no longer hold it back.
 */
import { isDataFrame, type DataEvent, type DataFrame, type WorkerKey } from "./frames.js";
import type { DataEndpoint } from "./data-endpoint.js";

export interface InputChannel {
  readonly id: string;
  readonly inputIndex: number;
  readonly producer: WorkerKey;
  /** Buffers this channel may have in flight. */
  readonly credits: number;
  watermark: number;
  idle: boolean;
  ended: boolean;
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
  /** Combined watermark per input index. */
  private readonly inputWatermarks: number[];
  private readonly inputIdle: boolean[];

  constructor(
    private readonly endpoint: DataEndpoint,
    readonly numInputs: number,
    private readonly buffersPerChannel: number,
    private readonly onArrival: () => void,
  ) {
    this.inputWatermarks = new Array<number>(numInputs).fill(Number.NEGATIVE_INFINITY);
    this.inputIdle = new Array<boolean>(numInputs).fill(false);
  }

  addChannel(id: string, inputIndex: number, producer: WorkerKey, credits = this.buffersPerChannel): void {
    const channel: InputChannel = { id, inputIndex, producer, credits, watermark: Number.NEGATIVE_INFINITY, idle: false, ended: false, stopped: false };
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

  /**
   * Applies a watermark or status event; returns the input's new combined watermark when it
   * advanced, or its new idleness when that changed.
   */
  applyEvent(channel: InputChannel, event: DataEvent): { watermark?: number; idle?: boolean } {
    if (event.kind === "watermark") {
      if (event.timestamp > channel.watermark) channel.watermark = event.timestamp;
      if (channel.idle) channel.idle = false;
    } else if (event.kind === "stream-status") {
      channel.idle = event.idle;
    } else if (event.kind === "end-of-partition") {
      channel.ended = true;
      channel.stopped = event.stopped === true;
    }
    return this.recompute(channel.inputIndex);
  }

  private recompute(input: number): { watermark?: number; idle?: boolean } {
    let min = Number.POSITIVE_INFINITY;
    let anyActive = false;
    let anyOpen = false;
    for (const c of this.channels) {
      if (c.inputIndex !== input || c.ended) continue;
      anyOpen = true;
      if (c.idle) continue;
      anyActive = true;
      if (c.watermark < min) min = c.watermark;
    }
    const result: { watermark?: number; idle?: boolean } = {};
    const idle = anyOpen && !anyActive;
    if (idle !== this.inputIdle[input]) {
      this.inputIdle[input] = idle;
      result.idle = idle;
    }
    // All channels ended: the input is complete, its watermark is the end of time — unless it was
    // stopped, not drained: then event time stays where it is.
    if (!anyOpen) {
      if (this.channels.some((c) => c.inputIndex === input && c.stopped)) return result;
      min = Number.POSITIVE_INFINITY;
    }
    if (anyActive || !anyOpen) {
      if (min > this.inputWatermarks[input]!) {
        this.inputWatermarks[input] = min;
        result.watermark = min;
      }
    }
    return result;
  }

  currentWatermark(): number | null {
    const m = Math.min(...this.inputWatermarks);
    return Number.isFinite(m) ? m : null;
  }

  close(): void {
    for (const c of this.channels) this.endpoint.unregister(c.id);
  }
}
