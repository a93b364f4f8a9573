/**
 * Watermark strategies, as in Flink: a timestamp assigner plus a watermark generator, with optional
 * idleness. The runtime calls onEvent() per record and onPeriodicEmit() every
 * `pipeline.auto-watermark-interval` (default 200 ms).
 */
import { registerErrorClass, SluiceError } from "../errors/sluice-error.js";

/** withWatermarkAlignment() on a strategy given to assignTimestampsAndWatermarks(): only sources align. */
export class WatermarkAlignmentNotSupportedError extends SluiceError {}
registerErrorClass(WatermarkAlignmentNotSupportedError);

export interface WatermarkOutput {
  emitWatermark(timestamp: number): void;
  /** Marks this output idle: downstream operators ignore it when computing their watermark. */
  markIdle(): void;
  markActive(): void;
}

export interface WatermarkGenerator<T> {
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

export type TimestampAssigner<T> = (event: T, recordTimestamp: number | undefined) => number;

/** Flink's WatermarkAlignmentParams: sources of one group stay within `maxAllowedDriftMs` of its slowest. */
export interface WatermarkAlignmentParams {
  readonly group: string;
  readonly maxAllowedDriftMs: number;
  /** How often readers report their watermark and learn the group's limit. */
  readonly updateIntervalMs: number;
}

export class WatermarkStrategy<T> {
  private constructor(
    readonly createWatermarkGenerator: () => WatermarkGenerator<T>,
    readonly timestampAssigner?: TimestampAssigner<T>,
    readonly idleTimeoutMs?: number,
    /** True only for noWatermarks() without an assigner: the runtime then skips per-record work. */
    readonly isNoOp = false,
    readonly alignment?: WatermarkAlignmentParams,
  ) {}

  /** No watermarks at all: event-time operators never fire before end of input. */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => ({ onEvent() {}, onPeriodicEmit() {} }), undefined, undefined, true);
  }

  /** Timestamps never decrease: the watermark trails the highest timestamp by 1 ms. */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return WatermarkStrategy.forBoundedOutOfOrderness<T>(0);
  }

  /** Events arrive at most `maxOutOfOrdernessMs` late: watermark = max timestamp − bound − 1. */
  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => {
      let maxTimestamp = Number.NEGATIVE_INFINITY;
      return {
        onEvent(_event, ts) {
          if (ts > maxTimestamp) maxTimestamp = ts;
        },
        onPeriodicEmit(output) {
          if (maxTimestamp !== Number.NEGATIVE_INFINITY) output.emitWatermark(maxTimestamp - maxOutOfOrdernessMs - 1);
        },
      };
    });
  }

  /** A custom generator. */
  static forGenerator<T>(create: () => WatermarkGenerator<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(create);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.createWatermarkGenerator, assigner, this.idleTimeoutMs, false, this.alignment);
  }

  /** A source split (or input) without records for this long is marked idle. */
  withIdleness(timeoutMs: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.createWatermarkGenerator, this.timestampAssigner, timeoutMs, false, this.alignment);
  }

  /**
   * Watermark alignment (docs/architecture.md, "Watermark alignment"): a source reader whose
   * watermark is more than `maxAllowedDriftMs` ahead of the lowest watermark of the readers of its
   * `group` (over all sources with that group) stops reading until the others catch up. The readers
   * report to the JobMaster every `updateIntervalMs`. Every source takes part (with or without a
   * split enumerator); the strategy of assignTimestampsAndWatermarks() may not align, as in Flink.
   */
  withWatermarkAlignment(group: string, maxAllowedDriftMs: number, updateIntervalMs = 1000): WatermarkStrategy<T> {
    if (!(maxAllowedDriftMs >= 0)) throw new RangeError(`the maximum allowed drift must be >= 0 ms, got ${maxAllowedDriftMs}`);
    if (!(updateIntervalMs > 0)) throw new RangeError(`the update interval must be a positive number of ms, got ${updateIntervalMs}`);
    return new WatermarkStrategy<T>(this.createWatermarkGenerator, this.timestampAssigner, this.idleTimeoutMs, this.isNoOp, { group, maxAllowedDriftMs, updateIntervalMs });
  }
}
