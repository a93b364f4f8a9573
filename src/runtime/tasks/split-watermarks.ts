/**
 * Watermarks per split (docs/architecture.md, "Watermarks per split"), as Flink's
 * ProgressiveTimestampsAndWatermarks and WatermarkOutputMultiplexer do it: a reader that reads several
 * splits (Redis streams, NATS subjects, …) emits each split's records through an output of its own,
 * each output runs its own WatermarkGenerator from the source's WatermarkStrategy, and the reader's
 * watermark is the minimum over the splits that are not idle. So a split far ahead in event time does
 * not make the events of a slower one late.
 *
 * Records emitted on the reader's main output (readers that do not split their output) go through one
 * more generator, which is one more input of the minimum; it counts only once it has seen a record when
 * the reader also uses split outputs, so an unused main output holds nothing back.
 */
import type { OutputTag } from "../../api/output-tag.js";
import type { SourceOutput } from "../../api/source.js";
import type { WatermarkStrategy } from "../../api/watermark-strategy.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import type { ProcessingTimeService } from "../operators/stream-operator.js";
import type { WatermarkTarget } from "../operators/output.js";
import { WatermarkEmitter } from "../operators/timestamps-watermarks-operator.js";

interface PartialState {
  watermark: number;
  idle: boolean;
}

/**
 * Combines the watermarks and idleness of several inputs into one: the minimum watermark over the
 * inputs that are not idle, emitted when it advances; idle when every input is idle (Flink's
 * WatermarkOutputMultiplexer with immediate outputs).
 */
export class WatermarkOutputMultiplexer {
  private readonly partials = new Map<unknown, PartialState>();
  private lastEmitted = Number.NEGATIVE_INFINITY;
  private idle = false;

  constructor(private readonly target: () => WatermarkTarget) {}

  get currentWatermark(): number {
    return this.lastEmitted;
  }

  has(id: unknown): boolean {
    return this.partials.has(id);
  }

  /** The last watermark of one input (−∞ before its first, undefined for an input not registered). */
  watermarkOf(id: unknown): number | undefined {
    return this.partials.get(id)?.watermark;
  }

  /** A new input; it starts active with no watermark, so it holds the combined watermark back until it has one or goes idle. */
  register(id: unknown): WatermarkTarget {
    if (!this.partials.has(id)) this.partials.set(id, { watermark: Number.NEGATIVE_INFINITY, idle: false });
    return {
      emitWatermark: (watermark) => {
        const p = this.partials.get(id);
        if (!p) return;
        p.idle = false;
        if (watermark > p.watermark) p.watermark = watermark;
        this.update();
      },
      emitStreamStatus: (idle) => {
        const p = this.partials.get(id);
        if (!p || p.idle === idle) return;
        p.idle = idle;
        this.update();
      },
    };
  }

  /** The input is gone (its split is finished): the others decide from now on. */
  unregister(id: unknown): void {
    if (this.partials.delete(id)) this.update();
  }

  private update(): void {
    if (this.partials.size === 0) return;
    let combined = Number.POSITIVE_INFINITY;
    let anyActive = false;
    for (const p of this.partials.values()) {
      if (p.idle) continue;
      anyActive = true;
      if (p.watermark < combined) combined = p.watermark;
    }
    if (!anyActive) {
      if (!this.idle) {
        this.idle = true;
        this.target().emitStreamStatus(true);
      }
      return;
    }
    if (this.idle) {
      this.idle = false;
      this.target().emitStreamStatus(false);
    }
    // A watermark never goes back, also when an input that was idle comes back behind the others.
    if (combined > this.lastEmitted) {
      this.lastEmitted = combined;
      this.target().emitWatermark(combined);
    }
  }
}

/** Where stamped records go: the source operator, which counts them and passes them down the chain. */
export interface StampedRecords {
  emitRecord(value: unknown, timestamp: number): void;
  collectSideOutput<X>(tag: OutputTag<X>, value: X, timestamp?: number): void;
}

const MAIN = Symbol("main output");

