/**
 * The metric group a source reader gets (SourceReaderContext.metricGroup; docs/architecture.md,
 * "Sources and split enumerators"). Values live in plain fields of this object, owned by the
 * SourceOperator (SourceOperator.readerMetrics), where the metric system reads them; this is not a
 * registry: it only keeps what the reader registers, by name.
 */
import type { Counter, Gauge, Histogram, HistogramStatistics, Meter, MetricGroup, SourceReaderMetricGroup } from "../../api/metrics.js";

export class SimpleCounter implements Counter {
  private count = 0;
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

/** Events and their rate since the meter was created (the metric system may replace it by a windowed one). */
class SimpleMeter implements Meter {
  private count = 0;
  private readonly since = performance.now();
  markEvent(n = 1): void {
    this.count += n;
  }
  getCount(): number {
    return this.count;
  }
  getRate(): number {
    const seconds = (performance.now() - this.since) / 1000;
    return seconds > 0 ? this.count / seconds : 0;
  }
}

const HISTOGRAM_SAMPLES = 1024;

/** The last HISTOGRAM_SAMPLES values (Flink's default reservoir size for its DescriptiveStatisticsHistogram). */
class SampleHistogram implements Histogram {
  private readonly samples: number[] = [];
  private count = 0;
  update(value: number): void {
    this.samples[this.count++ % HISTOGRAM_SAMPLES] = value;
  }
  getCount(): number {
    return this.count;
  }
  getStatistics(): HistogramStatistics {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const n = sorted.length;
    const mean = n ? sorted.reduce((s, v) => s + v, 0) / n : 0;
    const stddev = n ? Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n) : 0;
    return {
      count: n,
      min: n ? sorted[0]! : 0,
      max: n ? sorted[n - 1]! : 0,
      mean,
      stddev,
      quantile: (q) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]! : 0),
    };
  }
}

/** What a reader registered: metric name (dotted through sub-groups) → metric. */
export interface RegisteredMetrics {
  counters: Map<string, Counter>;
  gauges: Map<string, Gauge<number | string>>;
  meters: Map<string, Meter>;
  histograms: Map<string, Histogram>;
}

class PlainMetricGroup implements MetricGroup {
  constructor(
    protected readonly registered: RegisteredMetrics,
    private readonly prefix: readonly string[],
    private readonly variables: Readonly<Record<string, string>>,
  ) {}

  private nameOf(name: string): string {
    return [...this.prefix, name].join(".");
  }

  counter(name: string, counter: Counter = new SimpleCounter()): Counter {
    this.registered.counters.set(this.nameOf(name), counter);
    return counter;
  }

  gauge<T extends number | string>(name: string, gauge: Gauge<T> | (() => T)): Gauge<T> {
    const g: Gauge<T> = typeof gauge === "function" ? { getValue: gauge } : gauge;
    this.registered.gauges.set(this.nameOf(name), g);
    return g;
  }

  meter(name: string, meter: Meter = new SimpleMeter()): Meter {
    this.registered.meters.set(this.nameOf(name), meter);
    return meter;
  }

  histogram(name: string, histogram: Histogram = new SampleHistogram()): Histogram {
    this.registered.histograms.set(this.nameOf(name), histogram);
    return histogram;
  }

  addGroup(name: string, value?: string): MetricGroup {
    if (value === undefined) return new PlainMetricGroup(this.registered, [...this.prefix, name], this.variables);
    return new PlainMetricGroup(this.registered, [...this.prefix, name, value], { ...this.variables, [`<${name}>`]: value });
  }

  getAllVariables(): Readonly<Record<string, string>> {
    return this.variables;
  }

  getScopeComponents(): readonly string[] {
    return this.prefix;
  }
}

export class SourceReaderMetrics extends PlainMetricGroup implements SourceReaderMetricGroup {
  readonly numBytesIn = new SimpleCounter();
  readonly numRecordsInErrors = new SimpleCounter();
  /** Set by the reader; undefined until it says. */
  pendingRecords: (() => number) | undefined;
  currentFetchEventTimeLag: (() => number) | undefined;

  constructor(variables: Readonly<Record<string, string>> = {}) {
    super({ counters: new Map(), gauges: new Map(), meters: new Map(), histograms: new Map() }, [], variables);
  }

  /** Everything the reader registered under its own names. */
  get custom(): Readonly<RegisteredMetrics> {
    return this.registered;
  }

  getNumBytesInCounter(): Counter {
    return this.numBytesIn;
  }

  getNumRecordsInErrorsCounter(): Counter {
    return this.numRecordsInErrors;
  }

  setPendingRecordsGauge(gauge: () => number): void {
    this.pendingRecords = gauge;
  }

  setCurrentFetchEventTimeLagGauge(gauge: () => number): void {
    this.currentFetchEventTimeLag = gauge;
  }
}
