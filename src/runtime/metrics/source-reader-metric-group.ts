/**
 * The SourceReaderMetricGroup of src/api/source.ts on top of a source operator's group (FLIP-33
 * names: numBytesIn, numRecordsInErrors, pendingRecords, currentFetchEventTimeLag). The source
 * operator counts numRecordsIn itself; a reader adds what only it knows.
 */
import type { Counter, Gauge, Histogram, Meter, MetricGroup, SourceReaderMetricGroup } from "../../api/metrics.js";
import { MeterView, SimpleCounter } from "./metric-types.js";

export class SourceReaderMetricGroupImpl implements SourceReaderMetricGroup {
  private readonly bytesIn = new SimpleCounter();
  private readonly errors = new SimpleCounter();
  private pending: (() => number) | undefined;
  private fetchLag: (() => number) | undefined;

  constructor(private readonly group: MetricGroup) {
    group.counter("numBytesIn", this.bytesIn);
    group.meter("numBytesInPerSecond", new MeterView(this.bytesIn));
    group.counter("numRecordsInErrors", this.errors);
    // Registered at once so that they are listed before the reader sets them (Flink shows them when set).
    group.gauge("pendingRecords", () => this.pending?.() ?? 0);
    group.gauge("currentFetchEventTimeLag", () => this.fetchLag?.() ?? 0);
  }

  getNumBytesInCounter(): Counter {
    return this.bytesIn;
  }
  getNumRecordsInErrorsCounter(): Counter {
    return this.errors;
  }
  setPendingRecordsGauge(gauge: () => number): void {
    this.pending = gauge;
  }
  setCurrentFetchEventTimeLagGauge(gauge: () => number): void {
    this.fetchLag = gauge;
  }

  counter(name: string, counter?: Counter): Counter {
    return this.group.counter(name, counter);
  }
  gauge<T extends number | string>(name: string, gauge: Gauge<T> | (() => T)): Gauge<T> {
    return this.group.gauge(name, gauge);
  }
  meter(name: string, meter?: Meter): Meter {
    return this.group.meter(name, meter);
  }
  histogram(name: string, histogram?: Histogram): Histogram {
    return this.group.histogram(name, histogram);
  }
  addGroup(name: string): MetricGroup;
  addGroup(key: string, value: string): MetricGroup;
  addGroup(key: string, value?: string): MetricGroup {
    return value === undefined ? this.group.addGroup(key) : this.group.addGroup(key, value);
  }
  getAllVariables(): Readonly<Record<string, string>> {
    return this.group.getAllVariables();
  }
  getScopeComponents(): readonly string[] {
    return this.group.getScopeComponents();
  }
}
