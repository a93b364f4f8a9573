/**
 * The metric contract user functions, connectors and the runtime write to (Flink's MetricGroup
 * model; docs/architecture.md, "Metrics"). Metrics live where they happen — in the slot's worker —
 * and are read by the TaskExecutor on demand, so updating one must cost no allocation.
 */
export interface Counter {
  inc(n?: number): void;
  dec(n?: number): void;
  getCount(): number;
}

/** A value read when metrics are collected (a queue length, a lag, a watermark). */
export interface Gauge<T extends number | string = number> {
  getValue(): T;
}

/** A rate: events marked, and their per-second rate over Flink's default 60 s window. */
export interface Meter {
  markEvent(n?: number): void;
  getRate(): number;
  getCount(): number;
}

export interface HistogramStatistics {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stddev: number;
  quantile(q: number): number;
}

export interface Histogram {
  update(value: number): void;
  getCount(): number;
  getStatistics(): HistogramStatistics;
}

/**
 * A named scope of metrics. `addGroup("key", "value")` makes a user variable (a label in
 * Prometheus), `addGroup("name")` a plain sub-scope, as in Flink.
 */
export interface MetricGroup {
  counter(name: string, counter?: Counter): Counter;
  gauge<T extends number | string>(name: string, gauge: Gauge<T> | (() => T)): Gauge<T>;
  meter(name: string, meter?: Meter): Meter;
  histogram(name: string, histogram?: Histogram): Histogram;
  addGroup(name: string): MetricGroup;
  addGroup(key: string, value: string): MetricGroup;
  /** Flink's variables of this scope: `<job_id>`, `<operator_name>`, … → values. */
  getAllVariables(): Readonly<Record<string, string>>;
  /** The scope components, outermost first (e.g. host, "taskmanager", tm id, job name, …). */
  getScopeComponents(): readonly string[];
}

/**
 * The metrics a source reader reports with Flink's names (FLIP-33): the source operator counts
 * records itself; a reader counts bytes and errors and says how far behind it is.
 */
export interface SourceReaderMetricGroup extends MetricGroup {
  /** numBytesIn: bytes fetched from the external system. */
  getNumBytesInCounter(): Counter;
  /** numRecordsInErrors: messages that could not be decoded (whatever the bad-message policy). */
  getNumRecordsInErrorsCounter(): Counter;
  /** pendingRecords: entries behind the end of the stream / messages pending, summed over splits. */
  setPendingRecordsGauge(gauge: () => number): void;
  /** currentFetchEventTimeLag (ms): fetch time minus the event time of the last fetched record. */
  setCurrentFetchEventTimeLagGauge(gauge: () => number): void;
}
