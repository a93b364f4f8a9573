/**
 * The JobManager's store of collected metrics for the REST API (Flink's MetricStore;
 * docs/architecture.md, "Metrics"): values as strings by Flink's REST names — a task's metric under
 * its name, an operator's under `<operator_name>.<name>`, a user group's components joined with
 * "." in front, a histogram as `<name>_min`, `_max`, `_mean`, `_p50` … As in Flink's query service,
 * space, ".", ":" and "," in an operator's name and in user scope components become "_"
 * ("Count evens" → `Count_evens.numRecordsIn`). Entries are overwritten by
 * every collection and kept until their TaskManager or job is gone, so a finished job's last values
 * stay readable while the job is listed.
 */
import { HISTOGRAM_QUANTILES, type MetricDump, type MetricGroupDump } from "../../runtime/metrics/metric-dump.js";

export type MetricValues = Map<string, string>;

export interface TaskMetricValues {
  /** By subtask index. */
  subtasks: Map<number, MetricValues>;
}

export interface JobMetricValues {
  metrics: MetricValues;
  /** By vertex id. */
  tasks: Map<string, TaskMetricValues>;
}

/** Integers beyond 2^53 (Flink's Long.MIN_VALUE "no watermark") printed exactly as Flink prints longs. */
export function formatMetricNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) >= 2 ** 53) return v >= 2 ** 63 ? "9223372036854775807" : BigInt(v).toString();
  return Number.isFinite(v) ? String(v) : "NaN";
}

function addValues(into: MetricValues, prefix: string, m: MetricDump): void {
  const name = prefix + m.name;
  switch (m.kind) {
    case "counter":
    case "meter":
      into.set(name, formatMetricNumber(m.value));
      return;
    case "gauge":
      into.set(name, typeof m.value === "number" ? formatMetricNumber(m.value) : m.value);
      return;
    case "histogram": {
      const h = m.value;
      into.set(`${name}_count`, String(h.count));
      into.set(`${name}_min`, formatMetricNumber(h.min));
      into.set(`${name}_max`, formatMetricNumber(h.max));
      into.set(`${name}_mean`, formatMetricNumber(h.mean));
      into.set(`${name}_stddev`, formatMetricNumber(h.stddev));
      for (const q of Object.keys(HISTOGRAM_QUANTILES) as (keyof typeof HISTOGRAM_QUANTILES)[]) into.set(`${name}_${q}`, formatMetricNumber(h.quantiles[q]));
      return;
    }
  }
}

/** Flink's character filter of the metric query service. */
export const queryScopeComponent = (s: string): string => s.replace(/[ .:,]/g, "_");

export class MetricStore {
  readonly jobManager: MetricValues = new Map();
  readonly taskManagers = new Map<string, MetricValues>();
  readonly jobs = new Map<string, JobMetricValues>();

  add(groups: readonly MetricGroupDump[]): void {
    for (const g of groups) {
      const v = g.variables;
      const user = g.userScope.length ? `${g.userScope.map(queryScopeComponent).join(".")}.` : "";
      const target = this.valuesFor(g);
      if (!target) continue;
      const prefix = g.category === "taskmanager.job.task.operator" ? `${queryScopeComponent(v.operator_name ?? "")}.${user}` : user;
      for (const m of g.metrics) addValues(target, prefix, m);
    }
  }

  private valuesFor(g: MetricGroupDump): MetricValues | undefined {
    const v = g.variables;
    switch (g.category) {
      case "jobmanager":
        return this.jobManager;
      case "taskmanager":
        return v.tm_id === undefined ? undefined : getOrCreate(this.taskManagers, v.tm_id, () => new Map());
      case "jobmanager.job":
        return v.job_id === undefined ? undefined : this.job(v.job_id).metrics;
      case "taskmanager.job.task":
      case "taskmanager.job.task.operator": {
        if (v.job_id === undefined || v.task_id === undefined || v.subtask_index === undefined) return undefined;
        const task = getOrCreate(this.job(v.job_id).tasks, v.task_id, () => ({ subtasks: new Map() }));
        return getOrCreate(task.subtasks, Number(v.subtask_index), () => new Map());
      }
    }
  }

  private job(jobId: string): JobMetricValues {
    return getOrCreate(this.jobs, jobId, () => ({ metrics: new Map(), tasks: new Map() }));
  }

  /** Forgets TaskManagers no longer registered and jobs no longer listed (Flink's retain*). */
  retain(taskManagerIds: ReadonlySet<string>, jobIds: ReadonlySet<string>): void {
    for (const id of this.taskManagers.keys()) if (!taskManagerIds.has(id)) this.taskManagers.delete(id);
    for (const id of this.jobs.keys()) if (!jobIds.has(id)) this.jobs.delete(id);
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = create()));
  return v;
}
