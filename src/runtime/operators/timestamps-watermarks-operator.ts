/**
 * Assigns event timestamps and generates watermarks inside the stream
 * (assignTimestampsAndWatermarks), also used by sources given a WatermarkStrategy.
 */
import type { WatermarkGenerator, WatermarkOutput, WatermarkStrategy } from "../../api/watermark-strategy.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import type { WatermarkTarget } from "./output.js";
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
    private readonly output: () => WatermarkTarget,
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

  /**
   * Before the record goes out: its event timestamp (assigned, or the one it carries); an idle
   * output becomes active first.
   */
  assignTimestamp(value: unknown, timestamp: number): number {
    if (this.tracksIdleness) this.lastRecordAt = this.time.now();
    if (this.idle) this.markActive();
    return this.assigner ? this.assigner(value, timestamp === NO_TIMESTAMP ? undefined : timestamp) : timestamp;
  }

  /**
   * After the record went out: the generator sees it, so a watermark it emits for this event
   * follows the event, as in Flink (docs/architecture.md, "Watermarks and idleness") — an event is
   * never late against its own watermark.
   */
  onRecordEmitted(value: unknown, timestamp: number): void {
    if (timestamp !== NO_TIMESTAMP) this.generator.onEvent(value, timestamp, this.wmOutput);
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
    const emitter = this.emitter;
    const ts = emitter.assignTimestamp(value, timestamp);
    this.output.collect(value, ts);
    emitter.onRecordEmitted(value, ts);
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
