/**
 * What a collection request returns (Flink's MetricDump): plain data that crosses worker ports and
 * RPC. A histogram is sent as its statistics; a meter as its rate (and count).
 */
import type { Counter, Gauge, Histogram, Meter } from "../../api/metrics.js";

export type MetricCategory = "jobmanager" | "jobmanager.job" | "taskmanager" | "taskmanager.job.task" | "taskmanager.job.task.operator";
export type MetricKind = "counter" | "gauge" | "meter" | "histogram";

/** Flink's quantiles of a histogram, by the suffix it gives them. */
export const HISTOGRAM_QUANTILES = { p50: 0.5, p75: 0.75, p95: 0.95, p98: 0.98, p99: 0.99, p999: 0.999 } as const;

export interface HistogramDump {
  count: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  quantiles: Record<keyof typeof HISTOGRAM_QUANTILES, number>;
}

export type MetricDump =
  | { name: string; kind: "counter"; value: number }
  | { name: string; kind: "gauge"; value: number | string }
  | { name: string; kind: "meter"; value: number; count: number }
  | { name: string; kind: "histogram"; value: HistogramDump };

export interface MetricGroupDump {
  category: MetricCategory;
  /** Flink's variables without the angle brackets: job_id, task_id, subtask_index, operator_name, tm_id, host, … */
  variables: Readonly<Record<string, string>>;
  /** e.g. ["taskmanager", "job", "task", "operator", "myGroup"]: the reporters' naming scheme. */
  logicalScope: readonly string[];
  /** Components added with addGroup: they prefix the metric's name in the REST API ("myGroup.myCounter"). */
  userScope: readonly string[];
  metrics: MetricDump[];
}

export function dumpMetric(name: string, kind: MetricDump["kind"], metric: Counter | Gauge<number | string> | Meter | Histogram): MetricDump {
  switch (kind) {
    case "counter":
      return { name, kind, value: (metric as Counter).getCount() };
    case "gauge": {
      const v = (metric as Gauge<number | string>).getValue();
      return { name, kind, value: typeof v === "number" || typeof v === "string" ? v : String(v) };
    }
    case "meter":
      return { name, kind, value: (metric as Meter).getRate(), count: (metric as Meter).getCount() };
    case "histogram": {
      const s = (metric as Histogram).getStatistics();
      const quantiles = Object.fromEntries(Object.entries(HISTOGRAM_QUANTILES).map(([k, q]) => [k, s.quantile(q)])) as HistogramDump["quantiles"];
      return { name, kind, value: { count: s.count, min: s.min, max: s.max, mean: s.mean, stddev: s.stddev, quantiles } };
    }
  }
}