/** The watermark side of a source operator: the main output's generator and one per split output. */
export class SourceWatermarks {
  private readonly multiplexer: WatermarkOutputMultiplexer;
  private readonly main: WatermarkEmitter | undefined;
  private mainHasRecords = false;
  private readonly splits = new Map<string, { output: SourceOutput<unknown>; emitter: WatermarkEmitter | undefined }>();

  /** `strategy` undefined: the source emits no watermarks (timestamps pass as the reader gives them). */
  constructor(
    private readonly strategy: WatermarkStrategy<unknown> | undefined,
    target: () => WatermarkTarget,
    private readonly time: ProcessingTimeService,
    private readonly intervalMs: number,
    private readonly records: StampedRecords,
    /** Batch mode: timestamps are assigned, no watermark is emitted (event time jumps to +∞ at the end). */
    private readonly timestampsOnly = false,
  ) {
    this.multiplexer = new WatermarkOutputMultiplexer(target);
    // Registered from the start, so a reader without split outputs behaves as with a single generator.
    if (strategy) this.main = this.emitterFor(MAIN);
  }

  /** The source's last emitted watermark (−∞ before the first): what watermark alignment reports. */
  get currentWatermark(): number {
    return this.multiplexer.currentWatermark;
  }

  /** Whether the reader emits through split outputs (the splits, not the reader, are then what alignment pauses). */
  get hasSplitOutputs(): boolean {
    return this.splits.size > 0;
  }

  /** Each split output's last watermark (−∞ before its first): what per-split alignment compares with the limit. */
  *splitWatermarks(): Iterable<[string, number]> {
    for (const id of this.splits.keys()) yield [id, this.multiplexer.watermarkOf(id) ?? Number.NEGATIVE_INFINITY];
  }

  /** A record of the main output, with its event timestamp (assigned or carried). */
  collect(value: unknown, timestamp: number): void {
    if (this.main && !this.mainHasRecords) {
      this.mainHasRecords = true;
      if (!this.multiplexer.has(MAIN)) this.multiplexer.register(MAIN);
    }
    emitThrough(this.main, this.records, value, timestamp);
  }

  /** The output of one split (the same one while the split is not released). */
  createOutputForSplit(splitId: string): SourceOutput<unknown> {
    const existing = this.splits.get(splitId);
    if (existing) return existing.output;
    // The first split output: an unused main output leaves the minimum.
    if (this.main && !this.mainHasRecords) this.multiplexer.unregister(MAIN);
    const emitter = this.strategy ? this.emitterFor(splitId) : undefined;
    const records = this.records;
    const output: SourceOutput<unknown> = {
      collect(value, timestamp) {
        emitThrough(emitter, records, value, timestamp ?? NO_TIMESTAMP);
      },
      collectSideOutput(tag, value, timestamp) {
        records.collectSideOutput(tag, value, timestamp);
      },
    };
    this.splits.set(splitId, { output, emitter });
    return output;
  }

  /** The split is finished or gone from this reader: its generator stops and leaves the minimum. */
  releaseOutputForSplit(splitId: string): void {
    const entry = this.splits.get(splitId);
    if (!entry) return;
    this.splits.delete(splitId);
    entry.emitter?.close();
    this.multiplexer.unregister(splitId);
  }

  /** End of input or close: every generator stops. */
  close(): void {
    this.main?.close();
    for (const { emitter } of this.splits.values()) emitter?.close();
  }

  private emitterFor(id: unknown): WatermarkEmitter {
    const partial = this.multiplexer.register(id);
    return new WatermarkEmitter(this.strategy!, () => partial, this.time, this.intervalMs, this.timestampsOnly);
  }
}

/**
 * The record goes out with its assigned timestamp before the generator sees it, so a watermark the
 * generator emits for this event follows the event (docs/architecture.md, "Watermarks and idleness").
 */
function emitThrough(emitter: WatermarkEmitter | undefined, records: StampedRecords, value: unknown, timestamp: number): void {
  if (!emitter) {
    records.emitRecord(value, timestamp);
    return;
  }
  const ts = emitter.assignTimestamp(value, timestamp);
  records.emitRecord(value, ts);
  emitter.onRecordEmitted(value, ts);
}
