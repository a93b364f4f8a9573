import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../api/source.js";

export interface DataGeneratorOptions {
  /** Total records per second over all subtasks; unlimited when absent. */
  recordsPerSecond?: number;
}

/**
 * A parallel generator (Flink's DataGeneratorSource): record i is generator(i). Subtask s of p
 * produces the indices s, s+p, s+2p, … below `count`, so the union over subtasks is every index
 * exactly once, and a subtask's position is one number.
 */
export class DataGeneratorSource<T> implements Source<T, number> {
  readonly boundedness: "bounded" | "unbounded";
  constructor(
    private readonly generator: (index: number) => T,
    private readonly count: number = Number.POSITIVE_INFINITY,
    private readonly options: DataGeneratorOptions = {},
  ) {
    if (!(count >= 0)) throw new RangeError("count must be >= 0");
    this.boundedness = Number.isFinite(count) ? "bounded" : "unbounded";
  }

  createReader(ctx: SourceReaderContext): SourceReader<T, number> {
    const { generator, count } = this;
    const step = ctx.parallelism;
    let index = ctx.subtaskIndex;
    const rate = this.options.recordsPerSecond ? this.options.recordsPerSecond / step : 0;
    let rateStart = 0;
    let emittedSinceStart = 0;
    let wakeAt = 0;
    return {
      pollNext(output: ReaderOutput<T>): InputStatus {
        if (index >= count) return "end-of-input";
        if (rate > 0) {
          const now = Date.now();
          if (rateStart === 0) rateStart = now;
          // Record k (counting from 0) is due k/rate seconds after the first one.
          const dueAt = rateStart + (emittedSinceStart / rate) * 1000;
          if (dueAt > now) {
            wakeAt = dueAt;
            return "nothing-available";
          }
          emittedSinceStart++;
        }
        output.collect(generator(index));
        index += step;
        return index < count ? "more" : "end-of-input";
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, Math.max(0, wakeAt - Date.now()))),
      snapshotState: () => index,
      restoreState: (position) => {
        index = position;
      },
    };
  }
}
