/**
 * Accumulators in Flink's JSON (docs/architecture.md, "Accumulators"): merged per job, per vertex
 * and per subtask from the snapshots the tasks report with their metrics, each stringified as
 * Flink's StringifiedAccumulatorResult does (the value's Java type name and its toString).
 */
import { accumulatorResultValue, mergeAccumulatorSnapshots, type AccumulatorSnapshot } from "../../api/accumulators.js";
import type { SubtaskInfo } from "../../cluster/messages.js";

export interface UserAccumulatorJson {
  name: string;
  type: string;
  value: string;
}

const JAVA_TYPE: Record<AccumulatorSnapshot["kind"], string> = {
  IntCounter: "Integer",
  LongCounter: "Long",
  DoubleCounter: "Double",
  AverageAccumulator: "Double",
  Histogram: "TreeMap",
  ListAccumulator: "ArrayList",
};

/** Java's Double.toString for the values accumulators hold (3 → "3.0"). */
function javaDouble(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e7 ? `${n}.0` : String(n);
}

function javaString(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return `[${v.map(javaString).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${k}=${javaString(x)}`).join(", ")}}`;
  return String(v);
}

export function stringifyAccumulator(name: string, s: AccumulatorSnapshot): UserAccumulatorJson {
  const value = accumulatorResultValue(s);
  const text = s.kind === "DoubleCounter" || s.kind === "AverageAccumulator" ? javaDouble(value as number) : javaString(value);
  return { name, type: JAVA_TYPE[s.kind], value: text };
}

export function userAccumulatorsJson(snapshots: Record<string, AccumulatorSnapshot> | undefined): UserAccumulatorJson[] {
  return Object.entries(snapshots ?? {}).map(([name, s]) => stringifyAccumulator(name, s));
}

/** The subtasks' accumulators merged by name (a name used with two kinds is left out, as in the job result). */
export function mergedAccumulatorsOf(subtasks: SubtaskInfo[]): Record<string, AccumulatorSnapshot> {
  return mergeAccumulatorSnapshots(subtasks.map((s) => s.metrics?.accumulators)).merged;
}

/** /jobs/:jobid/accumulators; `includeSerializedValue` adds each value as JSON (Flink: a serialized Java object). */
export function jobAccumulatorsJson(subtasks: SubtaskInfo[], includeSerializedValue: boolean): Record<string, unknown> {
  const merged = mergedAccumulatorsOf(subtasks);
  return {
    // Flink's job-accumulators are always empty too (the list is kept for compatibility).
    "job-accumulators": [],
    "user-task-accumulators": userAccumulatorsJson(merged),
    "serialized-user-task-accumulators": includeSerializedValue ? Object.fromEntries(Object.entries(merged).map(([name, s]) => [name, accumulatorResultValue(s)])) : {},
  };
}
