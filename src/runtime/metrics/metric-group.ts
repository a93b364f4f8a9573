/**
 * Metric groups and the per-thread registry (Flink's MetricGroup model; docs/architecture.md,
 * "Metrics"). A group has scope components (how the metric is named, e.g. host, "taskmanager",
 * tm id, job name, task name, subtask index), a logical scope (the naming scheme of reporters such
 * as Prometheus: "taskmanager.job.task.operator") and variables (`<job_id>` → value, labels in
 * Prometheus). The registry holds the root groups of one thread; `dump()` reads every metric now.
 */
import type { Counter, Gauge, Histogram, Meter, MetricGroup } from "../../api/metrics.js";
import { dumpMetric, type MetricCategory, type MetricGroupDump, type MetricKind } from "./metric-dump.js";
import { FunctionGauge, MeterView, SimpleCounter, WindowHistogram } from "./metric-types.js";

type AnyMetric = Counter | Gauge<number | string> | Meter | Histogram;

interface Registered {
  kind: MetricKind;
  metric: AnyMetric;
}

export class MetricGroupImpl implements MetricGroup {
  private readonly metrics = new Map<string, Registered>();
  private readonly children = new Map<string, MetricGroupImpl>();
  private closed = false;

  constructor(
    private readonly registry: MetricRegistry,
    readonly category: MetricCategory,
    private readonly scope: readonly string[],
    private readonly logicalScope: readonly string[],
    /** Components added by addGroup below the standard scope (they prefix the metric name in REST). */
    private readonly userScope: readonly string[],
    private readonly variables: Readonly<Record<string, string>>,
    private readonly parent?: MetricGroupImpl,
  ) {}

  counter(name: string, counter?: Counter): Counter {
    return this.add(name, "counter", counter, () => new SimpleCounter());
  }

  gauge<T extends number | string>(name: string, gauge: Gauge<T> | (() => T)): Gauge<T> {
    return this.add(name, "gauge", typeof gauge === "function" ? new FunctionGauge(gauge) : gauge, undefined);
  }

  meter(name: string, meter?: Meter): Meter {
    return this.add(name, "meter", meter, () => new MeterView());
  }

  histogram(name: string, histogram?: Histogram): Histogram {
    return this.add(name, "histogram", histogram, () => new WindowHistogram());
  }

  addGroup(name: string): MetricGroup;
  addGroup(key: string, value: string): MetricGroup;
  addGroup(key: string, value?: string): MetricGroup {
    const id = value === undefined ? key : `${key}\u0000${value}`;
    let child = this.children.get(id);
    if (!child) {
      // Flink: a key-value group adds the key to the logical scope and `<key>` → value to the variables.
      const vars = value === undefined ? this.variables : { ...this.variables, [key]: value };
      const added = value === undefined ? [key] : [key, value];
      child = new MetricGroupImpl(this.registry, this.category, [...this.scope, ...added], [...this.logicalScope, key], [...this.userScope, ...added], vars, this);
      if (!this.closed) this.children.set(id, child);
    }
    return child;
  }

  getAllVariables(): Readonly<Record<string, string>> {
    return Object.fromEntries(Object.entries(this.variables).map(([k, v]) => [`<${k}>`, v]));
  }

  getScopeComponents(): readonly string[] {
    return this.scope;
  }

  /** Unregisters the group and everything under it (the task or job it describes is gone). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.metrics.clear();
    for (const c of this.children.values()) c.close();
    this.children.clear();
    if (!this.parent) this.registry.remove(this);
  }

  dumpInto(out: MetricGroupDump[]): void {
    if (this.closed) return;
    if (this.metrics.size > 0) {
      const metrics: MetricGroupDump["metrics"] = [];
      for (const [name, { kind, metric }] of this.metrics) {
        try {
          metrics.push(dumpMetric(name, kind, metric));
        } catch {
          // A user gauge that throws is left out of this collection; the others are still reported.
        }
      }
      out.push({ category: this.category, variables: this.variables, logicalScope: this.logicalScope, userScope: this.userScope, metrics });
    }
    for (const c of this.children.values()) c.dumpInto(out);
  }

  /**
   * As in Flink, a second metric of the same name is not registered (the first one stays reported);
   * asking again for a counter, meter or histogram by name alone gives the registered one, so a
   * function opened twice in one task keeps counting into the same metric.
   */
  private add<M extends AnyMetric>(name: string, kind: MetricKind, given: M | undefined, create: (() => M) | undefined): M {
    if (typeof name !== "string" || name === "") throw new TypeError("a metric needs a non-empty name");
    const existing = this.metrics.get(name);
    if (existing && given === undefined && existing.kind === kind) return existing.metric as M;
    const metric = given ?? create!();
    if (!this.closed && !existing) this.metrics.set(name, { kind, metric });
    return metric;
  }
}

/** The root groups of one thread (the JobManager's or TaskExecutor's main thread, or a slot's worker). */
export class MetricRegistry {
  private readonly roots = new Set<MetricGroupImpl>();

  group(category: MetricCategory, scope: readonly string[], logicalScope: readonly string[], variables: Record<string, string>): MetricGroupImpl {
    const g = new MetricGroupImpl(this, category, scope, logicalScope, [], variables);
    this.roots.add(g);
    return g;
  }

  remove(group: MetricGroupImpl): void {
    this.roots.delete(group);
  }

  /** Every metric's current value: the answer to a collection request. */
  dump(): MetricGroupDump[] {
    const out: MetricGroupDump[] = [];
    for (const g of this.roots) g.dumpInto(out);
    return out;
  }

  get size(): number {
    return this.roots.size;
  }
}
