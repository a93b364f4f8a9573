/**
 * The metric types behind src/api/metrics.ts (docs/architecture.md, "Metrics"). Updating one is a
 * field write: no allocation on the record path. Rates and statistics are computed when the
 * metrics are read (collection on demand), never per update.
 */
import type { Counter, Gauge, Histogram, HistogramStatistics, Meter } from "../../api/metrics.js";

export class SimpleCounter implements Counter {
  /** Public so the hottest paths may write `c.count += n` without a call. */
  count = 0;
  inc(n = 1): void {
    this.count += n;
  }
  dec(n = 1): void {
    this.count -= n;
  }
  getCount(): number {
    return this.count;
  }
}

/** A counter kept elsewhere (e.g. the output counters of the network layer), shown as a Counter. */
export class CounterView implements Counter {
  constructor(private readonly read: () => number) {}
  inc(): void {
    throw new Error("this counter is maintained by the runtime and cannot be changed");
  }
  dec(): void {
    this.inc();
  }
  getCount(): number {
    return this.read();
  }
}

export class FunctionGauge<T extends number | string> implements Gauge<T> {
  constructor(private readonly read: () => T) {}
  getValue(): T {
    return this.read();
  }
}

/** Flink's default time span of a MeterView. */
export const METER_TIME_SPAN_MS = 60_000;
const METER_SAMPLES = 13;

/**
 * A rate over the last minute, from the count of a counter. The count is sampled when the rate is
 * read (at most once a second keeps a new sample), so marking an event costs a counter increment.
 */
export class MeterView implements Meter {
  private readonly times = new Float64Array(METER_SAMPLES);
  private readonly counts = new Float64Array(METER_SAMPLES);
  private newest = 0;
  private filled = 1;

  constructor(
    private readonly counter: Counter = new SimpleCounter(),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.times[0] = this.now();
    this.counts[0] = counter.getCount();
  }

  markEvent(n = 1): void {
    this.counter.inc(n);
  }

  getCount(): number {
    return this.counter.getCount();
  }

  getRate(): number {
    const t = this.now();
    const count = this.counter.getCount();
    if (t - this.times[this.newest]! >= METER_TIME_SPAN_MS / (METER_SAMPLES - 1)) {
      this.newest = (this.newest + 1) % METER_SAMPLES;
      this.times[this.newest] = t;
      this.counts[this.newest] = count;
      if (this.filled < METER_SAMPLES) this.filled++;
    }
    // The oldest sample still inside the time span (or the oldest kept at all).
    let oldest = (this.newest - this.filled + 1 + METER_SAMPLES) % METER_SAMPLES;
    for (let i = 0; i < this.filled - 1 && t - this.times[oldest]! > METER_TIME_SPAN_MS; i++) oldest = (oldest + 1) % METER_SAMPLES;
    const dt = t - this.times[oldest]!;
    return dt > 0 ? ((count - this.counts[oldest]!) * 1000) / dt : 0;
  }
}

/** Flink's default window size of a DescriptiveStatisticsHistogram. */
export const HISTOGRAM_WINDOW = 1024;

/** Statistics over the last `HISTOGRAM_WINDOW` values, kept in a ring buffer. */
export class WindowHistogram implements Histogram {
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;

  constructor(window = HISTOGRAM_WINDOW) {
    this.values = new Float64Array(window);
  }

  update(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    this.count++;
  }

  getCount(): number {
    return this.count;
  }

  getStatistics(): HistogramStatistics {
    const n = Math.min(this.count, this.values.length);
    const sorted = this.values.slice(0, n).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    const mean = n ? sum / n : 0;
    let sq = 0;
    for (const v of sorted) sq += (v - mean) ** 2;
    return {
      count: this.count,
      min: n ? sorted[0]! : 0,
      max: n ? sorted[n - 1]! : 0,
      mean,
      stddev: n > 1 ? Math.sqrt(sq / (n - 1)) : 0,
      // Linear interpolation between the closest ranks.
      quantile(q: number): number {
        if (n === 0) return 0;
        const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
        const lo = Math.floor(pos);
        const hi = Math.min(lo + 1, n - 1);
        return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
      },
    };
  }
}
