/**
 * Assigns event timestamps and generates watermarks inside the stream
 * (assignTimestampsAndWatermarks), also used by sources given a WatermarkStrategy.
 */
import type { WatermarkGenerator, WatermarkOutput, WatermarkStrategy } from "../../api/watermark-strategy.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import type { Output } from "./output.js";
import type { ProcessingTimeService } from "./stream-operator.js";
import { StreamOperator } from "./stream-operator.js";
import { isBatchMode } from "../../api/runtime-mode.js";

export const DEFAULT_AUTO_WATERMARK_INTERVAL_MS = 200;

/** Runs a WatermarkStrategy against an Output: timestamps per record, watermarks periodically, idleness. */
export class WatermarkEmitter {
  private readonly generator: WatermarkGenerator<unknown>;
  private readonly assigner: WatermarkStrategy<unknown>["timestampAssigner"];
  private lastEmitted = Number.NEGATIVE_INFINITY;
  private idle = false;
  private lastRecordAt: number;
  /** Reading the clock per record is costly; only idleness detection needs it. */
  private readonly tracksIdleness: boolean;
  private cancelTimer: (() => void) | undefined;
  private readonly wmOutput: WatermarkOutput;

  constructor(
    strategy: WatermarkStrategy<unknown>,
    private readonly output: () => Output,
    private readonly time: ProcessingTimeService,
    private readonly intervalMs: number,
    /** Batch mode: timestamps are assigned, no watermark is emitted (event time jumps to +∞ at the end). */
    private readonly timestampsOnly = false,
  ) {
    this.generator = strategy.createWatermarkGenerator();
    this.assigner = strategy.timestampAssigner;
    this.lastRecordAt = time.now();
    const idleTimeout = strategy.idleTimeoutMs;
    this.tracksIdleness = idleTimeout !== undefined;
    this.wmOutput = {
      emitWatermark: (ts) => {
        if (this.timestampsOnly) return;
        this.markActive();
        if (ts > this.lastEmitted) {
          this.lastEmitted = ts;
          this.output().emitWatermark(ts);
        }
      },
      markIdle: () => {
        if (!this.idle) {
          this.idle = true;
          this.output().emitStreamStatus(true);
        }
      },
      markActive: () => this.markActive(),
    };
    if (intervalMs > 0 && !timestampsOnly) {
      this.cancelTimer = time.scheduleAtFixedRate(intervalMs, () => {
        if (idleTimeout !== undefined && this.time.now() - this.lastRecordAt >= idleTimeout) this.wmOutput.markIdle();
        else this.generator.onPeriodicEmit(this.wmOutput);
      });
    }
  }

  private markActive(): void {
    if (this.idle) {
      this.idle = false;
      this.output().emitStreamStatus(false);
    }
  }

  /** The last watermark emitted (−∞ before the first). */
  get currentWatermark(): number {
    return this.lastEmitted;
  }

  /** Returns the record's event timestamp (assigned or carried) and feeds the generator. */
  onRecord(value: unknown, timestamp: number): number {
    if (this.tracksIdleness) this.lastRecordAt = this.time.now();
    const ts = this.assigner ? this.assigner(value, timestamp === NO_TIMESTAMP ? undefined : timestamp) : timestamp;
    if (this.idle) this.markActive();
    if (ts !== NO_TIMESTAMP) this.generator.onEvent(value, ts, this.wmOutput);
    return ts;
  }

  /** End of input: one last periodic emit, then stop. */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}

export class TimestampsAndWatermarksOperator extends StreamOperator {
  private emitter!: WatermarkEmitter;

  override open(): void {
    const interval = Number(this.ctx.settings.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS);
    this.emitter = new WatermarkEmitter(this.ctx.fns.watermarks as WatermarkStrategy<unknown>, () => this.output, this.ctx.processingTime, interval, isBatchMode(this.ctx.settings));
  }

  processElement(value: unknown, timestamp: number): void {
    this.output.collect(value, this.emitter.onRecord(value, timestamp));
  }

  /** Upstream watermarks are dropped: this operator generates the stream's watermarks from here on (as in Flink). */
  override processWatermark(watermark: number): void {
    // Only the final watermark at end of input passes, so event time completes for bounded jobs.
    if (watermark === Number.POSITIVE_INFINITY) this.output.emitWatermark(watermark);
  }

  override close(): void {
    this.emitter?.close();
  }
}
