/** Task metrics in Flink's IOMetricsInfo shape, per subtask and summed/maxed per vertex. */
import type { TaskMetrics } from "../../cluster/messages.js";
import type { GetJobResponse } from "../schemas/types/jobs.js";
import { EXECUTION_STATES } from "../schemas/common.js";
import type { ExecutionState } from "../../cluster/messages.js";

/** Flink's IOMetricsInfo, as the route schemas declare it for a job's vertices. */
export type IoMetricsJson = GetJobResponse["vertices"][number]["metrics"];

/** Metrics of a set of subtasks; "-complete" says whether every subtask has reported. */
export function ioMetrics(metrics: (TaskMetrics | undefined)[]): IoMetricsJson {
  const reported = metrics.filter((m): m is TaskMetrics => m !== undefined);
  const complete = reported.length === metrics.length;
  const sum = (f: (m: TaskMetrics) => number): number => reported.reduce((n, m) => n + f(m), 0);
  const max = (f: (m: TaskMetrics) => number): number => reported.reduce((n, m) => Math.max(n, f(m)), 0);
  return {
    "read-bytes": sum((m) => m.numBytesIn),
    "read-bytes-complete": complete,
    "write-bytes": sum((m) => m.numBytesOut),
    "write-bytes-complete": complete,
    "read-records": sum((m) => m.numRecordsIn),
    "read-records-complete": complete,
    "write-records": sum((m) => m.numRecordsOut),
    "write-records-complete": complete,
    busyTimeMsPerSecond: max((m) => m.busyTimeMsPerSecond),
    backPressuredTimeMsPerSecond: max((m) => m.backPressuredTimeMsPerSecond),
    idleTimeMsPerSecond: reported.length ? Math.min(...reported.map((m) => m.idleTimeMsPerSecond)) : 0,
    "accumulated-backpressured-time": sum((m) => m.accumulatedBackPressuredTimeMs),
    "accumulated-idle-time": sum((m) => m.accumulatedIdleTimeMs),
    "accumulated-busy-time": sum((m) => m.accumulatedBusyTimeMs),
  };
}

/** Every execution state with its count, zero included (Flink always lists all of them). */
export function allStateCounts(counts: Partial<Record<ExecutionState, number>>): Record<ExecutionState, number> {
  return Object.fromEntries(EXECUTION_STATES.map((s) => [s, counts[s] ?? 0])) as Record<ExecutionState, number>;
}

export function durationOf(start: number, end: number, now: number): number {
  if (start < 0) return -1;
  return (end >= 0 ? end : now) - start;
}
